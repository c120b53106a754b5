// The autograd tape (micrograd's idea, over symbolic tensors). Ops run nothing: each op appends
// its forward kernel(s) and records a backward rule that appends the gradient kernels. Walking the
// tape backwards once gives the whole backward program. Elementwise ops (bias, dropout, ReLU and
// their gradients) are fused into the epilogue of the matmul that produced their input, so the
// plan stays a short list of launches.

import type { BufferId, MatmulKernel, Kernel } from './plan';
import type { PlanBuilder } from './plan-builder';

/** A symbolic [rows][cols] matrix per model, stored in plan buffer `buf`. */
export interface Sym {
  readonly id: number;
  readonly name: string;
  readonly buf: BufferId;
  readonly rows: number;
  readonly cols: number;
}

/** A matmul kernel whose epilogue may still grow while tracing. */
export type DraftMatmul = { -readonly [K in keyof MatmulKernel]: MatmulKernel[K] };

interface TapeNode {
  readonly out: Sym;
  readonly backward: (grad: Sym) => void;
}

export class Tape {
  readonly forwardKernels: Kernel[] = [];
  readonly backwardKernels: Kernel[] = [];
  private readonly nodes: TapeNode[] = [];
  private readonly producers = new Map<number, DraftMatmul>();
  private readonly grads = new Map<number, Sym>();
  private nextId = 0;

  constructor(
    readonly builder: PlanBuilder,
    readonly mode: 'train' | 'eval',
    readonly prefix: string,
  ) {}

  /** A new symbolic tensor with its own buffer. */
  tensor(name: string, rows: number, cols: number, role: 'activation' | 'grad' | 'data' | 'output' = 'activation', shared = false): Sym {
    const buf = this.builder.buffer(`${this.prefix}${name}`, rows * cols, role, shared);
    return this.wrap(name, buf, rows, cols);
  }

  /** A symbolic view of an existing buffer (parameters, data). */
  wrap(name: string, buf: BufferId, rows: number, cols: number): Sym {
    return { id: this.nextId++, name, buf, rows, cols };
  }

  /** The same storage under a new name: what a fused elementwise op returns. */
  alias(of: Sym, name: string): Sym {
    const sym = this.wrap(name, of.buf, of.rows, of.cols);
    const producer = this.producers.get(of.id);
    if (producer) this.producers.set(sym.id, producer);
    return sym;
  }

  emitForward(kernel: DraftMatmul, out: Sym): void {
    this.forwardKernels.push(kernel);
    this.producers.set(out.id, kernel);
  }

  emitBackward(kernel: Kernel, out?: Sym): void {
    this.backwardKernels.push(kernel);
    if (out && kernel.kind === 'matmul') this.producers.set(out.id, kernel);
  }

  /** The matmul whose epilogue an elementwise op on `sym` can join; throws if there is none. */
  producerOf(sym: Sym, op: string): DraftMatmul {
    const k = this.producers.get(sym.id);
    if (!k)
      throw new Error(
        `${op}: input "${sym.name}" is not the output of a linear layer, so it cannot be fused; ` +
          'this engine fuses elementwise ops into the matmul that produced their input',
      );
    return k;
  }

  record(out: Sym, backward: (grad: Sym) => void): void {
    this.nodes.push({ out, backward });
  }

  /** Hand a gradient to a tensor (each tensor is consumed once in the nets this engine builds). */
  setGrad(of: Sym, grad: Sym): void {
    if (this.grads.has(of.id)) throw new Error(`backward: "${of.name}" receives a second gradient; fan-out is not supported`);
    this.grads.set(of.id, grad);
  }

  /** Walk the tape backwards from `root`, whose gradient is `rootGrad`. */
  backward(root: Sym, rootGrad: Sym): void {
    if (this.mode !== 'train') throw new Error('backward: the tape was traced in eval mode');
    this.setGrad(root, rootGrad);
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i];
      const g = this.grads.get(node.out.id);
      if (g) node.backward(g);
    }
  }
}
