// Exports of a run: per-epoch losses as CSV, the whole run as JSON (settings, losses, checkpoint
// predictions), and trained weights as JSON in the golden files' layout (W1, b1, … with W as
// nn.Linear.weight, [out][in]). NaN and ±Infinity stay apart: the CSV writes NaN, Infinity and
// -Infinity; JSON, which has no such numbers, writes them as the strings "NaN", "Infinity" and
// "-Infinity" (said in each JSON export's `number_format` key), never null for both.

import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';

/** What the exports need of a net's history (the page's NetSeries fits). */
export interface SeriesLike {
  readonly name: string;
  readonly label: string;
  /** trainLoss[i] belongs to epoch i + 1 */
  readonly trainLoss: readonly number[];
  readonly penalty: readonly number[];
  readonly test: readonly { x: number; y: number }[];
  readonly trainEval: readonly { x: number; y: number }[];
  readonly divergedAt: number | null;
}

/** What the exports need of a checkpoint (the page's Frame fits). */
export interface FrameLike {
  readonly epoch: number;
  readonly gridX: readonly number[];
  readonly nets: readonly {
    name: string;
    testMse: number;
    trainMseEval: number;
    testPred: readonly number[];
    gridPred: readonly number[];
  }[];
}

export interface RunLike {
  readonly settings: Settings;
  readonly backend: string;
  readonly data: Dataset;
  readonly series: readonly SeriesLike[];
  readonly frames: readonly FrameLike[];
}

/** What the JSON exports say about their non-finite numbers (their `number_format` key). */
export const NON_FINITE_JSON_NOTE = 'non-finite numbers are written as the strings "NaN", "Infinity" and "-Infinity"';

export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** A number as JSON can hold it: finite as is, NaN and ±Infinity as their names. */
export function jsonNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

/** JSON.stringify replacer that writes every non-finite number with jsonNumber (instead of null). */
export function nonFiniteAsStrings(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? jsonNumber(value) : value;
}

/** CSV cell: String() writes NaN, Infinity and -Infinity as such. */
function num(v: number | undefined): string {
  return v === undefined ? '' : String(v);
}

/** One row per epoch: train MSE and penalty of every net, test/train-eval MSE where a checkpoint is. */
export function runToCsv(run: RunLike): string {
  const cols = ['epoch'];
  for (const s of run.series) cols.push(`${s.name}_train_mse`, `${s.name}_penalty`, `${s.name}_test_mse`, `${s.name}_train_mse_eval`);
  const epochs = new Set<number>();
  for (const s of run.series) {
    s.trainLoss.forEach((_, i) => epochs.add(i + 1));
    s.test.forEach((p) => epochs.add(p.x));
  }
  const rows = [cols.join(',')];
  const lookups = run.series.map((s) => ({
    test: new Map(s.test.map((p) => [p.x, p.y])),
    trainEval: new Map(s.trainEval.map((p) => [p.x, p.y])),
  }));
  for (const e of [...epochs].sort((a, b) => a - b)) {
    const row = [String(e)];
    run.series.forEach((s, k) => {
      row.push(
        e >= 1 ? num(s.trainLoss[e - 1]) : '',
        e >= 1 ? num(s.penalty[e - 1]) : '',
        num(lookups[k].test.get(e)),
        num(lookups[k].trainEval.get(e)),
      );
    });
    rows.push(row.join(','));
  }
  return `${rows.join('\n')}\n`;
}

export function runToJson(run: RunLike): string {
  const out = {
    format: 'dropout-lab-run/2',
    number_format: NON_FINITE_JSON_NOTE,
    settings: run.settings,
    backend: run.backend,
    data: { x: run.data.x, y: run.data.y, test_x: run.data.testX, test_y: run.data.testY },
    nets: run.series.map((s) => ({
      name: s.name,
      label: s.label,
      diverged_at: s.divergedAt,
      train_mse: s.trainLoss,
      penalty: s.penalty,
      test_mse: s.test.map((p) => ({ epoch: p.x, mse: p.y })),
      train_mse_eval: s.trainEval.map((p) => ({ epoch: p.x, mse: p.y })),
    })),
    checkpoints: run.frames.map((f) => ({
      epoch: f.epoch,
      grid_x: f.gridX,
      nets: f.nets.map((n) => ({
        name: n.name,
        test_mse: n.testMse,
        test_pred: n.testPred,
        grid_pred: n.gridPred,
      })),
    })),
  };
  return `${JSON.stringify(out, nonFiniteAsStrings, 1)}\n`;
}

/**
 * The double with the shortest decimal that rounds to the same float32 as `v` (the golden files'
 * number convention: parse as a double, Math.fround gives the exact float32). 0.1f → 0.1, not
 * 0.10000000149011612.
 */
export function shortestF32(v: number): number {
  if (!Number.isFinite(v)) return v;
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return d;
  }
  return f;
}

/** Flat row-major [rows·cols] → nested [rows][cols] (values as shortest float32 decimals). */
export function toNested(flat: ArrayLike<number>, rows: number, cols: number): number[][] {
  if (flat.length !== rows * cols) throw new RangeError(`expected ${rows}×${cols} = ${rows * cols} values, got ${flat.length}`);
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => shortestF32(flat[r * cols + c])));
}

/** Parameter names and shapes of a 1→H→…→1 MLP, in the golden order W1, b1, W2, b2, … */
export function paramShapes(sizes: readonly number[]): { name: string; shape: number[] }[] {
  const out: { name: string; shape: number[] }[] = [];
  for (let k = 1; k < sizes.length; k++) {
    out.push({ name: `W${k}`, shape: [sizes[k], sizes[k - 1]] });
    out.push({ name: `b${k}`, shape: [sizes[k]] });
  }
  return out;
}

/**
 * Trained weights in the golden files' layout: `arch.{sizes,param_order}` and, per net,
 * `params.{W1: [out][in], b1: [out], …}`, each float32 written as the shortest decimal that
 * round-trips to it.
 */
export function weightsToGoldenJson(
  sizes: readonly number[],
  nets: readonly { name: string; params: Readonly<Record<string, ArrayLike<number>>> }[],
  meta: { epoch: number; settings?: Settings } = { epoch: 0 },
): string {
  const shapes = paramShapes(sizes);
  const out = {
    description: `Dropout Lab trained weights at epoch ${meta.epoch}`,
    number_format: NON_FINITE_JSON_NOTE,
    arch: { sizes: [...sizes], param_order: shapes.map((s) => s.name) },
    epoch: meta.epoch,
    settings: meta.settings,
    nets: Object.fromEntries(
      nets.map((n) => [
        n.name,
        {
          params: Object.fromEntries(
            shapes.map(({ name, shape }) => {
              const flat = n.params[name];
              if (!flat) throw new RangeError(`weights of ${n.name}: ${name} is missing`);
              return [name, shape.length === 2 ? toNested(flat, shape[0], shape[1]) : Array.from(flat, shortestF32)];
            }),
          ),
        },
      ]),
    ),
  };
  return `${JSON.stringify(out, nonFiniteAsStrings)}\n`;
}
