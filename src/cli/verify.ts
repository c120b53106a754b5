// `npm run verify -- <golden.json> [--backend cpu|webgpu] [--threads N|auto] [--case ID]`
// Replays every case of a PyTorch golden file, prints the largest deviation per quantity and case,
// and exits non-zero if any exceeds its tolerance. Check the engine against your own export.

import { readFileSync, statSync } from 'node:fs';
import { goldenSizeProblem, parseGoldenFile } from '../analysis/golden-file';
import { parseArgs, runCommand, UsageError } from './args';
import { backendNameOf, createNodeBackend, threadsOf } from './node-backend';
import { formatReport, replayGoldenCase, TOLERANCES, type CaseReport, type GoldenFile } from '../experiment/golden';

const HELP = 'usage: npm run verify -- <golden.json> [--backend cpu|webgpu] [--threads N|auto] [--case ID]';

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    { backend: true, threads: true, case: true, help: false },
    { positional: 1, positionalName: 'golden file' },
  );
  if (args.flags.has('help')) {
    console.log(HELP);
    return 0;
  }
  const threads = threadsOf(args.flags.get('threads'));
  if (args.positional.length !== 1) throw new UsageError('give exactly one golden file');
  const file = args.positional[0];
  let text: string;
  try {
    // the size first: nothing of a file over the limit is read
    const tooBig = goldenSizeProblem(statSync(file).size);
    if (tooBig) throw new UsageError(`${file}: ${tooBig}`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const parsed = parseGoldenFile(text);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.error} (the layout is in shared/reference/README.md)`);
  const golden: GoldenFile = parsed.golden;
  const only = args.flags.get('case');
  const ids = Object.keys(golden.cases).filter((id) => only === undefined || id === only);
  if (ids.length === 0) throw new UsageError(`no case ${String(only)} in ${file} (have ${Object.keys(golden.cases).join(', ')})`);

  const { backend, close } = await createNodeBackend(backendNameOf(args.flags.get('backend')), { threads });
  try {
    console.log(
      `verify ${file} · ${backend.description} · net ${golden.arch.sizes.join('→')} · tolerances: loss ${TOLERANCES.lossRel} rel, grads ${TOLERANCES.gradAbs} abs, params ${TOLERANCES.paramAbs} abs, eval ${TOLERANCES.evalRel} rel`,
    );
    const reports: CaseReport[] = [];
    for (const id of ids) {
      const t0 = performance.now();
      const report = await replayGoldenCase(backend, golden, id);
      reports.push(report);
      console.log(formatReport([report]) + `\n  (${(performance.now() - t0).toFixed(0)} ms)`);
    }
    const failed = reports.filter((r) => !r.ok);
    console.log(
      failed.length === 0
        ? `all ${reports.length} cases within tolerance`
        : `${failed.length} of ${reports.length} cases exceed a tolerance: ${failed.map((r) => r.caseId).join(', ')}`,
    );
    return failed.length === 0 ? 0 : 1;
  } finally {
    close();
  }
}

runCommand(main, HELP);
