// Reading a golden JSON file (../shared/reference/golden_*.json layout) with clear errors before it
// goes to a replay: the parity panel and `npm run verify` both come here. The size is checked
// before the text is read or parsed, then the one schema (experiment/golden-schema) names the first
// field that is wrong. Never throws.

import { checkGoldenFile, GOLDEN_LIMITS } from '../experiment/golden-schema';
import type { GoldenFile } from '../experiment/golden';
import { formatBytes } from './csv';

export type GoldenParse =
  { readonly ok: true; readonly golden: GoldenFile; readonly cases: string[] } | { readonly ok: false; readonly error: string };

/** The refusal of a file of `bytes`, or null when it may be read. */
export function goldenSizeProblem(bytes: number): string | null {
  if (bytes <= GOLDEN_LIMITS.bytes) return null;
  return `the file is ${formatBytes(bytes)}; golden files of at most ${formatBytes(GOLDEN_LIMITS.bytes)} are read (the largest reference, golden_h300.json, is 12.2 MB)`;
}

export function parseGoldenFile(text: string): GoldenParse {
  // a UTF-16 length over the limit is over it in UTF-8 too
  const tooBig = goldenSizeProblem(text.length);
  if (tooBig) return { ok: false, error: tooBig };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const checked = checkGoldenFile(raw);
  if (!checked.ok) return { ok: false, error: `not a golden file: ${checked.error}` };
  return { ok: true, golden: checked.value, cases: Object.keys(checked.value.cases) };
}
