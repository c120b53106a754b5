// Replays PyTorch golden traces (../shared/reference/golden_*.json, schema in its README) on any
// backend and measures the deviations: the oracle check behind `npm run verify` and the parity tests.
// A file from outside goes through golden-schema.ts (checkGoldenFile) first: the replay trusts its
// shapes and sizes.

import type { Backend } from '../backends/backend';
import { hyperTable } from '../engine/hyper';
import { traceMlp } from '../engine/mlp';
import type { OptimizerName } from '../engine/plan';

type Nested = number | Nested[];
export interface GoldenCase {
  readonly description: string;
  readonly steps: number;
  readonly dropout: boolean;
  readonly optimizer: { readonly type: OptimizerName; readonly lr: number; readonly weight_decay: number; readonly momentum?: number };
  readonly regularizer: { readonly type: string; readonly lambda?: number; readonly weight_decay?: number };
  readonly loss_mse: readonly number[];
  readonly reg_term: readonly number[];
  readonly loss_total: readonly number[];
  readonly out_step1: readonly number[];
  readonly grads_step1: Readonly<Record<string, Nested>>;
  readonly params_final: Readonly<Record<string, Nested>>;
  readonly final_eval: { readonly pred_test: readonly number[]; readonly test_mse: number; readonly train_mse: number };
}
export interface GoldenFile {
  readonly arch: { readonly sizes: readonly number[]; readonly param_order: readonly string[] };
  readonly data: {
    readonly x: readonly number[];
    readonly y: readonly number[];
    readonly test_x: readonly number[];
    readonly test_y: readonly number[];
  };
  readonly init: { readonly params: Readonly<Record<string, Nested>> };
  readonly dropout: { readonly p_drop: number; readonly masks: Nested };
  readonly cases: Readonly<Record<string, GoldenCase>>;
}

export const TOLERANCES = {
  lossRel: 1e-5,
  gradAbs: 1e-4,
  paramAbs: 1e-4,
  evalRel: 1e-5,
} as const;

export interface Deviation {
  readonly quantity: string;
  /** largest deviation found (relative or absolute, see `kind`) */
  readonly value: number;
  readonly kind: 'relative' | 'absolute';
  readonly tolerance: number;
  /** where the largest deviation is, e.g. "W2[13]" or "step 4" */
  readonly where: string;
}
export interface CaseReport {
  readonly caseId: string;
  readonly description: string;
  readonly deviations: readonly Deviation[];
  readonly ok: boolean;
}

/** Golden numbers are shortest-round-trip float32 decimals: parse, then round to float32. */
export function toF32(values: Nested): Float32Array {
  const flat: number[] = [];
  const walk = (v: Nested): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else flat.push(v);
  };
  walk(values);
  return Float32Array.from(flat);
}

function maxDeviation(
  quantity: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  kind: 'relative' | 'absolute',
  tolerance: number,
  label: (i: number) => string,
): Deviation {
  if (actual.length !== expected.length) {
    return { quantity, value: Infinity, kind, tolerance, where: `length ${actual.length} ≠ ${expected.length}` };
  }
  let worst = 0,
    where = '-';
  for (let i = 0; i < expected.length; i++) {
    const e = Math.fround(expected[i]),
      a = actual[i];
    const d = kind === 'absolute' ? Math.abs(a - e) : Math.abs(a - e) / Math.max(Math.abs(e), 1e-30);
    const dev = Number.isNaN(d) ? Infinity : d;
    if (dev > worst || (where === '-' && dev === worst)) {
      worst = dev;
      where = label(i);
    }
  }
  return { quantity, value: worst, kind, tolerance, where };
}

/**
 * How a replay is cut into slices (the batch worker's pacing): the steps of the next slice, and
 * what happens after each (the slice's steps are done on the backend then). `afterSlice` may wait
 * (let other messages in) and returns false to stop the replay.
 */
export interface ReplayPacing {
  sliceSteps(remaining: number): number;
  afterSlice(steps: number): Promise<boolean>;
}

/**
 * Replays one case from the stored init, data and masks. With `pacing`, the training steps run in
 * its slices (waiting for each), and a replay it stops gives null.
 */
export async function replayGoldenCase(backend: Backend, golden: GoldenFile, caseId: string): Promise<CaseReport>;
export async function replayGoldenCase(
  backend: Backend,
  golden: GoldenFile,
  caseId: string,
  pacing: ReplayPacing,
): Promise<CaseReport | null>;
export async function replayGoldenCase(
  backend: Backend,
  golden: GoldenFile,
  caseId: string,
  pacing?: ReplayPacing,
): Promise<CaseReport | null> {
  const c = golden.cases[caseId];
  if (!c) throw new RangeError(`golden: no case "${caseId}" (have ${Object.keys(golden.cases).join(', ')})`);
  const sizes = golden.arch.sizes;
  const n = golden.data.x.length;
  const traced = traceMlp({
    models: 1,
    sizes,
    dropout: c.dropout,
    trainN: n,
    testN: golden.data.test_x.length,
    gridN: 1,
    historyLength: c.steps,
    recordedMaskSteps: c.dropout ? c.steps : undefined,
  });
  const exp = await backend.compile(traced.plan);
  try {
    const { io, params } = traced;
    exp.write(io.x, toF32(golden.data.x as number[]));
    exp.write(io.y, toF32(golden.data.y as number[]));
    exp.write(io.testX, toF32(golden.data.test_x as number[]));
    exp.write(io.testY, toF32(golden.data.test_y as number[]));
    exp.write(io.gridX, new Float32Array(1));
    params.forEach((p) => exp.write(p.value, toF32(golden.init.params[p.name])));
    if (c.dropout) {
      // masks[step][layer][n][unit] → one buffer per layer: [step][n][unit]
      const masks = golden.dropout.masks as Nested[];
      io.masks.forEach((buf, layer) => exp.write(buf, toF32(masks.slice(0, c.steps).map((s) => (s as Nested[])[layer]))));
    }
    const l1 = c.regularizer.type === 'l1_in_loss' ? (c.regularizer.lambda ?? 0) : 0;
    exp.writeHyper(
      hyperTable([
        {
          optimizer: {
            type: c.optimizer.type,
            lr: c.optimizer.lr,
            weightDecay: c.optimizer.weight_decay,
            momentum: c.optimizer.momentum ?? 0,
          },
          pDrop: c.dropout ? golden.dropout.p_drop : 0,
          convention: 'inverted',
          l1,
          seed: 0,
          active: true,
        },
      ]),
    );

    exp.run('train', 1);
    const [out1, ...grads1] = await exp.readMany([io.trainPred, ...params.map((p) => p.grad)]);
    if (pacing && !(await pacing.afterSlice(1))) return null;
    for (let done = 1; done < c.steps;) {
      const n = pacing ? Math.max(1, Math.min(pacing.sliceSteps(c.steps - done), c.steps - done)) : c.steps - done;
      exp.run('train', n);
      done += n;
      if (!pacing) continue;
      await exp.flush();
      if (!(await pacing.afterSlice(n))) return null;
    }
    exp.run('eval', 1);
    const [lossMse, reg, predTest, testMse, trainMse, ...finals] = await exp.readMany([
      io.lossHistory,
      io.penaltyHistory,
      io.testPred,
      io.testLoss,
      io.trainLossEval,
      ...params.map((p) => p.value),
    ]);
    const total = lossMse.map((l, i) => Math.fround(l + reg[i]));

    const step = (i: number) => `step ${i + 1}`;
    const elem = (name: string) => (i: number) => `${name}[${i}]`;
    const worstOf = (quantity: string, devs: Deviation[]): Deviation =>
      devs.reduce((w, d) => (d.value > w.value ? d : w), { ...devs[0], quantity });
    const deviations: Deviation[] = [
      maxDeviation('loss_mse', lossMse, c.loss_mse, 'relative', TOLERANCES.lossRel, step),
      maxDeviation('loss_total', total, c.loss_total, 'relative', TOLERANCES.lossRel, step),
      maxDeviation('out_step1', out1, c.out_step1, 'absolute', TOLERANCES.gradAbs, elem('out')),
      worstOf(
        'grads_step1',
        params.map((p, i) =>
          maxDeviation('grads_step1', grads1[i], toF32(c.grads_step1[p.name]), 'absolute', TOLERANCES.gradAbs, elem(p.name)),
        ),
      ),
      worstOf(
        'params_final',
        params.map((p, i) =>
          maxDeviation('params_final', finals[i], toF32(c.params_final[p.name]), 'absolute', TOLERANCES.paramAbs, elem(p.name)),
        ),
      ),
      maxDeviation('final_eval.test_mse', testMse, [c.final_eval.test_mse], 'relative', TOLERANCES.evalRel, () => 'test_mse'),
      maxDeviation('final_eval.train_mse', trainMse, [c.final_eval.train_mse], 'relative', TOLERANCES.evalRel, () => 'train_mse'),
      predDeviation(predTest, c.final_eval.pred_test),
    ];
    return { caseId, description: c.description, deviations, ok: deviations.every((d) => d.value <= d.tolerance) };
  } finally {
    exp.dispose();
  }
}

/** Predictions: relative to the largest |prediction| (entries near 0 make a per-entry relative error meaningless). */
function predDeviation(actual: Float32Array, expected: readonly number[]): Deviation {
  // a loop, not Math.max(...expected): an argument list the size of the input could overflow the stack
  let scale = 1e-30;
  for (const e of expected) scale = Math.max(scale, Math.abs(e));
  const d = maxDeviation(
    'final_eval.pred_test',
    actual.map((a) => a / scale),
    expected.map((e) => Math.fround(e) / scale),
    'absolute',
    TOLERANCES.evalRel,
    (i) => `pred[${i}]`,
  );
  return { ...d, kind: 'relative' };
}

export function formatReport(reports: readonly CaseReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.ok ? 'ok  ' : 'FAIL'} ${r.caseId}: ${r.description}`);
    for (const d of r.deviations) {
      const flag = d.value <= d.tolerance ? '  ' : '!!';
      lines.push(
        `  ${flag} ${d.quantity.padEnd(22)} ${d.value.toExponential(2).padStart(9)} ${d.kind.padEnd(8)} (tol ${d.tolerance.toExponential(0)}) at ${d.where}`,
      );
    }
  }
  return lines.join('\n');
}
