// Tree reduction of two WG-long rows of workgroup memory, sm[0..WG) and sm[WG..2·WG), into sm[0]
// and sm[WG] (a fixed order, so results are deterministic). Every invocation of the workgroup calls
// it, from uniform control flow, after writing its own sm[li] and sm[WG + li].
fn pair_sum(li: u32) {
  workgroupBarrier();
  for (var half = WG / 2u; half > 0u; half /= 2u) {
    if (li < half) {
      sm[li] += sm[li + half];
      sm[WG + li] += sm[WG + li + half];
    }
    workgroupBarrier();
  }
}
