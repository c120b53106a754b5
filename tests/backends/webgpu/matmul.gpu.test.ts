// The matmul kernel against the CPU backend: awkward and random shapes (non-multiples of every
// tile), both transpositions, shared and per-model operands, every epilogue combination, the
// automatic tiling and random forced tilings (split-K, register tiles, shallow K tiles).
// Outputs are NaN-poisoned first; padding past rows*cols must stay untouched.

import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_PARALLEL_SLOTS,
  chooseTiling,
  deepestTk,
  checkTiling,
  type MatmulTiling,
} from '../../../src/backends/webgpu/kernels/matmul-tiling';
import { PlanBuilder } from '../../../src/engine/plan-builder';
import { bufferLength, bufferSpec, type MaskSource, type MatmulKernel } from '../../../src/engine/plan';
import type { WebGpuCompiledPlan } from '../../../src/backends/webgpu/compiled-plan';
import type { WebGpuBackend } from '../../../src/backends/webgpu/webgpu-backend';
import { EPS32, compileBoth, expectClose } from './compare';
import { describeGpu, openGpu, type GpuHandle } from '../../helpers/gpu';
import { hyperTable, randomHyperRow } from './hyper-rows';
import { Rng, testSeed } from '../../helpers/random';

interface Case {
  readonly models: number;
  readonly rows: number;
  readonly inner: number;
  readonly cols: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly sharedA: boolean;
  readonly sharedB: boolean;
  readonly outPad: number;
  readonly bias: boolean;
  readonly dropout?: { mode: 'train' | 'eval'; masks: 'rng' | 'buffer'; slot: number };
  readonly relu: boolean;
  readonly gate: boolean;
  readonly dropoutGrad?: { masks: 'rng' | 'buffer'; slot: number };
  readonly rowSum: boolean;
  readonly maskSteps: number;
  readonly step: number;
  readonly seed: number;
}

const seed = testSeed('matmul');
const rng = new Rng(seed);

function randomCase(rows: number, inner: number, cols: number, models = rng.int(1, 3)): Case {
  const maskSteps = rng.int(1, 3);
  return {
    models,
    rows,
    inner,
    cols,
    transA: rng.bool(),
    transB: rng.bool(),
    sharedA: rng.bool(0.3),
    sharedB: rng.bool(0.2),
    outPad: rng.pick([0, 0, 3]),
    bias: rng.bool(),
    dropout: rng.bool(0.6)
      ? { mode: rng.bool(0.75) ? 'train' : 'eval', masks: rng.bool(0.7) ? 'rng' : 'buffer', slot: rng.int(0, 3) }
      : undefined,
    relu: rng.bool(),
    gate: rng.bool(0.4),
    dropoutGrad: rng.bool(0.4) ? { masks: rng.bool(0.7) ? 'rng' : 'buffer', slot: rng.int(0, 3) } : undefined,
    rowSum: rng.bool(0.5),
    maskSteps,
    step: rng.int(1, maskSteps),
    seed: rng.u32(),
  };
}

const AWKWARD: [number, number, number][] = [
  [20, 1, 300],
  [1, 20, 300],
  [20, 300, 1],
  [300, 20, 1],
  [20, 300, 300],
  [1, 1, 1],
  [33, 65, 17],
  [257, 3, 5],
  [5, 513, 3],
  [64, 64, 64],
  [2, 1000, 2],
  [300, 1, 20],
];
const cases: Case[] = [
  ...AWKWARD.map(([r, k, c]) => randomCase(r, k, c, r * k * c > 1e6 ? 1 : rng.int(1, 3))),
  ...Array.from({ length: 14 }, () => randomCase(rng.int(1, 70), rng.int(1, 90), rng.int(1, 70))),
];

/** A random valid tiling for a kernel, deterministic in the test seed and the shape. */
function randomTiling(k: MatmulKernel): MatmulTiling {
  const r = new Rng(seed ^ Math.imul(k.rows, 73856093) ^ Math.imul(k.inner, 19349663) ^ Math.imul(k.cols, 83492791));
  for (;;) {
    const base = {
      tmt: r.pick([1, 2, 4, 8, 16]),
      tnt: r.pick([1, 2, 4, 8, 16, 32]),
      ks: r.pick([1, 2, 4, 8]),
      rm: r.int(1, 4),
      rn: r.int(1, 4),
    };
    if (base.tmt * base.tnt * base.ks > 256) continue;
    const deepest = deepestTk(base, k.inner, r.pick([512, 1024, 4096]));
    if (deepest === 0) continue;
    const tk = r.bool() ? deepest : base.ks * r.int(1, Math.max(1, deepest / base.ks));
    const t = { ...base, tk, staged: r.bool(0.7) };
    try {
      checkTiling(t);
      return t;
    } catch {
      continue;
    }
  }
}

function matmulPlan(c: Case) {
  const b = new PlanBuilder(c.models);
  const block = c.rows * c.cols;
  const a = b.buffer('a', c.rows * c.inner, 'data', c.sharedA);
  const w = b.buffer('b', c.inner * c.cols, 'param', c.sharedB);
  const out = b.buffer('out', block + c.outPad, 'activation');
  const bias = c.bias ? b.buffer('bias', c.cols, 'param') : undefined;
  const gate = c.gate ? b.buffer('gate', block, 'activation') : undefined;
  const dmask = c.dropout?.masks === 'buffer' ? b.buffer('dmask', c.maskSteps * block, 'mask') : undefined;
  const gmask = c.dropoutGrad?.masks === 'buffer' ? b.buffer('gmask', c.maskSteps * block, 'mask') : undefined;
  const rowSum = c.rowSum ? b.buffer('rowsum', c.rows, 'grad') : undefined;
  const source = (buf: number | undefined): MaskSource => (buf === undefined ? { kind: 'rng' } : { kind: 'buffer', buf });
  const kernel: MatmulKernel = {
    kind: 'matmul',
    a,
    b: w,
    out,
    rows: c.rows,
    inner: c.inner,
    cols: c.cols,
    transA: c.transA,
    transB: c.transB,
    bias,
    relu: c.relu,
    reluGradGate: gate,
    rowSumOut: rowSum,
    dropout: c.dropout && { slot: c.dropout.slot, mode: c.dropout.mode, masks: source(dmask) },
    dropoutGrad: c.dropoutGrad && { slot: c.dropoutGrad.slot, masks: source(gmask) },
  };
  b.program('p', [kernel], false);
  return { plan: b.build(), a, w, out, bias, gate, dmask, gmask, rowSum };
}

/** The case's inputs (operands, bias, gate, masks, hyperparameter rows), deterministic in c.seed. */
function caseInputs(c: Case, bufs: ReturnType<typeof matmulPlan>) {
  const r = new Rng(c.seed);
  const { a, w, bias, gate, dmask, gmask } = bufs;
  const M = c.models;
  const sparse = (n: number) => r.floats(n).map((v) => (r.bool(0.1) ? 0 : v));
  const aData = sparse(c.rows * c.inner * (c.sharedA ? 1 : M));
  const bData = r.floats(c.inner * c.cols * (c.sharedB ? 1 : M));
  const writes: [number, Float32Array][] = [
    [a, aData],
    [w, bData],
  ];
  const biasData = bias !== undefined ? r.floats(c.cols * M) : undefined;
  if (bias !== undefined && biasData) writes.push([bias, biasData]);
  if (gate !== undefined) writes.push([gate, sparse(c.rows * c.cols * M)]);
  for (const mb of [dmask, gmask]) {
    if (mb !== undefined) {
      writes.push([mb, Float32Array.from({ length: c.maskSteps * c.rows * c.cols * M }, () => (r.bool(0.6) ? 1 : 0))]);
    }
  }
  const rows = Array.from({ length: M }, () => randomHyperRow(r));
  return { aData, bData, biasData, writes, rows };
}

async function checkCase(g: GpuHandle, c: Case): Promise<void> {
  const bufs = matmulPlan(c);
  const { plan, out, rowSum } = bufs;
  const pair = await compileBoth(g.backend, plan);
  const { aData, bData, biasData, writes, rows } = caseInputs(c, bufs);
  for (const [buf, data] of writes) pair.write(buf, data);
  pair.poison(out);
  if (rowSum !== undefined) pair.poison(rowSum);
  pair.writeHyper(hyperTable(rows));
  pair.setStep(c.step);
  pair.run('p');

  // tolerance: both sides sum in f32 in different orders: |error| <= 2·(K+2)·eps·Σ|a·b| (+ bias), times the scales
  const aAt = (m: number, i: number, k: number) =>
    aData[(c.sharedA ? 0 : m * c.rows * c.inner) + (c.transA ? k * c.rows + i : i * c.inner + k)];
  const bAt = (m: number, k: number, j: number) =>
    bData[(c.sharedB ? 0 : m * c.inner * c.cols) + (c.transB ? j * c.inner + k : k * c.cols + j)];
  const per = c.rows * c.cols + c.outPad;
  const tol = (idx: number) => {
    const m = Math.floor(idx / per),
      e = idx % per,
      i = Math.floor(e / c.cols),
      j = e % c.cols;
    let abs = 0;
    for (let k = 0; k < c.inner; k++) abs += Math.abs(aAt(m, i, k) * bAt(m, k, j));
    if (biasData) abs += Math.abs(biasData[m * c.cols + j]);
    const s = Math.max(1, rows[m].trainScale, rows[m].evalScale);
    return 2 * (c.inner + 2) * EPS32 * abs * s * s + 1e-30;
  };
  const o = await pair.read(out);
  expectClose('out', o.gpu, o.cpu, tol, (idx) => idx % per >= c.rows * c.cols);
  if (rowSum !== undefined) {
    const rs = await pair.read(rowSum);
    const rsTol = (idx: number) => {
      const m = Math.floor(idx / c.rows),
        i = idx % c.rows;
      let abs = 0;
      for (let k = 0; k < c.inner; k++) abs += Math.abs(aAt(m, i, k));
      return 2 * (c.inner + 2) * EPS32 * abs + 1e-30;
    };
    expectClose('rowSumOut', rs.gpu, rs.cpu, rsTol);
  }
  pair.dispose();
}

function describeCase(c: Case): string {
  const epi = [
    c.bias && 'bias',
    c.dropout && `dropout(${c.dropout.mode},${c.dropout.masks},slot ${c.dropout.slot})`,
    c.relu && 'relu',
    c.gate && 'gate',
    c.dropoutGrad && `dropoutGrad(${c.dropoutGrad.masks},slot ${c.dropoutGrad.slot})`,
    c.rowSum && 'rowSum',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    `${c.models}x [${c.rows}x${c.inner}x${c.cols}]${c.transA ? ' Aᵀ' : ''}${c.transB ? ' Bᵀ' : ''}` +
    `${c.sharedA ? ' sharedA' : ''}${c.sharedB ? ' sharedB' : ''} t=${c.step} ${epi}`
  );
}

describeGpu('matmul kernel vs the CPU backend (automatic tiling)', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu();
  });
  afterAll(() => g?.close());
  for (const c of cases) it(describeCase(c), () => checkCase(g, c));
});

describeGpu('matmul kernel vs the CPU backend (random forced tilings)', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu({ tiling: randomTiling });
  });
  afterAll(() => g?.close());
  for (const c of cases.filter((c) => c.rows * c.inner * c.cols < 1e6)) it(describeCase(c), () => checkCase(g, c));
});

/** Odd shapes of the tutorial's sizes (1, 20, 300, 1024 rows) for 1, 2 and 64 models, the largest with one model. */
const EMULATION: [number, number, number, number][] = [
  [1, 300, 300, 64],
  [20, 300, 300, 64],
  [20, 1, 300, 2],
  [300, 20, 300, 2],
  [300, 20, 1, 64],
  [1024, 300, 20, 1],
  [1024, 1, 300, 1],
  [20, 300, 1, 1],
];

describeGpu('matmul kernel vs the CPU backend (CPU-emulation profile: the barrier-free direct kernel)', () => {
  let g: GpuHandle;
  const tilings: MatmulTiling[] = [];
  beforeAll(async () => {
    // the automatic tiling of the CPU-emulation profile, recorded: it must be the direct kernel's (no staging, no split-K)
    g = await openGpu({
      profile: 'cpu',
      tiling: (_k, chosen) => {
        tilings.push(chosen);
        return chosen;
      },
    });
  });
  afterAll(() => g?.close());
  for (const [rows, inner, cols, models] of EMULATION) {
    const c = randomCase(rows, inner, cols, models);
    it(describeCase(c), async () => {
      tilings.length = 0;
      await checkCase(g, c);
      expect(tilings.length).toBeGreaterThan(0);
      for (const t of tilings) expect({ staged: t.staged, ks: t.ks }).toEqual({ staged: false, ks: 1 });
    });
  }
});

/** The kernels of the tutorial net's train step (1→300→300→1, N = 20), as the engine emits them. */
const TUTORIAL: { name: string; c: Omit<Case, 'models' | 'seed' | 'step' | 'maskSteps' | 'outPad' | 'sharedB'> }[] = [
  {
    name: 'fc1',
    c: {
      rows: 20,
      inner: 1,
      cols: 300,
      transA: false,
      transB: true,
      sharedA: true,
      bias: true,
      dropout: { mode: 'train', masks: 'rng', slot: 0 },
      relu: true,
      gate: false,
      rowSum: false,
    },
  },
  {
    name: 'fc2',
    c: {
      rows: 20,
      inner: 300,
      cols: 300,
      transA: false,
      transB: true,
      sharedA: false,
      bias: true,
      dropout: { mode: 'train', masks: 'rng', slot: 1 },
      relu: true,
      gate: false,
      rowSum: false,
    },
  },
  {
    name: 'fc3',
    c: { rows: 20, inner: 300, cols: 1, transA: false, transB: true, sharedA: false, bias: true, relu: false, gate: false, rowSum: false },
  },
  {
    name: 'fc3 (whole output, as chained with the loss)',
    c: { rows: 20, inner: 300, cols: 1, transA: false, transB: true, sharedA: false, bias: false, relu: false, gate: false, rowSum: false },
  },
  {
    name: 'dW3',
    c: { rows: 1, inner: 20, cols: 300, transA: true, transB: false, sharedA: false, bias: false, relu: false, gate: false, rowSum: true },
  },
  {
    name: 'dh2',
    c: {
      rows: 20,
      inner: 1,
      cols: 300,
      transA: false,
      transB: false,
      sharedA: false,
      bias: false,
      relu: false,
      gate: true,
      dropoutGrad: { masks: 'rng', slot: 1 },
      rowSum: false,
    },
  },
  {
    name: 'dW2',
    c: {
      rows: 300,
      inner: 20,
      cols: 300,
      transA: true,
      transB: false,
      sharedA: false,
      bias: false,
      relu: false,
      gate: false,
      rowSum: true,
    },
  },
  {
    name: 'dh1',
    c: {
      rows: 20,
      inner: 300,
      cols: 300,
      transA: false,
      transB: false,
      sharedA: false,
      bias: false,
      relu: false,
      gate: true,
      dropoutGrad: { masks: 'rng', slot: 0 },
      rowSum: false,
    },
  },
  {
    name: 'dW1',
    c: { rows: 300, inner: 20, cols: 1, transA: true, transB: false, sharedA: true, bias: false, relu: false, gate: false, rowSum: true },
  },
];

for (const models of [2, 64]) {
  describeGpu(`matmul kernel vs the CPU backend (the tutorial net's GPU tilings for ${models} models)`, () => {
    let g: GpuHandle;
    // the tiling an H100-class GPU (the default GPU profile) gets for `models` models, run here on 2 models
    const tilingFor = (rows: number, inner: number, cols: number, rng: boolean, whole = false) =>
      chooseTiling({ rows, inner, cols, models, rng }, { kind: 'gpu', parallelSlots: DEFAULT_PARALLEL_SLOTS }, whole);
    // fc3 with a dropout-free epilogue and sharedB stands for the output layer chained with the loss
    const gpuTiling = (k: MatmulKernel) =>
      tilingFor(
        k.rows,
        k.inner,
        k.cols,
        k.dropout !== undefined || k.dropoutGrad !== undefined,
        k.cols === 1 && k.inner === 300 && k.bias === undefined,
      );
    beforeAll(async () => {
      g = await openGpu({ tiling: gpuTiling });
    });
    afterAll(() => g?.close());
    for (const { name, c } of TUTORIAL) {
      const full: Case = { ...c, models: 2, sharedB: false, outPad: 0, maskSteps: 1, step: rng.int(1, 500), seed: rng.u32() };
      const t = tilingFor(
        full.rows,
        full.inner,
        full.cols,
        full.dropout !== undefined || full.dropoutGrad !== undefined,
        full.cols === 1 && full.inner === 300 && !full.bias,
      );
      it(`${name}: ${describeCase(full)} with ${JSON.stringify(t)}`, () => checkCase(g, full));
    }
  });
}

/** Runs case `c` on one backend alone: the output (and row sums) as written, and the WGSL of its dispatches. */
async function runAlone(backend: WebGpuBackend, c: Case) {
  const bufs = matmulPlan(c);
  const compiled = (await backend.compile(bufs.plan)) as WebGpuCompiledPlan;
  const { writes, rows } = caseInputs(c, bufs);
  for (const [buf, data] of writes) compiled.write(buf, data);
  const poison = (buf: number) => compiled.write(buf, new Float32Array(bufferLength(bufs.plan, bufferSpec(bufs.plan, buf))).fill(NaN));
  poison(bufs.out);
  if (bufs.rowSum !== undefined) poison(bufs.rowSum);
  compiled.writeHyper(hyperTable(rows));
  compiled.setStep(c.step);
  compiled.run('p');
  const out = await compiled.read(bufs.out);
  const rowSum = bufs.rowSum !== undefined ? await compiled.read(bufs.rowSum) : undefined;
  const wgsl = [...compiled.dispatchPrograms.values()].flat().map((d) => d.wgsl);
  compiled.dispose();
  return { out, rowSum, wgsl };
}

const bits = (a: Float32Array | undefined) => (a ? Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length)) : undefined);

/** Direct tilings whose subgroups own the same rows (tnt a multiple of 4), odd register tiles included. */
function sharedTiling(k: MatmulKernel): MatmulTiling {
  const r = new Rng(seed ^ Math.imul(k.rows + 7, 2654435761) ^ Math.imul(k.inner, 40503) ^ k.cols);
  for (;;) {
    const t = { tmt: r.pick([1, 2, 4, 8, 16]), tnt: r.pick([4, 8, 16, 32]), ks: 1, rm: r.int(1, 6), rn: r.int(1, 4), tk: 1, staged: false };
    if (t.tmt * t.tnt <= 256 && t.rm * t.rn <= 32) return t;
  }
}

// The CPU-emulation profile shares op(A) over SwiftShader's 4-lane subgroups (subgroupShare): each
// lane still adds its products in the order k = 0, 1, ..., so the output must be the kernel's without
// subgroups bit for bit, for tails of k (inner not a multiple of 4), edge rows and columns, both
// transpositions and every epilogue.
describeGpu('matmul kernel, CPU-emulation profile: sharing op(A) over subgroups changes no bit', () => {
  let shared: GpuHandle;
  let plain: GpuHandle;
  beforeAll(async () => {
    shared = await openGpu({ profile: 'cpu', tiling: (k) => sharedTiling(k) });
    plain = await openGpu({ profile: 'cpu', subgroups: false, tiling: (k) => sharedTiling(k) });
  });
  afterAll(() => {
    shared?.close();
    plain?.close();
  });
  const shapes: [number, number, number][] = [
    [20, 300, 300],
    [300, 20, 300],
    [20, 300, 1],
    [1, 20, 300],
    [33, 65, 17],
    [7, 4, 9],
    [5, 6, 13],
    [64, 301, 40],
  ];
  for (const [rows, inner, cols] of shapes) {
    const c = randomCase(rows, inner, cols, rows * inner * cols > 1e6 ? 1 : 2);
    it(describeCase(c), async () => {
      const a = await runAlone(shared.backend, c);
      const b = await runAlone(plain.backend, c);
      expect(a.wgsl.some((w) => w.includes('subgroupBroadcast'))).toBe(true);
      expect(b.wgsl.some((w) => w.includes('subgroupBroadcast'))).toBe(false);
      expect(bits(a.out)).toEqual(bits(b.out));
      expect(bits(a.rowSum)).toEqual(bits(b.rowSum));
    });
  }
});
