// Kernel program for MatmulKernel: bakes shapes, operand locations, the tiling and the epilogue
// switches into shaders/matmul.wgsl (staged tiles or split-K: workgroup memory and barriers) or,
// for a direct tiling without split-K (CPU emulations), the barrier-free shaders/matmul-direct.wgsl,
// both after shaders/matmul-epilogue.wgsl. Dispatch: (column tiles, row tiles, models).

import { BackendError } from '../../backend';
import { STREAM_DROPOUT, bufferSpec, type BufferId, type MaskSource, type MatmulKernel } from '../../../engine/plan';
import { matmulDirectWgsl, matmulEpilogueWgsl, matmulWgsl } from '../shaders.gen';
import { DropoutMode, type DropoutModeCode } from '../shared-constants';
import { bool, constants, u32, type WgslValue } from '../wgsl';
import { directTile, fieldCount, registerTile } from './matmul-register-tile';
import { SUBGROUP_LANES, chooseTiling, checkTiling, subgroupShare, workgroupWords, type MatmulTiling } from './matmul-tiling';
import { allPerModel, operand, requireElems, type KernelContext, type KernelProgram } from './program';

/** Inner steps per loop iteration of the direct kernel (fewer loop iterations, a larger loop body). */
export function directUnroll(inner: number): number {
  return Math.min(DIRECT_UNROLL, inner);
}
const DIRECT_UNROLL = 4;

/** Optional tiling override (tests use it to cover every tiling path on small shapes). */
export type TilingOverride = (k: MatmulKernel, chosen: MatmulTiling) => MatmulTiling;

interface DropoutSwitch {
  readonly mode: DropoutModeCode;
  /** the recorded masks (mode recorded) */
  readonly buf?: BufferId;
  /** steps the recorded masks cover (they repeat after that) */
  readonly steps: number;
}

const NO_DROPOUT: DropoutSwitch = { mode: DropoutMode.none, steps: 1 };

/** Mask source -> a Threefry stream, or the recorded buffer and the steps it holds. */
function maskSource(ctx: KernelContext, k: MatmulKernel, masks: MaskSource, what: string): DropoutSwitch {
  if (masks.kind === 'rng') return { mode: DropoutMode.threefry, steps: 1 };
  const block = k.rows * k.cols;
  const elems = requireElems(ctx, masks.buf, block, `matmul ${what} masks`);
  if (elems % block !== 0) {
    throw new BackendError(
      'validation',
      `matmul ${what} masks: ${elems} elements per model is not a whole number of ${k.rows}x${k.cols} steps`,
    );
  }
  return { mode: DropoutMode.recorded, buf: masks.buf, steps: elems / block };
}

export function matmulProgram(ctx: KernelContext, k: MatmulKernel, override?: TilingOverride): KernelProgram {
  const { rows, inner, cols } = k;
  if (![rows, inner, cols].every((n) => Number.isInteger(n) && n >= 1)) {
    throw new BackendError('validation', `matmul: bad shape ${rows}x${inner}x${cols}`);
  }
  requireElems(ctx, k.a, rows * inner, 'matmul a');
  requireElems(ctx, k.b, inner * cols, 'matmul b');
  requireElems(ctx, k.out, rows * cols, 'matmul out');
  if (k.bias !== undefined) requireElems(ctx, k.bias, cols, 'matmul bias');
  if (k.reluGradGate !== undefined) requireElems(ctx, k.reluGradGate, rows * cols, 'matmul reluGradGate');
  if (k.rowSumOut !== undefined) requireElems(ctx, k.rowSumOut, rows, 'matmul rowSumOut');

  const drop: DropoutSwitch = k.dropout
    ? k.dropout.mode === 'eval'
      ? { mode: DropoutMode.evalScale, steps: 1 }
      : maskSource(ctx, k, k.dropout.masks, 'dropout')
    : NO_DROPOUT;
  const dgrad = k.dropoutGrad
    ? ctx.gatedMasks.has(k) && k.reluGradGate !== undefined
      ? { mode: DropoutMode.gated, steps: 1 }
      : maskSource(ctx, k, k.dropoutGrad.masks, 'dropoutGrad')
    : NO_DROPOUT;

  const rng = drop.mode === DropoutMode.threefry || dgrad.mode === DropoutMode.threefry;
  const shape = { rows, inner, cols, models: ctx.plan.models, rng };
  const chosen = chooseTiling(shape, ctx.tilingProfile, ctx.wholeOutput.has(k));
  const t = override ? override(k, chosen) : chosen;
  checkTiling(t);

  // no workgroup memory, no barrier: SwiftShader runs such a dispatch in its fast mode
  const direct = !t.staged && t.ks === 1;
  // op(A) loaded once per subgroup and broadcast (a direct tiling whose unrolled steps are the subgroup's lanes)
  const share = subgroupShare(k, t, ctx.tilingProfile) && directUnroll(inner) === SUBGROUP_LANES;
  const values: Record<string, WgslValue> = {
    ROWS: u32(rows),
    INNER: u32(inner),
    COLS: u32(cols),
    TRANS_A: bool(k.transA),
    TRANS_B: bool(k.transB),
    TMT: u32(t.tmt),
    TNT: u32(t.tnt),
    RM: u32(t.rm),
    RN: u32(t.rn),
    ...(direct
      ? { KU: u32(directUnroll(inner)) }
      : { KS: u32(t.ks), TK: u32(t.tk), STAGED: bool(t.staged), NFIELDS: u32(fieldCount(t, k.rowSumOut !== undefined)) }),
    ...operand(ctx, 'A', k.a),
    ...operand(ctx, 'B', k.b),
    ...operand(ctx, 'OUT', k.out),
    HAS_BIAS: bool(k.bias !== undefined),
    ...operand(ctx, 'BIAS', k.bias),
    DROP: u32(drop.mode),
    DROP_STREAM: u32(STREAM_DROPOUT + (k.dropout?.slot ?? 0)),
    ...operand(ctx, 'DM', drop.buf),
    DM_STEPS: u32(drop.steps),
    RELU: bool(k.relu === true),
    HAS_GATE: bool(k.reluGradGate !== undefined),
    ...operand(ctx, 'GATE', k.reluGradGate),
    DGRAD: u32(dgrad.mode),
    DGRAD_STREAM: u32(STREAM_DROPOUT + (k.dropoutGrad?.slot ?? 0)),
    ...operand(ctx, 'GM', dgrad.buf),
    GM_STEPS: u32(dgrad.steps),
    HAS_ROWSUM: bool(k.rowSumOut !== undefined),
    ...operand(ctx, 'RS', k.rowSumOut),
  };
  const rowSum = k.rowSumOut !== undefined;
  const tileWgsl = direct ? directTile(t, rowSum, shape.rng, directUnroll(inner), share) : registerTile(t, rowSum, shape.rng);
  const decls = `${constants(values)}\n${tileWgsl}`;
  const tm = t.tmt * t.rm;
  const tn = t.tnt * t.rn;
  const reads = [k.a, k.b, k.bias, k.reluGradGate, drop.buf, dgrad.buf].filter((b): b is BufferId => b !== undefined);
  const writes = [k.out, k.rowSumOut].filter((b): b is BufferId => b !== undefined);
  const out = bufferSpec(ctx.plan, k.out).name;
  const dispatch: [number, number, number] = [Math.ceil(cols / tn), Math.ceil(rows / tm), ctx.plan.models];
  return {
    key: `matmul\n${decls}`,
    label: `matmul ${rows}x${inner}x${cols} -> ${out}`,
    dispatch,
    body: `${decls}\n\n${matmulEpilogueWgsl}\n\n${direct ? matmulDirectWgsl : matmulWgsl}`,
    workgroupWords: direct ? 0 : workgroupWords(t),
    ...(direct ? { workgroupSize: t.tmt * t.tnt } : {}),
    ...(share ? { subgroups: true } : {}),
    libraries: ['threefry'],
    reads,
    writes,
    perModel: dispatch[0] === 1 && dispatch[1] === 1 && allPerModel(ctx, writes),
  };
}
