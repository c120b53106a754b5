import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoldenFile } from '../../src/analysis/golden-file';
import { GOLDEN_DIR } from '../helpers/golden-files';

const SMALL = join(GOLDEN_DIR, 'golden_small.json');

describe('picked golden file', () => {
  it('accepts golden_small.json and lists its cases', () => {
    const r = parseGoldenFile(readFileSync(SMALL, 'utf8'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.cases.length).toBe(6);
      expect(r.golden.arch.sizes).toEqual([1, 8, 8, 1]);
    }
  });
  it('rejects with a clear reason', () => {
    const notJson = parseGoldenFile('{oops');
    expect(notJson.ok).toBe(false);
    expect(notJson.ok ? null : notJson.error).toMatch(/^not JSON/);
    expect(parseGoldenFile('[]')).toEqual({ ok: false, error: 'not a golden file: the top level is not an object' });
    expect(parseGoldenFile('{"arch":{}}')).toEqual({ ok: false, error: 'not a golden file: missing data, init, dropout, cases' });
    const base = {
      arch: { sizes: [1, 2, 1] },
      data: { x: [], y: [], test_x: [], test_y: [] },
      init: { params: {} },
      dropout: {},
      cases: {},
    };
    expect(parseGoldenFile(JSON.stringify(base))).toEqual({ ok: false, error: 'the file has no cases' });
    expect(parseGoldenFile(JSON.stringify({ ...base, cases: { a: { steps: 1 } } }))).toEqual({
      ok: false,
      error: 'case a: missing steps, optimizer or loss_mse',
    });
  });
});
