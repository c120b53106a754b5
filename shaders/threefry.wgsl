// Threefry-2x32-20, the WGSL twin of src/engine/random/threefry.ts: 32-bit add, rotate and xor
// only, so every word is bit-identical to the TypeScript generator. Key = (seed, stream),
// counter = (step, index). Dropout keeps a unit iff unit_float(word 0) >= p.

const TF_PARITY: u32 = 0x1bd11bdau;

fn tf_round(x: vec2<u32>, r: u32) -> vec2<u32> {
  let a = x.x + x.y;
  let b = ((x.y << r) | (x.y >> (32u - r))) ^ a;
  return vec2<u32>(a, b);
}

fn tf_four_even(x: vec2<u32>) -> vec2<u32> {
  return tf_round(tf_round(tf_round(tf_round(x, 13u), 15u), 26u), 6u);
}

fn tf_four_odd(x: vec2<u32>) -> vec2<u32> {
  return tf_round(tf_round(tf_round(tf_round(x, 17u), 29u), 16u), 24u);
}

/** Both output words for counter (c0, c1) under key (k0, k1). */
fn threefry2x32(k0: u32, k1: u32, c0: u32, c1: u32) -> vec2<u32> {
  let k2 = TF_PARITY ^ k0 ^ k1;
  var x = vec2<u32>(c0 + k0, c1 + k1);
  x = tf_four_even(x) + vec2<u32>(k1, k2 + 1u);
  x = tf_four_odd(x) + vec2<u32>(k2, k0 + 2u);
  x = tf_four_even(x) + vec2<u32>(k0, k1 + 3u);
  x = tf_four_odd(x) + vec2<u32>(k1, k2 + 4u);
  x = tf_four_even(x) + vec2<u32>(k2, k0 + 5u);
  return x;
}

/** A u32 to [0, 1) with 24 bits (exact in f32). */
fn unit_float(w: u32) -> f32 {
  return f32(w >> 8u) * 5.9604644775390625e-8;
}

/** Dropout keep decision: keep iff u >= p, so P(keep) = 1 - p. */
fn keep_unit(seed: u32, stream: u32, step: u32, index: u32, p_drop: f32) -> bool {
  return unit_float(threefry2x32(seed, stream, step, index).x) >= p_drop;
}
