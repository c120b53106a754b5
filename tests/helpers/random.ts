// Seeded randomness for the randomized tests (engine and WebGPU): a fresh seed per run (printed, so a failure can be
// replayed with DROPOUT_LAB_TEST_SEED=<seed>), and a small PRNG (mulberry32).

export function testSeed(file: string): number {
  const fixed = process.env.DROPOUT_LAB_TEST_SEED;
  const seed = fixed !== undefined ? Number(fixed) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
  console.log(`[${file}] seed ${seed} (replay with DROPOUT_LAB_TEST_SEED=${seed})`);
  return seed;
}

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** uniform u32 */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** uniform in [0, 1) */
  next(): number {
    return this.u32() / 2 ** 32;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  bool(pTrue = 0.5): boolean {
    return this.next() < pTrue;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  floats(n: number, lo = -1, hi = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform(lo, hi);
    return out;
  }
}
