// One optimizer step for every element of every parameter tensor of every model in one dispatch
// (elements of model workgroup_id.z, grid-stride); models with active = 0 are left alone. torch 1.13
// single-tensor formulas: SGD (momentum, coupled weight decay), Adam (coupled L2), AdamW
// (decoupled), in the CPU backend's operation order; the bias corrections come from the host
// (bias_corrections, computed in double as torch does). Baked: E_TOTAL (elements per model),
// Adam's constants (B1, B2, EPS, ONE_MINUS_B1/B2 rounded from doubles), BIAS_PAIR and
// opt_slot(e, m), which maps an element to the (arena, index) of its param, grad and moments.

struct OptSlot {
  p: vec2<u32>,
  g: vec2<u32>,
  mo: vec2<u32>,
  v: vec2<u32>,
}

/** The update of element e of model m. */
fn update(m: u32, e: u32) {
  let s = opt_slot(e, m);
  let lr = hyper_f32(m, H_LR);
  let wd = hyper_f32(m, H_WEIGHT_DECAY);
  let kind = u32(hyper_f32(m, H_OPTIMIZER));
  var p = ld(s.p.x, s.p.y);
  var g = ld(s.g.x, s.g.y);

  if (kind == OPT_SGD) {
    if (wd != 0.0) { g = g + wd * p; }
    let momentum = hyper_f32(m, H_MOMENTUM);
    if (momentum != 0.0) {
      // torch clones the gradient into the buffer at the first step
      let buf = select(ld(s.mo.x, s.mo.y) * momentum + g, g, step_t() == 1u);
      st(s.mo.x, s.mo.y, buf);
      g = buf;
    }
    st(s.p.x, s.p.y, p + (-lr) * g);
    return;
  }

  if (kind == OPT_ADAMW) {
    p = p * fma(-lr, wd, 1.0); // torch: 1 - lr·wd in double, then f32
  } else if (wd != 0.0) {
    g = g + wd * p;
  }
  let mo = ld(s.mo.x, s.mo.y) * B1 + g * ONE_MINUS_B1;
  let v = ld(s.v.x, s.v.y) * B2 + (ONE_MINUS_B2 * g) * g;
  st(s.mo.x, s.mo.y, mo);
  st(s.v.x, s.v.y, v);
  let bc = bias_corrections(BIAS_PAIR);
  let step_size = lr / bc.x;
  let denom = sqrt(v) / bc.y + EPS;
  st(s.p.x, s.p.y, p + ((-step_size) * mo) / denom);
}

/** Grid-stride over the model's elements (one per thread on GPUs, many on CPU emulations). */
fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.z;
  if (hyper_f32(m, H_ACTIVE) == 0.0) { return; }
  let stride = nwg.x * nwg.y * WG;
  for (var e = (wg.y * nwg.x + wg.x) * WG + li; e < E_TOTAL; e += stride) { update(m, e); }
}
