// The device bench bundle (the one script a lent GPU machine runs, docs/BENCHMARKS.md) builds and
// runs: built by bench/device/build.ts (npm run bench:device:build), run with --quick on SwiftShader, it must train every
// job, print a finite time for each, compare with PyTorch's H100 figures and end with its table.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(
      rows
        .filter((r) => /seed job/.test(r) && /WebGPU/.test(r))
        .every((r) => /target ≤ 20 ms (met|missed); .*PyTorch eager; .*PyTorch CUDA graph/.test(r)),
    ).toBe(true);
    expect(rows.at(-1)).toMatch(/^\| CPU .*\| seed job \(2 nets\) \|/);
    expect(run.stdout).toMatch(/PyTorch 2\.11 on one H100/);
  }, 300_000);
});
