// One pass over every element of a model's parameter tensors without workgroup memory or
// barriers, for CPU emulations of WebGPU (SwiftShader, where a barrier puts the whole dispatch in a
// slow mode): the penalty's first half (PENALTY), the optimizer step (OPTIMIZE), or both fused
// (the penalty's L1 gradient feeds the step, and the weights it sums are the ones before the
// step). Thread g (of SWEEP_THREADS per model; model workgroup_id.z) takes elements g,
// g + SWEEP_THREADS, ... of each tensor, so neighbouring invocations touch neighbouring elements,
// and reads its model's hyperparameters once.
// PENALTY: Σ|w| and Σw² of its elements into partials[m][2g], [2g + 1] (penalty-total.wgsl adds
// them in order), and grad += l1·sign(w) when l1 ≠ 0 (the gradient buffers end as with
// penalty.wgsl). The sums are skipped (left 0) when the model has neither L1 nor a coupled weight
// decay: the CPU backend then reports 0. OPTIMIZE: optimizer-rule.wgsl's step; models with
// active = 0 are left alone (their values are written back unchanged, see sweep_element).
// Baked: SWEEP_THREADS, PENALTY, OPTIMIZE, PART_*, the optimizer's constants (optimizer-rule.wgsl),
// sweep_tensors(m, g, h, sums), which runs sweep_element over the thread's elements of each tensor
// (one loop per tensor, its locations baked), and sweep_tensors_adam(m, g, h), the same loops over
// adam_element for a model whose step is a plain Adam one (plain_adam).

struct SweepHyper {
  rule: OptRule,
  l1: f32,
  /** the penalty's sums matter: L1, or a weight decay that is a loss term (not AdamW's) */
  penalize: bool,
  training: bool,
}

fn sweep_hyper(m: u32) -> SweepHyper {
  let rule = opt_rule(m);
  let l1 = hyper_f32(m, H_L1);
  let coupled_wd = select(rule.wd, 0.0, rule.kind == OPT_ADAMW);
  return SweepHyper(rule, l1, l1 != 0.0 || coupled_wd != 0.0, hyper_f32(m, H_ACTIVE) != 0.0);
}

/**
 * One element: param at (pa, pi), grad at (ga, gi), moments at (ma, mi) and (va, vi). Straight-line
 * code: every value is loaded and stored, and selects pick what a branch would have. SwiftShader
 * runs both sides of every branch under a lane mask, so the masked loads and stores of the paths a
 * model does not take cost nearly as much as the taken ones (this form is 2x faster there than the
 * branching one). A value a model's settings leave alone (the gradient without L1, SGD's moments
 * without momentum, everything of an inactive model) is written back with the bits it was read with.
 */
fn sweep_element(h: SweepHyper, sums: ptr<function, vec2<f32>>, pa: u32, pi: u32, ga: u32, gi: u32, ma: u32, mi: u32, va: u32, vi: u32) {
  let w = ld(pa, pi);
  var g = ld(ga, gi);
  if (PENALTY) {
    *sums = select(*sums, vec2<f32>((*sums).x + abs(w), (*sums).y + w * w), h.penalize);
    g = select(g, g + h.l1 * sign(w), h.l1 != 0.0);
    st(ga, gi, g);
  }
  if (!OPTIMIZE) { return; }
  let r = h.rule;
  let old = OptState(w, ld(ma, mi), ld(va, vi));
  let sgd = sgd_step(r, old, g);
  let adam = adam_step(r, old, g);
  let is_sgd = r.kind == OPT_SGD;
  let frozen = !h.training;
  st(pa, pi, select(select(adam.p, sgd.p, is_sgd), old.p, frozen));
  st(ma, mi, select(select(adam.mo, sgd.mo, is_sgd), old.mo, frozen));
  st(va, vi, select(select(adam.v, sgd.v, is_sgd), old.v, frozen));
}

/**
 * sweep_element for a plain Adam or AdamW step (plain_adam): the same results without the work of
 * the paths the model does not take (the penalty's sums are 0, the gradient is left as it is).
 */
fn adam_element(h: SweepHyper, pa: u32, pi: u32, ga: u32, gi: u32, ma: u32, mi: u32, va: u32, vi: u32) {
  let n = adam_step(h.rule, OptState(ld(pa, pi), ld(ma, mi), ld(va, vi)), ld(ga, gi));
  st(ma, mi, n.mo);
  st(va, vi, n.v);
  st(pa, pi, n.p);
}

/** A training model whose step is Adam's or AdamW's, without L1 or a weight decay in the loss. */
fn plain_adam(h: SweepHyper) -> bool {
  return OPTIMIZE && h.training && !h.penalize && h.l1 == 0.0 && h.rule.kind != OPT_SGD;
}

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.z;
  let g = (wg.y * nwg.x + wg.x) * SWEEP_WG + li;
  if (g >= SWEEP_THREADS) { return; }
  let h = sweep_hyper(m);
  var sums = vec2<f32>(0.0, 0.0);
  // SwiftShader runs both sides of this if, but a side no lane takes runs its loops zero times
  if (plain_adam(h)) {
    sweep_tensors_adam(m, g, h);
  } else {
    sweep_tensors(m, g, h, &sums);
  }
  if (PENALTY) {
    st(PART_AR, PART_OFF + m * PART_MS + 2u * g, sums.x);
    st(PART_AR, PART_OFF + m * PART_MS + 2u * g + 1u, sums.y);
  }
}
