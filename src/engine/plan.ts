// The plan: the contract between the engine and the backends.
//
// The engine traces a model once (forward, backward, optimizer update) and lowers the tape into a
// Plan: a fixed set of buffers and, per program ("train", "eval"), a fixed list of kernel launches.
// A backend compiles the plan once and then replays a program as often as it is asked to. The
// backends know buffers and kernels; they know nothing of layers, optimizers or epochs.
//
// Model axis. Every buffer holds M models' worth of data laid out [M][elemsPerModel], unless it
// is `shared` (one copy used by every model, e.g. the training inputs). Kernels process all M
// models in one launch; the per-model hyperparameters come from the hyper table below.
//
// Step. Backends keep a step counter t (1-based optimizer step of the epoch being run). A train
// replay runs its kernels with the current t and then advances t by one. How is the backend's
// business: the CPU counts `t++`; WebGPU writes t0 once per submit and each replay reads
// t0 + its replay index, with no dispatch of its own. t is also the dropout-mask counter, so step
// t of every backend draws the same masks.

export type BufferId = number;

export interface BufferSpec {
  readonly id: BufferId;
  readonly name: string;
  /** float32 elements per model (or in total when shared). */
  readonly elemsPerModel: number;
  /** one copy for all models instead of one per model. */
  readonly shared: boolean;
  readonly role: 'param' | 'grad' | 'optState' | 'activation' | 'data' | 'mask' | 'output';
}

/** Per-model hyperparameters: one row of HYPER_STRIDE 32-bit words per model. */
export const HYPER_STRIDE = 16;
export const Hyper = {
  /** learning rate (f32) */
  lr: 0,
  /** dropout probability p (f32), the probability of DROPPING a unit (torch.nn.Dropout's p) */
  pDrop: 1,
  /** multiplier on kept units in train mode (f32): inverted 1/(1-p), vanilla 1 */
  trainScale: 2,
  /** multiplier on all units in eval mode (f32): inverted 1, vanilla 1-p */
  evalScale: 3,
  /** weight decay (f32): L2 inside the optimizer (coupled for SGD/Adam, decoupled for AdamW) */
  weightDecay: 4,
  /** L1 strength λ (f32): λ·Σ|w| is added to the loss */
  l1: 5,
  /** optimizer kind (f32 holding 0, 1 or 2): see OptimizerCode */
  optimizer: 6,
  /** SGD momentum (f32) */
  momentum: 7,
  /** RNG seed (u32, read through a Uint32Array / bitcast) */
  seed: 8,
  /** 1 = training, 0 = frozen (diverged or finished): the optimizer leaves it alone (f32) */
  active: 9,
} as const;

export const OptimizerCode = { sgd: 0, adam: 1, adamw: 2 } as const;
export type OptimizerName = keyof typeof OptimizerCode;

/** RNG streams (Threefry key word 1). Dropout slot s uses stream STREAM_DROPOUT + s. */
export const STREAM_INIT = 1;
export const STREAM_DATA = 2;
export const STREAM_DROPOUT = 16;

/** Where a dropout layer's masks come from. */
export type MaskSource =
  /** Threefry-2x32-20: key (seed[m], STREAM_DROPOUT + slot), counter (t, r*cols + c); keep iff u >= p */
  | { readonly kind: 'rng' }
  /** recorded masks (golden replay): buffer [steps][rows][cols] of 0/1, step t uses block (t-1) mod steps */
  | { readonly kind: 'buffer'; readonly buf: BufferId };

export interface DropoutEpilogue {
  readonly slot: number;
  readonly mode: 'train' | 'eval';
  readonly masks: MaskSource;
}

/**
 * out[m] = op(A[m]) · op(B[m]) for every model m, with an optional fused epilogue.
 * op(A) is [rows][inner]: A is stored [inner][rows] when transA, else [rows][inner].
 * op(B) is [inner][cols]: B is stored [cols][inner] when transB, else [inner][cols].
 * out is stored [rows][cols].
 *
 * Epilogue, in this order, on each output element (r, c):
 *   + bias[m][c]                                   (bias)
 *   × keep·trainScale (train) or × evalScale (eval) (dropout, forward)
 *   max(·, 0)                                       (relu)
 *   × [gate[m][r][c] > 0]                           (reluGradGate: ReLU backward through h = relu(..))
 *   × keep·trainScale                               (dropoutGrad: dropout backward, masks regenerated)
 * rowSumOut[m][r] = Σ_k op(A)[r][k]                 (bias gradient of a linear layer: Σ_n dZ[n][o])
 */
export interface MatmulKernel {
  readonly kind: 'matmul';
  readonly a: BufferId;
  readonly b: BufferId;
  readonly out: BufferId;
  readonly rows: number;
  readonly inner: number;
  readonly cols: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly bias?: BufferId;
  readonly dropout?: DropoutEpilogue;
  readonly relu?: boolean;
  readonly reluGradGate?: BufferId;
  readonly dropoutGrad?: { readonly slot: number; readonly masks: MaskSource };
  readonly rowSumOut?: BufferId;
}

/**
 * Mean squared error over n predictions: loss[m] = (1/n) Σ (pred - target)²;
 * grad[m][i] = (pred - target) · f32(2/n) when `grad` is given (torch's rounding).
 * The loss goes to lossOut[m][slot] where slot = (t-1) mod lossOut.elemsPerModel when `history`
 * (one entry per step, a ring), else slot 0.
 */
export interface MseKernel {
  readonly kind: 'mse';
  readonly pred: BufferId;
  readonly target: BufferId;
  readonly n: number;
  readonly grad?: BufferId;
  readonly lossOut: BufferId;
  readonly history: boolean;
}

/**
 * Regularization penalty over all listed parameter tensors of a model, before the update:
 * value[m] = l1[m]·Σ|w| + 0.5·weightDecay[m]·Σw², the L2 part only for coupled decay (SGD, Adam;
 * informational: the optimizer applies weight decay itself; AdamW's decoupled decay is no loss
 * term, so it adds nothing); and, when l1[m] ≠ 0, grad[m] += l1[m]·sign(w) (sign(0) = 0).
 * value goes to out[m][slot], slot as in MseKernel.
 */
export interface PenaltyKernel {
  readonly kind: 'penalty';
  readonly params: readonly BufferId[];
  readonly grads: readonly BufferId[];
  readonly out: BufferId;
  readonly history: boolean;
}

/**
 * One optimizer step for every parameter tensor of every model (skipping models with active = 0),
 * with the formulas of torch 1.13 (see ../shared/reference/README.md); t is the backend's step.
 * SGD uses `m` as its momentum buffer; Adam/AdamW use m and v.
 * Bias corrections 1-β1^t and sqrt(1-β2^t): the CPU backend computes them in double and rounds to
 * f32 (as torch does); a GPU backend may compute them in f32 (a few ulp apart).
 */
export interface OptimizerKernel {
  readonly kind: 'optimizer';
  /** Adam's constants, shared by all models (torch defaults 0.9, 0.999, 1e-8), as double */
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly params: readonly { readonly param: BufferId; readonly grad: BufferId; readonly m: BufferId; readonly v: BufferId }[];
}

export type Kernel = MatmulKernel | MseKernel | PenaltyKernel | OptimizerKernel;

export interface Program {
  readonly kernels: readonly Kernel[];
  /** a train program advances the step counter after each replay; an eval program does not */
  readonly advancesStep: boolean;
}

export interface Plan {
  readonly models: number;
  readonly buffers: readonly BufferSpec[];
  readonly programs: Readonly<Record<string, Program>>;
}

export function bufferSpec(plan: Plan, id: BufferId): BufferSpec {
  const spec = plan.buffers[id];
  if (!spec || spec.id !== id) throw new Error(`plan: no buffer with id ${id}`);
  return spec;
}

/** Total float32 elements of a buffer across all models. */
export function bufferLength(plan: Plan, spec: BufferSpec): number {
  return spec.shared ? spec.elemsPerModel : spec.elemsPerModel * plan.models;
}
