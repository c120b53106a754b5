// Loads the WebAssembly SIMD twins of the CPU hot loops (kernels.wat) over the backend's memory.
// Returns undefined where WebAssembly SIMD is unavailable; the plain TypeScript loops then run.

import { KERNELS_WASM_BASE64 } from './kernels.wasm';

export interface SimdKernels {
  matmul(a: number, b: number, out: number, rows: number, inner: number, cols: number, aRow: number, aK: number): void;
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    decoupled: number,
    wd: number,
    decay: number,
    b1: number,
    omb1: number,
    b2: number,
    omb2: number,
    bc2: number,
    eps: number,
    negStep: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function loadSimdKernels(memory: WebAssembly.Memory): SimdKernels | undefined {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(decode(KERNELS_WASM_BASE64));
    } catch {
      compiled = null; // no SIMD support: stay on the TypeScript loops
    }
  }
  if (compiled === null) return undefined;
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as SimdKernels;
}
