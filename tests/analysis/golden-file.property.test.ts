// Property tests of the golden-file schema (fast-check): arbitrary JSON, and golden_small.json with
// one value replaced or removed anywhere, give either a valid file or a clear error — a message
// that names a field (or says the file is not JSON) — never a thrown TypeError.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGoldenFile } from '../../src/analysis/golden-file';
import { checkGoldenFile } from '../../src/experiment/golden-schema';
import { GOLDEN_DIR } from '../helpers/golden-files';

export const GOLDEN_JSON_RUNS = 2_000;
export const GOLDEN_MUTATION_RUNS = 300;

/** A field path first ("cases.a_adam.loss_mse[3]: …"), or one of the whole-file answers. */
const CLEAR_ERROR = /^([A-Za-z_][\w]*(\.[\w]+|\[\d+\])*: \S|expected an object at the top level|expected an object, got|missing)/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** golden_small.json cut to two cases without the per-step extras, so each check is quick */
const base = ((): Json => {
  const g = JSON.parse(readFileSync(join(GOLDEN_DIR, 'golden_small.json'), 'utf8')) as {
    cases: Record<string, Record<string, Json>>;
  } & Record<string, Json>;
  const cases: Record<string, Json> = {};
  for (const id of ['a_adam', 'b_adam_dropout']) {
    const c = { ...g.cases[id] };
    delete c.grads_per_step;
    delete c.params_per_step;
    cases[id] = c;
  }
  return { ...g, cases };
})();

/** Every path into a JSON value (objects by key, arrays by index), the root excluded. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  const children: [string | number, Json][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : v !== null && typeof v === 'object'
      ? Object.entries(v)
      : [];
  for (const [k, x] of children) {
    out.push([...prefix, k]);
    paths(x, [...prefix, k], out);
  }
  return out;
}
const ALL_PATHS = paths(base);

function mutate(path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(base);
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

function expectClear(r: { ok: true } | { ok: false; error: string }): void {
  if (r.ok) return;
  expect(r.error).toMatch(CLEAR_ERROR);
  expect(r.error).not.toMatch(/TypeError|Cannot read|undefined \(reading/);
}

describe('golden-file validation', () => {
  it('the cut-down base file is valid', () => {
    expect(checkGoldenFile(base).ok).toBe(true);
  });

  it(`arbitrary JSON: a clear error or a valid file (${GOLDEN_JSON_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const r = checkGoldenFile(v);
        expectClear(r);
        const text = parseGoldenFile(JSON.stringify(v) ?? 'null');
        expect(text.ok).toBe(r.ok);
      }),
      { numRuns: GOLDEN_JSON_RUNS },
    );
  }, 60_000);

  it(`golden_small.json with one value replaced or removed: a clear error or a valid file (${GOLDEN_MUTATION_RUNS} cases)`, () => {
    const replacement = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom<Json>(null, 0, -1, 1e9, 0.5, '', 'NaN', [], {}, true, [null], [[1]]),
      fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
    );
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PATHS), replacement, (path, value) => expectClear(checkGoldenFile(mutate(path, value)))),
      { numRuns: GOLDEN_MUTATION_RUNS },
    );
  }, 60_000);
});
