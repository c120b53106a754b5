// The CPU backend's kernels: plain loops, written to be read. Every value is rounded to float32 after
// each arithmetic operation (Math.fround, or a store into a Float32Array), as PyTorch's float32 CPU
// ops do, so this backend tracks PyTorch's numbers closely and serves as the reference for WebGPU.

import {
  OptimizerCode,
  type MaskSource,
  type MatmulKernel,
  type MseKernel,
  type OptimizerKernel,
  type PenaltyKernel,
} from '../../engine/plan';
import { dropoutKeeps } from '../../engine/random/dropout-mask';
import type { HyperView } from './hyper-view';
import type { SimdKernels } from './wasm/simd';

const f = Math.fround;

/** A buffer as the kernels see it: its storage and the stride between models (0 when shared). */
export interface CpuBuffer {
  readonly data: Float32Array;
  readonly modelStride: number;
}

export interface KernelContext {
  readonly models: number;
  readonly step: number;
  readonly hyper: HyperView;
  buffer(id: number): CpuBuffer;
  /** scratch space of at least n floats (in the SIMD kernels' memory) */
  scratch(n: number): Float32Array;
  /** WebAssembly SIMD twins of the hot loops, when available (bit-identical results) */
  readonly simd?: SimdKernels;
}

/** Model m's dropout multiplier at this step: element index → keep·trainScale (0 for a dropped unit). */
function keepScaler(ctx: KernelContext, m: number, slot: number, masks: MaskSource, perStep: number): (index: number) => number {
  const scale = ctx.hyper.f(m, 'trainScale');
  if (masks.kind === 'buffer') {
    const mb = ctx.buffer(masks.buf);
    const steps = Math.floor(mb.data.length / (mb.modelStride === 0 ? 1 : ctx.models) / perStep);
    const base = m * mb.modelStride + ((ctx.step - 1) % steps) * perStep; // recorded steps repeat
    return (index) => (mb.data[base + index] !== 0 ? scale : 0);
  }
  const p = ctx.hyper.f(m, 'pDrop');
  if (p === 0) return () => scale;
  const seed = ctx.hyper.seed(m),
    step = ctx.step;
  return (index) => (dropoutKeeps(seed, slot, step, index, p) ? scale : 0);
}

/**
 * out = op(A)·op(B) with the fused epilogue of MatmulKernel. Every output element sums its
 * products in k order, one float32 rounding per product and per addition (as reference BLAS does).
 * A zero op(A)[r][k] (ReLU and dropout zeros) is skipped: adding a +0 product leaves the sum
 * unchanged, so this is exact and saves much of the work.
 */
export function matmul(ctx: KernelContext, k: MatmulKernel): void {
  const A = ctx.buffer(k.a),
    B = ctx.buffer(k.b),
    O = ctx.buffer(k.out);
  const rowSums = k.rowSumOut !== undefined ? ctx.buffer(k.rowSumOut) : undefined;
  const { rows, inner, cols } = k;
  const aRow = k.transA ? 1 : inner,
    aK = k.transA ? rows : 1;
  for (let m = 0; m < ctx.models; m++) {
    const a = A.data.subarray(m * A.modelStride);
    // B stored [cols][inner] is transposed once into [inner][cols], so the inner loop runs along
    // contiguous memory with independent accumulators (the summation order stays the same)
    const bRaw = B.data.subarray(m * B.modelStride);
    const b = k.transB ? transpose(bRaw, cols, inner, ctx.scratch(cols * inner)) : bRaw;
    const out = O.data.subarray(m * O.modelStride, m * O.modelStride + rows * cols);
    if (ctx.simd) ctx.simd.matmul(a.byteOffset, b.byteOffset, out.byteOffset, rows, inner, cols, aRow, aK);
    else for (let r = 0; r < rows; r++) axpyRow(a, b, r, aRow, aK, inner, cols, out.subarray(r * cols, (r + 1) * cols));
    if (rowSums) for (let r = 0; r < rows; r++) rowSums.data[m * rowSums.modelStride + r] = rowSum(a, r, aRow, aK, inner);
    applyEpilogue(ctx, k, m, out);
  }
}

function transpose(src: Float32Array, rows: number, cols: number, dst: Float32Array): Float32Array {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
  return dst;
}

/** Row r of op(A)·B as a sum of scaled rows of B ([inner][cols], contiguous along c). */
function axpyRow(
  a: Float32Array,
  b: Float32Array,
  r: number,
  aRow: number,
  aK: number,
  inner: number,
  cols: number,
  acc: Float32Array,
): void {
  acc.fill(0);
  for (let kk = 0; kk < inner; kk++) {
    const av = a[r * aRow + kk * aK];
    if (av === 0) continue;
    const bOff = kk * cols;
    for (let c = 0; c < cols; c++) acc[c] = acc[c] + f(av * b[bOff + c]);
  }
}

function rowSum(a: Float32Array, r: number, aRow: number, aK: number, inner: number): number {
  let sum = 0;
  for (let kk = 0; kk < inner; kk++) sum = f(sum + a[r * aRow + kk * aK]);
  return sum;
}

/** The fused epilogue over model m's whole output, in MatmulKernel's order. */
function applyEpilogue(ctx: KernelContext, k: MatmulKernel, m: number, out: Float32Array): void {
  const { rows, cols } = k;
  const perStep = rows * cols;
  const bias = k.bias !== undefined ? ctx.buffer(k.bias) : undefined;
  const biasBase = bias ? m * bias.modelStride : 0;
  const gate = k.reluGradGate !== undefined ? ctx.buffer(k.reluGradGate) : undefined;
  const gateBase = gate ? m * gate.modelStride : 0;
  const dropMode = k.dropout?.mode;
  const evalScale = ctx.hyper.f(m, 'evalScale');
  const forwardKeep = k.dropout && dropMode === 'train' ? keepScaler(ctx, m, k.dropout.slot, k.dropout.masks, perStep) : undefined;
  const backwardKeep = k.dropoutGrad ? keepScaler(ctx, m, k.dropoutGrad.slot, k.dropoutGrad.masks, perStep) : undefined;
  const relu = k.relu === true;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const index = r * cols + c;
      let v = out[index];
      if (bias) v = f(v + bias.data[biasBase + c]);
      if (forwardKeep) v = f(v * forwardKeep(index));
      else if (dropMode === 'eval') v = f(v * evalScale);
      if (relu && !(v > 0)) v = v !== v ? v : 0; // keep NaN visible (divergence), else max(v, 0)
      if (gate && !(gate.data[gateBase + index] > 0)) v = 0;
      // a zero stays zero under the (finite) dropout multiplier: no need to regenerate its mask
      if (backwardKeep && v !== 0) v = f(v * backwardKeep(index));
      out[index] = v;
    }
  }
}

function historySlot(ctx: KernelContext, history: boolean, length: number): number {
  return history ? (ctx.step - 1) % length : 0;
}

export function mse(ctx: KernelContext, k: MseKernel, lossLength: number): void {
  const P = ctx.buffer(k.pred),
    T = ctx.buffer(k.target),
    L = ctx.buffer(k.lossOut);
  const G = k.grad !== undefined ? ctx.buffer(k.grad) : undefined;
  const slot = historySlot(ctx, k.history, lossLength);
  const n = f(k.n);
  const norm = f(2 / k.n); // torch: (pred - target) * (2/N) in float32
  for (let m = 0; m < ctx.models; m++) {
    let sum = 0;
    for (let i = 0; i < k.n; i++) {
      const d = f(P.data[m * P.modelStride + i] - T.data[m * T.modelStride + i]);
      sum = f(sum + f(d * d));
      if (G) G.data[m * G.modelStride + i] = f(d * norm);
    }
    L.data[m * L.modelStride + slot] = f(sum / n);
  }
}

export function penalty(ctx: KernelContext, k: PenaltyKernel, outLength: number, sizes: readonly number[]): void {
  const O = ctx.buffer(k.out);
  const slot = historySlot(ctx, k.history, outLength);
  for (let m = 0; m < ctx.models; m++) {
    const l1 = ctx.hyper.f(m, 'l1');
    const coupled = ctx.hyper.f(m, 'optimizer') !== OptimizerCode.adamw;
    const wd = coupled ? ctx.hyper.f(m, 'weightDecay') : 0;
    if (l1 === 0 && wd === 0) {
      // nothing to report or add (divergence shows in the loss)
      O.data[m * O.modelStride + slot] = 0;
      continue;
    }
    // per tensor an accurate sum (double, as close as torch's pairwise reduction), then float32
    let sumAbs = 0,
      sumSq = 0;
    k.params.forEach((pid, t) => {
      const P = ctx.buffer(pid),
        G = ctx.buffer(k.grads[t]);
      let tensorAbs = 0,
        tensorSq = 0;
      for (let i = 0; i < sizes[t]; i++) {
        const w = P.data[m * P.modelStride + i];
        tensorAbs += Math.abs(w);
        tensorSq += f(w * w);
        if (l1 !== 0) {
          const gi = m * G.modelStride + i;
          G.data[gi] = f(G.data[gi] + f(l1 * Math.sign(w)));
        }
      }
      sumAbs = f(sumAbs + f(tensorAbs));
      sumSq = f(sumSq + f(tensorSq));
    });
    O.data[m * O.modelStride + slot] = f(f(l1 * sumAbs) + f(f(0.5 * wd) * sumSq));
  }
}

/** torch 1.13 single-tensor SGD / Adam / AdamW, float32 op by op. */
export function optimizer(ctx: KernelContext, k: OptimizerKernel, sizes: readonly number[]): void {
  const t = ctx.step;
  for (let m = 0; m < ctx.models; m++) {
    if (ctx.hyper.f(m, 'active') === 0) continue;
    const kind = ctx.hyper.f(m, 'optimizer');
    const lr = ctx.hyper.f(m, 'lr'),
      wd = ctx.hyper.f(m, 'weightDecay');
    const b1 = f(k.beta1),
      b2 = f(k.beta2),
      eps = f(k.eps);
    const momentum = ctx.hyper.f(m, 'momentum');
    // bias corrections in double, then used as float32 scalars (as torch does)
    // (lr and wd are float32 in the table; torch holds them as Python floats)
    const bc1 = 1 - Math.pow(k.beta1, t);
    const stepSize = f(lr / bc1);
    const bc2Sqrt = f(Math.sqrt(1 - Math.pow(k.beta2, t)));
    const oneMinusB1 = f(1 - k.beta1),
      oneMinusB2 = f(1 - k.beta2);
    const decay = f(1 - lr * wd);
    k.params.forEach((bufs, tensor) => {
      const P = ctx.buffer(bufs.param),
        G = ctx.buffer(bufs.grad),
        Mb = ctx.buffer(bufs.m),
        V = ctx.buffer(bufs.v);
      const p = P.data,
        g = G.data,
        mm = Mb.data,
        vv = V.data;
      const pb = m * P.modelStride,
        gb = m * G.modelStride,
        mb = m * Mb.modelStride,
        vb = m * V.modelStride;
      const n = sizes[tensor];
      if (kind === OptimizerCode.sgd) {
        for (let i = 0; i < n; i++) {
          let grad = g[gb + i];
          if (wd !== 0) grad = f(grad + f(wd * p[pb + i]));
          if (momentum !== 0) {
            grad = t === 1 ? grad : f(f(momentum * mm[mb + i]) + grad);
            mm[mb + i] = grad;
          }
          p[pb + i] = f(p[pb + i] - f(lr * grad));
        }
        return;
      }
      const decoupled = kind === OptimizerCode.adamw;
      if (ctx.simd) {
        ctx.simd.adam(
          p.byteOffset + pb * 4,
          g.byteOffset + gb * 4,
          mm.byteOffset + mb * 4,
          vv.byteOffset + vb * 4,
          n,
          decoupled ? 1 : 0,
          wd,
          decay,
          b1,
          oneMinusB1,
          b2,
          oneMinusB2,
          bc2Sqrt,
          eps,
          f(-stepSize),
        );
        return;
      }
      for (let i = 0; i < n; i++) {
        let grad = g[gb + i];
        let param = p[pb + i];
        if (decoupled) param = f(param * decay);
        else if (wd !== 0) grad = f(grad + f(wd * param));
        // a store into a Float32Array rounds to float32
        mm[mb + i] = f(mm[mb + i] * b1) + f(grad * oneMinusB1);
        vv[vb + i] = f(vv[vb + i] * b2) + f(f(oneMinusB2 * grad) * grad);
        const denom = f(f(f(Math.sqrt(vv[vb + i])) / bc2Sqrt) + eps);
        p[pb + i] = param + f(f(-stepSize * mm[mb + i]) / denom);
      }
    });
  }
}
