// Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3",
// Random123): a counter-based generator built from 32-bit add, rotate and xor only, so the WGSL
// twin in shaders/threefry.wgsl computes bit-identical words. value = f(key, counter).
//
// Conventions used across the project: key = (seed, stream), counter = (step, index).

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;
const SKEIN_PARITY = 0x1bd11bda;

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

const words = new Uint32Array(2);
const ks = new Uint32Array(3);

/** Runs the 20 rounds, leaving the two output words in `words` (no allocation: this is a hot path). */
function rounds(k0: number, k1: number, c0: number, c1: number): void {
  ks[0] = k0;
  ks[1] = k1;
  ks[2] = SKEIN_PARITY ^ k0 ^ k1;
  let x0 = (c0 + ks[0]) >>> 0;
  let x1 = (c1 + ks[1]) >>> 0;
  for (let round = 0; round < 20; round++) {
    x0 = (x0 + x1) >>> 0;
    x1 = rotl(x1, ROTATIONS[round % 8]);
    x1 = (x1 ^ x0) >>> 0;
    if (round % 4 === 3) {
      const s = (round + 1) / 4; // key injection number 1..5
      x0 = (x0 + ks[s % 3]) >>> 0;
      x1 = (x1 + ks[(s + 1) % 3] + s) >>> 0;
    }
  }
  words[0] = x0;
  words[1] = x1;
}

/** The two output words for counter (c0, c1) under key (k0, k1). All inputs are u32. */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number): [number, number] {
  rounds(k0, k1, c0, c1);
  return [words[0], words[1]];
}

/** First output word only (what the dropout masks use). */
export function threefryWord(seed: number, stream: number, step: number, index: number): number {
  rounds(seed, stream, step, index);
  return words[0];
}

/** A u32 to a float in [0, 1) with 24 bits: exact in float32, so CPU and GPU agree bit for bit. */
export function unitFloat(word: number): number {
  return (word >>> 8) * 5.9604644775390625e-8; // 2^-24
}

/** Dropout keep decision for element `index` at step `step`: keep iff u >= p (P(keep) = 1 - p). */
export function keepUnit(seed: number, stream: number, step: number, index: number, pDrop: number): boolean {
  return unitFloat(threefryWord(seed, stream, step, index)) >= Math.fround(pDrop);
}

/** Uniform in [0, 1) at (seed, stream, index) (counter word 0 = 0). */
export function uniformAt(seed: number, stream: number, index: number): number {
  return unitFloat(threefry2x32(seed, stream, 0, index)[0]);
}

/** Standard normal at (seed, stream, index) by Box–Muller on both output words. */
export function normalAt(seed: number, stream: number, index: number): number {
  const [w0, w1] = threefry2x32(seed, stream, 0, index);
  const u1 = ((w0 >>> 8) + 1) * 5.9604644775390625e-8; // (0, 1]: log stays finite
  const u2 = unitFloat(w1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
