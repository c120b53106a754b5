// Reading a golden JSON file the user picked (../shared/reference/golden_*.json layout) with clear
// errors before it goes to the worker.

import type { GoldenFile } from '../experiment/golden';

export type GoldenParse =
  { readonly ok: true; readonly golden: GoldenFile; readonly cases: string[] } | { readonly ok: false; readonly error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseGoldenFile(text: string): GoldenParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  if (!isRecord(raw)) return { ok: false, error: 'not a golden file: the top level is not an object' };
  const missing = ['arch', 'data', 'init', 'dropout', 'cases'].filter((k) => !isRecord(raw[k]));
  if (missing.length) return { ok: false, error: `not a golden file: missing ${missing.join(', ')}` };
  const arch = raw.arch as Record<string, unknown>;
  if (!Array.isArray(arch.sizes) || !arch.sizes.every((n) => Number.isInteger(n) && (n as number) > 0))
    return { ok: false, error: 'not a golden file: arch.sizes is not a list of layer sizes' };
  const data = raw.data as Record<string, unknown>;
  for (const k of ['x', 'y', 'test_x', 'test_y'])
    if (!Array.isArray(data[k])) return { ok: false, error: `not a golden file: data.${k} is missing` };
  const init = raw.init as Record<string, unknown>;
  if (!isRecord(init.params)) return { ok: false, error: 'not a golden file: init.params is missing' };
  const cases = Object.keys(raw.cases as Record<string, unknown>);
  if (cases.length === 0) return { ok: false, error: 'the file has no cases' };
  const bad = cases.filter((c) => {
    const v = (raw.cases as Record<string, unknown>)[c];
    return !isRecord(v) || typeof v.steps !== 'number' || !isRecord(v.optimizer) || !Array.isArray(v.loss_mse);
  });
  if (bad.length) return { ok: false, error: `case${bad.length > 1 ? 's' : ''} ${bad.join(', ')}: missing steps, optimizer or loss_mse` };
  return { ok: true, golden: raw as unknown as GoldenFile, cases };
}
