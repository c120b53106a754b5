// One schema for the PyTorch reference files (../shared/reference, layout in its README), shared by
// the parity panel and `npm run verify`: valibot checks the structure and that every number is a
// finite number, deep down; then the shapes are checked against each other (data lengths, layer
// sizes, steps). Sizes are bounded before anything is allocated for a replay: a 1→1e8→1 net, steps
// 1e9 or 10,000 cases are refused with a message that names the field.

import * as v from 'valibot';
import { OPTIMIZERS, SCHEMA } from './settings';
import type { GoldenFile } from './golden';

/** Bounds of a golden file (the shared ones: 1→300→300→1, ≤ 20 steps, 6 cases, 12.8 MB). */
export const GOLDEN_LIMITS = {
  /** bytes of the file, checked before it is read as JSON */
  bytes: 32 * 1024 * 1024,
  cases: 64,
  steps: 1000,
  /** the schema's widest hidden layer */
  width: SCHEMA.hidden.max,
  /** input, up to SCHEMA.layers.max hidden layers, output */
  sizes: SCHEMA.layers.max + 2,
  /** the schema's most points, for the training and the test points */
  points: SCHEMA.points.max,
} as const;

const received = (i: v.BaseIssue<unknown>): string => i.received;
/** One check per number (a custom schema: about 3× faster than number() + finite() on the 1.7M numbers of golden_h300). */
const finite = v.custom<number>(
  (x) => typeof x === 'number' && Number.isFinite(x),
  (i) => `expected a finite number, got ${received(i)}`,
);
const vector = (max: number) =>
  v.pipe(
    v.array(finite, (i) => `expected a list of numbers, got ${received(i)}`),
    v.maxLength(max, (i) => `expected at most ${max} entries, got ${(i.input as unknown[]).length}`),
  );
/** A parameter: a vector (bias) or a matrix [out][in] of finite numbers; shapes are checked later. */
const tensor = v.union(
  [
    v.pipe(
      v.array(vector(GOLDEN_LIMITS.width)),
      v.maxLength(GOLDEN_LIMITS.width, (i) => `expected at most ${GOLDEN_LIMITS.width} rows, got ${(i.input as unknown[]).length}`),
    ),
    vector(GOLDEN_LIMITS.width),
  ],
  (i) => `expected a list of finite numbers or of rows of them, got ${received(i)}`,
);
const params = v.record(v.string(), tensor, (i) => `expected an object of parameters, got ${received(i)}`);
/** A missing key is an issue of its object, with the key's name as `expected`. */
const object = <E extends v.ObjectEntries>(entries: E) =>
  v.object(entries, (i) => (i.expected?.startsWith('"') ? 'missing' : `expected an object, got ${received(i)}`));
const integer = (min: number, max: number) =>
  v.pipe(
    finite,
    v.integer((i) => `expected a whole number, got ${received(i)}`),
    v.minValue(min, (i) => `expected at least ${min}, got ${received(i)}`),
    v.maxValue(max, (i) => `expected at most ${max.toLocaleString('en-US')}, got ${received(i)}`),
  );
const mask = v.picklist([0, 1], (i) => `expected 0 or 1, got ${received(i)}`);
const list = <S extends v.GenericSchema>(item: S, max: number, what = 'entries') =>
  v.pipe(
    v.array(item, (i) => `expected a list, got ${received(i)}`),
    v.maxLength(
      max,
      (i) => `expected at most ${max.toLocaleString('en-US')} ${what}, got ${(i.input as unknown[]).length.toLocaleString('en-US')}`,
    ),
  );

const goldenCase = object({
  description: v.optional(v.string(), ''),
  steps: integer(1, GOLDEN_LIMITS.steps),
  dropout: v.boolean((i) => `expected true or false, got ${received(i)}`),
  optimizer: object({
    type: v.picklist(OPTIMIZERS, (i) => `expected one of ${OPTIMIZERS.join(', ')}, got ${received(i)}`),
    lr: finite,
    weight_decay: finite,
    momentum: v.optional(finite),
  }),
  regularizer: object({ type: v.string(), lambda: v.optional(finite), weight_decay: v.optional(finite) }),
  loss_mse: vector(GOLDEN_LIMITS.steps),
  reg_term: vector(GOLDEN_LIMITS.steps),
  loss_total: vector(GOLDEN_LIMITS.steps),
  out_step1: vector(GOLDEN_LIMITS.points),
  grads_step1: params,
  params_final: params,
  final_eval: object({ pred_test: vector(GOLDEN_LIMITS.points), test_mse: finite, train_mse: finite }),
  grads_per_step: v.optional(list(params, GOLDEN_LIMITS.steps, 'steps')),
  params_per_step: v.optional(list(params, GOLDEN_LIMITS.steps, 'steps')),
});

export const goldenFileSchema = object({
  arch: object({
    sizes: v.pipe(
      list(integer(1, GOLDEN_LIMITS.width), GOLDEN_LIMITS.sizes, 'layer sizes'),
      v.minLength(2, (i) => `expected at least 2 layer sizes, got ${(i.input as unknown[]).length}`),
    ),
    param_order: list(v.string(), 2 * GOLDEN_LIMITS.sizes, 'names'),
  }),
  data: object({
    x: vector(GOLDEN_LIMITS.points),
    y: vector(GOLDEN_LIMITS.points),
    test_x: vector(GOLDEN_LIMITS.points),
    test_y: vector(GOLDEN_LIMITS.points),
  }),
  init: object({ params }),
  dropout: object({
    p_drop: v.pipe(
      finite,
      v.minValue(0),
      v.maxValue(0.99, (i) => `expected at most 0.99, got ${received(i)}`),
    ),
    masks: list(
      list(list(list(mask, GOLDEN_LIMITS.width, 'units'), GOLDEN_LIMITS.points, 'points'), GOLDEN_LIMITS.sizes, 'layers'),
      GOLDEN_LIMITS.steps,
      'steps',
    ),
  }),
  cases: v.pipe(
    v.record(v.string(), goldenCase, (i) => `expected an object of cases, got ${received(i)}`),
    v.check((c) => Object.keys(c).length > 0, 'the file has no cases'),
    v.check((c) => Object.keys(c).length <= GOLDEN_LIMITS.cases, `expected at most ${GOLDEN_LIMITS.cases} cases`),
  ),
});

type PathKey = string | number;

/** Where an issue is: `cases.a_adam.data.x[3]`. */
function pathText(keys: readonly PathKey[]): string {
  let out = '';
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out;
}

function keysOf(issue: v.BaseIssue<unknown>): PathKey[] {
  return (issue.path ?? []).map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
}

/**
 * The most specific issue: a union's sub-issue that got furthest into the input (a sub-issue's
 * path is relative to the union's own input, so the two are joined).
 */
function deepest(issue: v.BaseIssue<unknown>, prefix: readonly PathKey[] = []): { issue: v.BaseIssue<unknown>; keys: PathKey[] } {
  const keys = [...prefix, ...keysOf(issue)];
  let best = { issue, keys };
  for (const sub of issue.issues ?? []) {
    const d = deepest(sub, keys);
    if (d.keys.length > best.keys.length) best = d;
  }
  return best;
}

export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const d = deepest(issue);
  const where = pathText(d.keys);
  const message = d.issue === issue ? issue.message : plainMessage(d.issue);
  return where ? `${where}: ${message}` : message;
}

/** A union's sub-issue carries valibot's default message; say it the way the schema's own messages do. */
function plainMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'custom') return `expected a finite number, got ${issue.received}`;
  return issue.message;
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Shapes that must agree with each other (after the structure is known to be right). */
function shapeProblem(g: v.InferOutput<typeof goldenFileSchema>): string | null {
  const sizes = g.arch.sizes;
  if (sizes[0] !== 1 || sizes[sizes.length - 1] !== 1) {
    return `arch.sizes: expected a 1→…→1 net (one input, one output), got [${sizes.join(', ')}]`;
  }
  const names: string[] = [];
  const shapes = new Map<string, readonly number[]>();
  for (let k = 1; k < sizes.length; k++) {
    names.push(`W${k}`, `b${k}`);
    shapes.set(`W${k}`, [sizes[k], sizes[k - 1]]);
    shapes.set(`b${k}`, [sizes[k]]);
  }
  const n = g.data.x.length;
  const testN = g.data.test_x.length;
  if (n < 1) return 'data.x: expected at least 1 point';
  if (g.data.y.length !== n) return `data.y: expected ${n} entries (as data.x), got ${g.data.y.length}`;
  if (testN < 1) return 'data.test_x: expected at least 1 point';
  if (g.data.test_y.length !== testN) return `data.test_y: expected ${testN} entries (as data.test_x), got ${g.data.test_y.length}`;
  const tensorProblem = (where: string, record: Readonly<Record<string, readonly (number | readonly number[])[]>>): string | null => {
    for (const name of names) {
      if (!Object.hasOwn(record, name)) return `${where}.${name}: missing`;
      const t = record[name];
      const shape = shapes.get(name) ?? [];
      if (t.length !== shape[0]) return `${where}.${name}: expected ${shape.join('×')}, got ${t.length} rows`;
      for (let r = 0; r < t.length; r++) {
        const row = t[r];
        if (shape.length === 1 && typeof row !== 'number') return `${where}.${name}[${r}]: expected a number, got a list`;
        if (shape.length === 2 && (typeof row === 'number' || row.length !== shape[1])) {
          return `${where}.${name}[${r}]: expected a row of ${shape[1]} numbers, got ${typeof row === 'number' ? 'a number' : `${row.length}`}`;
        }
      }
    }
    return null;
  };
  const init = tensorProblem('init.params', g.init.params);
  if (init) return init;
  const hiddenLayers = sizes.length - 2;
  for (const [id, c] of Object.entries(g.cases)) {
    const at = `cases.${id}`;
    for (const key of ['loss_mse', 'reg_term', 'loss_total'] as const) {
      if (c[key].length !== c.steps) return `${at}.${key}: expected ${c.steps} entries (steps), got ${c[key].length}`;
    }
    if (c.out_step1.length !== n) return `${at}.out_step1: expected ${n} entries (data.x), got ${c.out_step1.length}`;
    if (c.final_eval.pred_test.length !== testN) {
      return `${at}.final_eval.pred_test: expected ${testN} entries (data.test_x), got ${c.final_eval.pred_test.length}`;
    }
    const grads = tensorProblem(`${at}.grads_step1`, c.grads_step1) ?? tensorProblem(`${at}.params_final`, c.params_final);
    if (grads) return grads;
    if (c.dropout) {
      const masks = g.dropout.masks;
      if (masks.length < c.steps)
        return `dropout.masks: ${at} replays ${c.steps} steps with dropout, the file holds masks of ${masks.length}`;
      for (let s = 0; s < c.steps; s++) {
        if (masks[s].length !== hiddenLayers) return `dropout.masks[${s}]: expected ${hiddenLayers} layers, got ${masks[s].length}`;
        for (let l = 0; l < hiddenLayers; l++) {
          if (masks[s][l].length !== n) return `dropout.masks[${s}][${l}]: expected ${n} points, got ${masks[s][l].length}`;
          for (let p = 0; p < n; p++) {
            const units = masks[s][l][p].length;
            if (units !== sizes[l + 1]) return `dropout.masks[${s}][${l}][${p}]: expected ${sizes[l + 1]} units, got ${units}`;
          }
        }
      }
    }
  }
  return null;
}

/** A parsed JSON value as a golden file, or a message naming the first field that is wrong. Never throws. */
export function checkGoldenFile(raw: unknown): Checked<GoldenFile> {
  if (Array.isArray(raw)) return { ok: false, error: 'expected an object at the top level, got a list' };
  const parsed = v.safeParse(goldenFileSchema, raw, { abortEarly: true });
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.issues[0]) };
  const problem = shapeProblem(parsed.output);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: parsed.output };
}

// The other two reference files, so every file of the reference folder has a schema.

const netPair = <S extends v.GenericSchema>(item: S) => object({ overfitting: item, dropped: item });
export const seedRunSchema = object({
  data: object({
    x: vector(GOLDEN_LIMITS.points),
    y: vector(GOLDEN_LIMITS.points),
    test_x: vector(GOLDEN_LIMITS.points),
    test_y: vector(GOLDEN_LIMITS.points),
  }),
  train_mse: netPair(vector(100_000)),
  checkpoints: object({
    epochs: list(integer(0, 100_000), 10_000),
    updates_done: list(integer(1, 100_001), 10_000),
    test_mse: netPair(vector(10_000)),
    test_pred: netPair(list(vector(GOLDEN_LIMITS.points), 10_000)),
  }),
  dropped_mask_variability: object({
    test_mse_runs: list(vector(10_000), 1000),
    mean: vector(10_000),
    std: vector(10_000),
    min: vector(10_000),
    median: vector(10_000),
    max: vector(10_000),
    frac_below_overfitting: vector(10_000),
  }),
  after_training: object({ test_mse: netPair(finite), train_mse_eval: netPair(finite), test_pred: netPair(vector(GOLDEN_LIMITS.points)) }),
  init_params: netPair(params),
});

const convention = object({
  test_out: finite,
  test_z2: vector(64),
  mc_mean_out: finite,
  mc_se_out: finite,
  exact_mean_out: finite,
  mc_mean_z2: vector(64),
  mc_se_z2: vector(64),
  exact_mean_z2: vector(64),
  jensen_gap_out: finite,
  single_dropout_layer2_only: object({ test_out: finite, mc_mean_out: finite, mc_se_out: finite, exact_mean_out: finite }),
});
export const vanillaInvertedSchema = object({
  x: vector(64),
  weights: params,
  experiments: list(
    object({
      p_keep: finite,
      vanilla: convention,
      inverted_same_weights: convention,
      inverted_rescaled_weights: convention,
      test_out_vanilla_minus_inverted_same_weights: finite,
      test_out_vanilla_minus_inverted_rescaled: finite,
    }),
    64,
  ),
});

export type SeedRunFile = v.InferOutput<typeof seedRunSchema>;
export type VanillaInvertedFile = v.InferOutput<typeof vanillaInvertedSchema>;

/** Any schema of this module applied to parsed JSON: the value, or a message naming the field. */
export function checkReference<S extends typeof seedRunSchema | typeof vanillaInvertedSchema>(
  schema: S,
  raw: unknown,
): Checked<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, raw, { abortEarly: true });
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, error: describeIssue(parsed.issues[0]) };
}
