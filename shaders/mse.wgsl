// Mean squared error, one workgroup per model (workgroup_id.z): loss[m] = (1/N) Σ (pred - target)²
// into the loss slot ((t-1) mod LOSS_LEN when HISTORY, else 0), and grad[m][i] = (pred - target)·(2/N)
// when HAS_GRAD (torch's mse_loss_backward order). Baked: N, TWO_OVER_N, HISTORY, LOSS_LEN,
// HAS_GRAD and the operand locations PRED_*, TARGET_*, GRAD_*, LOSS_*.

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.z;
  var s = 0.0;
  for (var i = li; i < N; i += WG) {
    let d = ld(PRED_AR, PRED_OFF + m * PRED_MS + i) - ld(TARGET_AR, TARGET_OFF + m * TARGET_MS + i);
    s += d * d;
    if (HAS_GRAD) { st(GRAD_AR, GRAD_OFF + m * GRAD_MS + i, d * TWO_OVER_N); }
  }
  sm[li] = s;
  workgroupBarrier();
  for (var half = WG / 2u; half > 0u; half /= 2u) {
    if (li < half) { sm[li] += sm[li + half]; }
    workgroupBarrier();
  }
  if (li == 0u) {
    var slot = 0u;
    if (HISTORY) { slot = ring_slot(LOSS_LEN); }
    st(LOSS_AR, LOSS_OFF + m * LOSS_MS + slot, sm[0] / f32(N));
  }
}
