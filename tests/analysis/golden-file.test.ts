// The one golden-file schema: the real reference files validate; every malformed file gets a
// message that names the field (never a TypeError), and sizes are refused before any replay.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenSizeProblem, parseGoldenFile } from '../../src/analysis/golden-file';
import { checkReference, seedRunSchema, vanillaInvertedSchema } from '../../src/experiment/golden-schema';
import { GOLDEN_DIR } from '../helpers/golden-files';

const SMALL_TEXT = readFileSync(join(GOLDEN_DIR, 'golden_small.json'), 'utf8');
type Json = Record<string, unknown>;
const small = (): Json => JSON.parse(SMALL_TEXT) as Json;
function error(file: unknown): string {
  const r = parseGoldenFile(typeof file === 'string' ? file : JSON.stringify(file));
  if (r.ok) throw new Error('accepted');
  return r.error;
}
/** golden_small.json with one change made by `edit` */
function edited(
  edit: (g: Json & { cases: Record<string, Json>; data: Record<string, unknown[]>; arch: Json; dropout: Json }) => void,
): string {
  const g = small() as Parameters<typeof edit>[0];
  edit(g);
  return error(g);
}

describe('the reference files validate', () => {
  it('golden_small.json and golden_h300.json, with their cases', () => {
    const r = parseGoldenFile(SMALL_TEXT);
    expect(r.ok && r.cases).toEqual(['a_adam', 'b_adam_dropout', 'c_sgd_l2', 'd_adam_l2', 'e_adamw', 'f_adam_l1']);
    expect(r.ok && r.golden.arch.sizes).toEqual([1, 8, 8, 1]);
    const h300 = parseGoldenFile(readFileSync(join(GOLDEN_DIR, 'golden_h300.json'), 'utf8'));
    expect(h300.ok ? h300.golden.arch.sizes : h300.error).toEqual([1, 300, 300, 1]);
  });
  it('seed_run.json and vanilla_vs_inverted.json, by their schemas', () => {
    const seed = checkReference(seedRunSchema, JSON.parse(readFileSync(join(GOLDEN_DIR, 'seed_run.json'), 'utf8')));
    expect(seed.ok ? seed.value.checkpoints.epochs.length : seed.error).toBe(10);
    const vi = checkReference(vanillaInvertedSchema, JSON.parse(readFileSync(join(GOLDEN_DIR, 'vanilla_vs_inverted.json'), 'utf8')));
    expect(vi.ok ? vi.value.experiments.map((e) => e.p_keep) : vi.error).toEqual([0.5, 0.8]);
    expect(checkReference(seedRunSchema, { data: null })).toEqual({ ok: false, error: 'data: expected an object, got null' });
  });
});

describe('malformed files get a message naming the field', () => {
  it('not JSON, not an object, missing parts', () => {
    expect(error('{oops')).toMatch(/^not JSON: /);
    expect(error('[]')).toBe('not a golden file: expected an object at the top level, got a list');
    expect(error('null')).toBe('not a golden file: expected an object, got null');
    expect(error({ arch: {} })).toBe('not a golden file: arch.sizes: missing');
    expect(edited((g) => delete (g as Json).cases)).toBe('not a golden file: cases: missing');
    expect(edited((g) => (g.cases = {}))).toBe('not a golden file: cases: the file has no cases');
    expect(edited((g) => delete (g.init as Json).params)).toBe('not a golden file: init.params: missing');
  });

  it('a null in data.x is a schema error, not “outside tolerance”', () => {
    expect(edited((g) => (g.data.x[3] = null))).toBe('not a golden file: data.x[3]: expected a finite number, got null');
    expect(edited((g) => ((g.cases.b_adam_dropout.loss_mse as unknown[])[7] = 'NaN'))).toBe(
      'not a golden file: cases.b_adam_dropout.loss_mse[7]: expected a finite number, got "NaN"',
    );
    expect(edited((g) => (((g.cases.a_adam.params_final as Json).W2 as unknown[][])[2][5] = null))).toBe(
      'not a golden file: cases.a_adam.params_final.W2[2][5]: expected a finite number, got null',
    );
    expect(error(SMALL_TEXT.replace('"p_drop": 0.5', '"p_drop": 1e999'))).toBe(
      'not a golden file: dropout.p_drop: expected a finite number, got Infinity',
    );
  });

  it('sizes are bounded before any allocation: a 1→1e8→1 net, steps 1e9, too many cases', () => {
    expect(edited((g) => (g.arch.sizes = [1, 1e8, 1]))).toBe('not a golden file: arch.sizes[1]: expected at most 1,024, got 100000000');
    expect(edited((g) => (g.cases.a_adam.steps = 1e9))).toBe(
      'not a golden file: cases.a_adam.steps: expected at most 1,000, got 1000000000',
    );
    expect(edited((g) => (g.arch.sizes = [1, 8, 8, 8, 8, 8, 8, 1]))).toBe(
      'not a golden file: arch.sizes: expected at most 6 layer sizes, got 8',
    );
    expect(
      edited((g) => {
        for (let i = 0; i < 70; i++) g.cases[`c${i}`] = g.cases.a_adam;
      }),
    ).toBe('not a golden file: cases: expected at most 64 cases');
    expect(goldenSizeProblem(40 * 1024 * 1024)).toBe(
      'the file is 40.0 MB; golden files of at most 32.0 MB are read (the largest reference, golden_h300.json, is 12.2 MB)',
    );
    expect(error(' '.repeat(32 * 1024 * 1024 + 1))).toMatch(/^the file is 32\.0 MB; golden files of at most 32\.0 MB/);
  });

  it('shapes must agree with each other', () => {
    expect(edited((g) => g.data.y.pop())).toBe('not a golden file: data.y: expected 20 entries (as data.x), got 19');
    expect(edited((g) => (g.cases.a_adam.loss_mse as unknown[]).pop())).toBe(
      'not a golden file: cases.a_adam.loss_mse: expected 20 entries (steps), got 19',
    );
    expect(edited((g) => (g.arch.sizes = [1, 8, 9, 1]))).toBe('not a golden file: init.params.W2: expected 9×8, got 8 rows');
    expect(edited((g) => (g.arch.sizes = [2, 8, 8, 1]))).toBe(
      'not a golden file: arch.sizes: expected a 1→…→1 net (one input, one output), got [2, 8, 8, 1]',
    );
    expect(edited((g) => delete (g.cases.c_sgd_l2.grads_step1 as Json).b3)).toBe(
      'not a golden file: cases.c_sgd_l2.grads_step1.b3: missing',
    );
    expect(edited((g) => ((g.dropout.masks as unknown[][][][])[3][1][4] = [1, 0]))).toBe(
      'not a golden file: dropout.masks[3][1][4]: expected 8 units, got 2',
    );
    expect(edited((g) => ((g.dropout.masks as unknown[][][][])[0][0][0][0] = 0.5))).toBe(
      'not a golden file: dropout.masks[0][0][0][0]: expected 0 or 1, got 0.5',
    );
    expect(edited((g) => (g.cases.a_adam.optimizer = { type: 'rmsprop', lr: 0.1, weight_decay: 0 }))).toBe(
      'not a golden file: cases.a_adam.optimizer.type: expected one of adam, adamw, sgd, got "rmsprop"',
    );
  });
});
