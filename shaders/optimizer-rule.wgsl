// The optimizer's update rules, torch 1.13 single-tensor formulas in the CPU backend's operation
// order: SGD (momentum, coupled weight decay), Adam (coupled L2) and AdamW (decoupled). Shared by
// optimizer.wgsl (one element per thread, GPUs) and param-sweep.wgsl (CPU emulations); each
// kernel body is its baked constants, this file, then the kernel file. The bias corrections come
// from the host (bias_corrections, computed in double as torch does). Baked: Adam's constants
// (B1, B2, EPS, ONE_MINUS_B1/B2 rounded from doubles) and BIAS_PAIR.

/** Model m's optimizer at this replay's step: the same for all of its elements. */
struct OptRule {
  kind: u32,
  lr: f32,
  wd: f32,
  momentum: f32,
  /** Adam's bias corrections (1 - β1^t, sqrt(1 - β2^t)) */
  bc: vec2<f32>,
}

fn opt_rule(m: u32) -> OptRule {
  return OptRule(
    u32(hyper_f32(m, H_OPTIMIZER)),
    hyper_f32(m, H_LR),
    hyper_f32(m, H_WEIGHT_DECAY),
    hyper_f32(m, H_MOMENTUM),
    bias_corrections(BIAS_PAIR),
  );
}

/** One element: the parameter and its optimizer state (SGD's momentum buffer in mo). */
struct OptState {
  p: f32,
  mo: f32,
  v: f32,
}

/** SGD; with momentum, torch clones the gradient into the buffer at the first step. */
fn sgd_step(r: OptRule, s: OptState, grad: f32) -> OptState {
  var g = grad;
  if (r.wd != 0.0) { g = g + r.wd * s.p; }
  var mo = s.mo;
  if (r.momentum != 0.0) {
    mo = select(s.mo * r.momentum + g, g, step_t() == 1u);
    g = mo;
  }
  return OptState(s.p + (-r.lr) * g, mo, s.v);
}

/** Adam, or AdamW (r.kind == OPT_ADAMW). */
fn adam_step(r: OptRule, s: OptState, grad: f32) -> OptState {
  var p = s.p;
  var g = grad;
  if (r.kind == OPT_ADAMW) {
    p = p * fma(-r.lr, r.wd, 1.0); // torch: 1 - lr·wd in double, then f32
  } else if (r.wd != 0.0) {
    g = g + r.wd * p;
  }
  let mo = s.mo * B1 + g * ONE_MINUS_B1;
  let v = s.v * B2 + (ONE_MINUS_B2 * g) * g;
  let step_size = r.lr / r.bc.x;
  let denom = sqrt(v) / r.bc.y + EPS;
  return OptState(p + ((-step_size) * mo) / denom, mo, v);
}
