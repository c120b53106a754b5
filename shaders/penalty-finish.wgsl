// Regularization penalty, pass 2 of 2: one workgroup per model adds the NPART (≤ 256) partial sums
// of pass 1 and writes value = l1·Σ|w| + 0.5·wd·Σw² (wd = 0 for AdamW: its decay is no loss term)
// into the slot ((t-1) mod OUT_LEN when HISTORY, else 0). Baked: NPART, HISTORY, OUT_LEN, PART_*, OUT_*.

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.z;
  var s1 = 0.0;
  var s2 = 0.0;
  if (li < NPART) {
    s1 = ld(PART_AR, PART_OFF + m * PART_MS + 2u * li);
    s2 = ld(PART_AR, PART_OFF + m * PART_MS + 2u * li + 1u);
  }
  sm[li] = s1;
  sm[WG + li] = s2;
  pair_sum(li);
  if (li == 0u) {
    let l1 = hyper_f32(m, H_L1);
    let coupled = u32(hyper_f32(m, H_OPTIMIZER)) != OPT_ADAMW;
    let wd = select(0.0, hyper_f32(m, H_WEIGHT_DECAY), coupled);
    var slot = 0u;
    if (HISTORY) { slot = ring_slot(OUT_LEN); }
    st(OUT_AR, OUT_OFF + m * OUT_MS + slot, l1 * sm[0] + (0.5 * wd) * sm[WG]);
  }
}
