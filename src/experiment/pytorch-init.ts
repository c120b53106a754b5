// PyTorch's initial weights of the tutorial's two nets (torch.manual_seed(1), seed_run.json), so the
// page, `train` and the parity tests start the Tutorial preset where PyTorch did. The page reads
// them from a packed float32 file (pytorch-tutorial-init.f32, made by scripts/make-tutorial-init.ts);
// the Node commands read seed_run.json itself.

import type { Settings } from './settings';

/** The nets of seed_run.json, in the experiment's net order (plain, then dropout). */
export const SEED_RUN_NETS = ['overfitting', 'dropped'] as const;

/** True for the shape PyTorch's initial weights exist for: 1→300→300→1, the tutorial's 20 points (seed 1, σ 0.3). */
export function hasPytorchInit(s: Settings): boolean {
  return s.preset === 'tutorial' && s.hidden === 300 && s.layers === 2 && s.points === 20 && s.noise === 0.3 && s.seed === 1;
}

/**
 * Splits the packed file (per net, every parameter in plan order, float32 little-endian) into the
 * experiment's `initialParams`: [net][parameter]. `sizes` are the parameters' element counts.
 */
export function unpackInit(bytes: ArrayBuffer, sizes: readonly number[], nets = SEED_RUN_NETS.length): Float32Array[][] {
  const perNet = sizes.reduce((a, b) => a + b, 0);
  if (bytes.byteLength !== perNet * nets * 4) {
    throw new RangeError(`initial weights: expected ${perNet * nets * 4} bytes (${nets} nets × ${perNet} floats), got ${bytes.byteLength}`);
  }
  const all = new Float32Array(bytes);
  let at = 0;
  return Array.from({ length: nets }, () =>
    sizes.map((n) => {
      const out = all.slice(at, at + n);
      at += n;
      return out;
    }),
  );
}

/** The inverse of unpackInit. */
export function packInit(perNet: readonly (readonly Float32Array[])[]): Uint8Array {
  const total = perNet.reduce((s, net) => s + net.reduce((a, p) => a + p.length, 0), 0);
  const all = new Float32Array(total);
  let at = 0;
  for (const net of perNet)
    for (const p of net) {
      all.set(p, at);
      at += p.length;
    }
  return new Uint8Array(all.buffer);
}
