// The device bench bundle (the one script a lent GPU machine runs, docs/BENCHMARKS.md) builds and
// runs: built by bench/device/build.ts (npm run bench:device:build), run with --quick on
// SwiftShader, it must train every job, print a finite time for each, compare with the targets and
// PyTorch's H100 figures of bench/reference-figures.json and end with its table. It needs none of
// the bench package's own dependencies, so it runs in the root suite.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceFigures } from '../../bench/reference-figures';
import { GPU_SKIPPED } from '../helpers/gpu';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'test-results', 'dist-bench-smoke');

describe.skipIf(GPU_SKIPPED)('device bench bundle', () => {
  it('builds, runs every job with --quick and prints the comparison table', () => {
    const built = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['bench/device/build.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DROPOUT_LAB_BENCH_OUT: OUT },
    });
    expect(built.status, built.stderr).toBe(0);
    expect(existsSync(join(OUT, 'bench.mjs'))).toBe(true);

    const run = spawnSync('node', [join(OUT, 'bench.mjs'), '--quick'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(run.status, run.stderr).toBe(0);
    const table = run.stdout.slice(run.stdout.lastIndexOf('| backend | job |'));
    const rows = table.trim().split('\n').slice(2);
    expect(rows).toHaveLength(5); // 2 groupings × (seed job + grid) + the CPU seed job
    for (const row of rows) {
      const cells = row.split('|').map((c) => c.trim());
      expect(Number(cells[4])).toBeGreaterThan(0);
      expect(cells[6]).not.toMatch(/NON-FINITE/);
    }
    const { pytorchH100: h100, deviceTargets } = referenceFigures;
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const gpuSeedRows = rows.filter((r) => /seed job/.test(r) && /WebGPU/.test(r));
    expect(gpuSeedRows).toHaveLength(2);
    for (const r of gpuSeedRows) {
      expect(r).toContain(`target ≤ ${deviceTargets.seedJobMs} ms `);
      expect(r).toMatch(new RegExp(`target ≤ \\d+ ms (met|missed); [\\d.]+× (faster|slower) than ${literal(h100.seedJob.eager.name)}; `));
      expect(r).toMatch(new RegExp(`[\\d.]+× (faster|slower) than ${literal(h100.seedJob.cudaGraph.name)} \\|$`));
    }
    expect(rows.at(-1)).toMatch(/^\| CPU .*\| seed job \(2 nets\) \|/);
    expect(run.stdout).toContain(`${h100.setup} (${h100.source}): seed job: ${h100.seedJob.eager.name} ${h100.seedJob.eager.ms} ms`);
    expect(run.stdout).toContain(`64 models ≤ ${deviceTargets.grid64Ms} ms`);
  }, 300_000);
});
