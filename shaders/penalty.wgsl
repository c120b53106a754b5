// Regularization penalty, pass 1 of 2: workgroup (w, 0, m) takes elements [w·CHUNK, (w+1)·CHUNK)
// of model m's listed tensors, flattened: grad += l1·sign(w) when l1 ≠ 0, and its partial sums
// Σ|w|, Σw² go to partials[m][w]. Pass 2 (penalty-finish.wgsl) adds the NPART partials in a
// fixed order, so the value is deterministic. Baked: E_TOTAL, CHUNK, PART_*, and
// pen_slot(e, m) -> PenSlot, the (arena, index) of element e's param and grad.

struct PenSlot {
  p: vec2<u32>,
  g: vec2<u32>,
}

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.z;
  let part = wg.x;
  let l1 = hyper_f32(m, H_L1);
  var s1 = 0.0;
  var s2 = 0.0;
  let end = min((part + 1u) * CHUNK, E_TOTAL);
  for (var e = part * CHUNK + li; e < end; e += WG) {
    let s = pen_slot(e, m);
    let w = ld(s.p.x, s.p.y);
    s1 += abs(w);
    s2 += w * w;
    if (l1 != 0.0) { st(s.g.x, s.g.y, ld(s.g.x, s.g.y) + l1 * sign(w)); }
  }
  sm[li] = s1;
  sm[WG + li] = s2;
  pair_sum(li);
  if (li == 0u) {
    st(PART_AR, PART_OFF + m * PART_MS + 2u * part, sm[0]);
    st(PART_AR, PART_OFF + m * PART_MS + 2u * part + 1u, sm[WG]);
  }
}
