// `npm run bench:peers` end to end, made tiny: the page built with the peer libraries, served with
// COOP/COEP, five cells (this project's CPU backend on a pool of 1 and 2 workers, TF.js Wasm and CPU, jax-js Wasm) in headless
// Chromium for 2 epochs, each checked against PyTorch, and results.json written. A smoke run of the
// pipeline, not a measurement.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellKey, type TargetVerdict } from '../peers/cells';
import type { Row } from '../peers/report';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'test-results', 'dist-bench-peers-smoke');

describe('npm run bench:peers', () => {
  it('runs a tiny job in every Wasm and CPU cell of the page and records each, checked', () => {
    const args = ['--epochs', '2', '--runs', '1', '--jobs', 'seed', '--peers', 'dropout-lab,tfjs,jaxjs', '--backends', 'cpu,wasm'];
    const run = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['bench/peers/run.ts', ...args, '--no-node', '--no-explain', '--no-write', '--cell-timeout', '120'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DROPOUT_LAB_BENCH_PEERS_OUT: OUT }, timeout: 280_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/asked for missing files/);
    const results = JSON.parse(readFileSync(join(OUT, 'results.json'), 'utf8')) as { rows: Row[]; verdicts: TargetVerdict[] };
    expect(results.rows.map((r) => cellKey(r.cell))).toEqual([
      'dropout-lab/cpu×1@chromium',
      'dropout-lab/cpu×2@chromium',
      'tfjs/wasm@chromium',
      'tfjs/cpu@chromium',
      'jaxjs/wasm@chromium',
    ]);
    for (const r of results.rows) {
      expect(r.error).toBeUndefined();
      expect(r.checkOk).toBe(true);
      expect(r.jobMs).toBeGreaterThan(0);
      expect(r.extrapolated).toBe(false);
      expect(r.check).toMatch(
        /^plain [\d.]+ @1 \(PyTorch [\d.]+, [+-]\d+\.\d%\); (net 0|both nets \(same masks\)) @2 within [\d.]+% of Dropout Lab CPU$/,
      );
    }
    // the page's CPU pool ran as the product runs it: module workers, 1 and 2 of them
    expect(results.rows.filter((r) => r.cell.system === 'dropout-lab').map((r) => r.description)).toEqual([
      expect.stringMatching(/^CPU ×1 worker \(/),
      expect.stringMatching(/^CPU ×2 workers \(/),
    ]);
    // the page was cross-origin isolated: threaded Wasm was possible
    expect(results.rows.find((r) => r.cell.system === 'jaxjs')?.description).toMatch(/SharedArrayBuffer available/);
    expect(results.verdicts.find((v) => v.target.peer.system === 'tfjs' && v.target.peer.backend === 'cpu')?.speedup).toBeGreaterThan(0);
  }, 300_000);
});
