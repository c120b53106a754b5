// `tsx bench/peers/render.ts [results.json] [--out FILE]`: writes the generated block of
// docs/BENCHMARKS.md again from a run's results.json (dist-bench-peers/), with the current report
// code: the rows' figures are the run's own, only how they are judged and shown is recomputed
// (which extrapolations are trusted, ratios, pool speed-ups, targets from reference-figures.json).
// The block says that it was re-rendered, and when.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { referenceFigures } from '../reference-figures';
import { OUT_DIR, ROOT } from './build';
import type { TargetVerdict } from './cells';
import { extrapolationDoubt, median } from './harness';
import { consoleTable, markdownGenerated, spliceSection, verdictsOf, type Explain, type Meta, type Row } from './report';

interface Results {
  readonly meta: Meta;
  readonly rows: readonly Row[];
  readonly verdicts: readonly TargetVerdict[];
  readonly explain?: Explain;
}

/** The rows with the current trust rule applied to each extrapolation. */
export function rejudgedRows(rows: readonly Row[]): Row[] {
  return rows.map((r) => {
    if (!r.extrapolation || !r.runsMs.length) return r;
    const unreliable = extrapolationDoubt(median(r.runsMs), r.extrapolation);
    return { ...r, unreliable };
  });
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = at >= 0 ? resolve(args[at + 1] ?? '') : join(ROOT, 'docs', 'BENCHMARKS.md');
  const file = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out') ?? join(OUT_DIR, 'results.json'));
  const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
  const rows = rejudgedRows(results.rows);
  const verdicts = verdictsOf(rows, referenceFigures.peerTargets);
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const meta: Meta = {
    ...results.meta,
    notes: [
      ...results.meta.notes,
      `Re-rendered from this run's results.json on ${when} (\`tsx bench/peers/render.ts\`): same figures, current judging.`,
    ],
  };
  console.log(consoleTable(rows));
  for (const v of verdicts) console.log(`target: ${v.target.text}: ${v.note}`);
  const existing = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
  writeFileSync(out, spliceSection(existing, markdownGenerated(rows, verdicts, meta, results.explain)));
  console.error(`wrote ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
