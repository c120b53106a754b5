// One optimizer step for every element of every parameter tensor of every model in one dispatch
// (elements of model workgroup_id.z, grid-stride); models with active = 0 are left alone. The rules
// are optimizer-rule.wgsl's. Baked: E_TOTAL (elements per model) and opt_slot(e, m), which maps an
// element to the (arena, index) of its param, grad and moments (and optimizer-rule.wgsl's constants).

struct OptSlot {
  p: vec2<u32>,
  g: vec2<u32>,
  mo: vec2<u32>,
  v: vec2<u32>,
}

/** The update of element e of model m; SGD touches the momentum buffer only with momentum, never v. */
fn update(r: OptRule, m: u32, e: u32) {
  let s = opt_slot(e, m);
  let p = ld(s.p.x, s.p.y);
  let g = ld(s.g.x, s.g.y);
  if (r.kind == OPT_SGD) {
    var mo = 0.0;
    if (r.momentum != 0.0) { mo = ld(s.mo.x, s.mo.y); }
    let n = sgd_step(r, OptState(p, mo, 0.0), g);
    if (r.momentum != 0.0) { st(s.mo.x, s.mo.y, n.mo); }
    st(s.p.x, s.p.y, n.p);
    return;
  }
  let n = adam_step(r, OptState(p, ld(s.mo.x, s.mo.y), ld(s.v.x, s.v.y)), g);
  st(s.mo.x, s.mo.y, n.mo);
  st(s.v.x, s.v.y, n.v);
  st(s.p.x, s.p.y, n.p);
}

/** Grid-stride over the model's elements (one per thread on GPUs). */
fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.z;
  if (hyper_f32(m, H_ACTIVE) == 0.0) { return; }
  let r = opt_rule(m);
  let stride = nwg.x * nwg.y * WG;
  for (var e = (wg.y * nwg.x + wg.x) * WG + li; e < E_TOTAL; e += stride) { update(r, m, e); }
}
