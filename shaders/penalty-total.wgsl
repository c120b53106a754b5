// Regularization penalty, second half for CPU emulations (after param-sweep.wgsl): one thread per
// model (m = workgroup_id.x * TOTAL_WG + local index) adds the NPART partial sums in order, without
// workgroup memory or barriers, and writes value = l1·Σ|w| + 0.5·wd·Σw² (wd = 0 for AdamW: its
// decay is no loss term) into the slot ((t-1) mod OUT_LEN when HISTORY, else 0).
// Baked: MODELS, TOTAL_WG, NPART, HISTORY, OUT_LEN, PART_*, OUT_*.

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.x * TOTAL_WG + li;
  if (li >= TOTAL_WG || m >= MODELS) { return; }
  var s1 = 0.0;
  var s2 = 0.0;
  for (var i = 0u; i < NPART; i++) {
    s1 += ld(PART_AR, PART_OFF + m * PART_MS + 2u * i);
    s2 += ld(PART_AR, PART_OFF + m * PART_MS + 2u * i + 1u);
  }
  let l1 = hyper_f32(m, H_L1);
  let coupled = u32(hyper_f32(m, H_OPTIMIZER)) != OPT_ADAMW;
  let wd = select(0.0, hyper_f32(m, H_WEIGHT_DECAY), coupled);
  var slot = 0u;
  if (HISTORY) { slot = ring_slot(OUT_LEN); }
  st(OUT_AR, OUT_OFF + m * OUT_MS + slot, l1 * s1 + (0.5 * wd) * s2);
}
