// Mean squared error for CPU emulations of WebGPU (SwiftShader): mse.wgsl without workgroup memory
// or barriers (a barrier puts the whole dispatch in SwiftShader's slow mode). One thread per model
// (m = workgroup_id.x * MSE_WG + local index) sums (pred - target)² over i = 0, 1, ..., N - 1 in
// order, as the CPU backend does. Baked: MODELS, MSE_WG and mse.wgsl's constants.

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.x * MSE_WG + li;
  if (li >= MSE_WG || m >= MODELS) { return; }
  var s = 0.0;
  for (var i = 0u; i < N; i++) {
    let d = ld(PRED_AR, PRED_OFF + m * PRED_MS + i) - ld(TARGET_AR, TARGET_OFF + m * TARGET_MS + i);
    s += d * d;
    if (HAS_GRAD) { st(GRAD_AR, GRAD_OFF + m * GRAD_MS + i, d * TWO_OVER_N); }
  }
  var slot = 0u;
  if (HISTORY) { slot = ring_slot(LOSS_LEN); }
  st(LOSS_AR, LOSS_OFF + m * LOSS_MS + slot, s / f32(N));
}
