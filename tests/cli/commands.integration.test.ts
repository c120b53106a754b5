// The Node commands end to end: `npm run train` and `npm run verify` as a user runs them.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from '../helpers/golden-files';

const root = resolve(__dirname, '../..');
function run(script: 'train' | 'verify', args: string[]) {
  const r = spawnSync('npx', ['tsx', `src/cli/${script}.ts`, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GOLDEN_DIR },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run train', () => {
  it('--json prints one object with a checkpoint per interval (epoch = updates done) and both nets', () => {
    const r = run('train', ['--preset', 'tutorial', '--hidden', '16', '--epochs', '21', '--every', '10', '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as {
      backend: string;
      checkpoints: { epoch: number; nets: Record<string, { train_mse: number; test_mse: number }> }[];
      elapsed_ms: number;
    };
    expect(out.backend).toBe('cpu');
    // the schedule: before training, after updates 1, 11, 21 (the last)
    expect(out.checkpoints.map((c) => c.epoch)).toEqual([0, 1, 11, 21]);
    for (const c of out.checkpoints.slice(1)) {
      expect(Object.keys(c.nets)).toEqual(['overfitting', 'dropout']);
      for (const n of Object.values(c.nets)) {
        expect(n.train_mse).toBeGreaterThan(0);
        expect(n.test_mse).toBeGreaterThan(0);
      }
    }
    expect(out.elapsed_ms).toBeGreaterThan(0);
  });

  it('--json writes a diverged net’s losses as "NaN"/"Infinity" strings, never null', () => {
    const r = run('train', ['--optimizer', 'sgd', '--lr', '1', '--lr-plain', '1', '--epochs', '10', '--every', '5', '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as {
      number_format: string;
      checkpoints: { nets: Record<string, { train_mse: number | string; test_mse: number | string; diverged_at: number | null }> }[];
    };
    expect(out.number_format).toMatch(/"NaN", "Infinity" and "-Infinity"/);
    const last = out.checkpoints[out.checkpoints.length - 1];
    for (const n of Object.values(last.nets)) {
      expect(n.diverged_at).toBeGreaterThan(0);
      expect(['NaN', 'Infinity', '-Infinity']).toContain(n.test_mse);
    }
    expect(r.out).not.toMatch(/"(train_mse|test_mse|train_mse_eval|penalty)":null/);
  });

  it('prototype-named flags are unknown (exit 2); positional junk and -epochs are refused', () => {
    const proto = run('train', ['--toString', '--constructor=1']);
    expect(proto.code).toBe(2);
    expect(proto.err).toMatch(/^error: unknown flag --toString /);
    const dash = run('train', ['-epochs', '5']);
    expect(dash.code).toBe(2);
    expect(dash.err).toMatch(/^error: single-dash flag -epochs is not read \(flags start with --\); write --epochs/);
    const minus = run('train', ['--epochs', '-3']);
    expect(minus.err).toMatch(/^error: invalid settings: Epochs \(--epochs\) = -3: below the minimum 1\n/);
  });

  it('prints a table', () => {
    const r = run('train', ['--hidden', '8', '--epochs', '3', '--every', '1']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/epoch\s+overfitting train\s+overfitting test/);
    const rows = r.out
      .trim()
      .split('\n')
      .filter((l) => /^\s+\d+\s+(NaN|\d)/.test(l));
    expect(rows.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([0, 1, 2, 3]);
  });

  it('rejects bad flags with a clear message', () => {
    const bad = run('train', ['--dropout', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Dropout rate \(--dropout\) = 1.5: above the maximum 0.9/);
    expect(run('train', ['--optimizer', 'rmsprop']).err).toMatch(/must be one of adam, adamw, sgd/);
    expect(run('train', ['--frobnicate']).err).toMatch(/unknown flag --frobnicate/);
    expect(run('train', ['--lr']).err).toMatch(/--lr needs a value/);
  });
});

describe('npm run verify', () => {
  it('passes on a shared golden file and exits 0', () => {
    const r = run('verify', [resolve(GOLDEN_DIR, 'golden_small.json')]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/all 6 cases within tolerance/);
  });

  it('exits non-zero and names the case when a reference value is off', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const golden = JSON.parse(readFileSync(resolve(GOLDEN_DIR, 'golden_small.json'), 'utf8')) as {
      cases: Record<string, { params_final: Record<string, number[][]> }>;
    };
    golden.cases.a_adam.params_final.W2[0][0] += 0.01;
    const file = resolve(mkdtempSync(resolve(tmpdir(), 'golden-')), 'tampered.json');
    writeFileSync(file, JSON.stringify(golden));
    const r = run('verify', [file, '--case', 'a_adam']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/!! params_final\s+1\.00e-2 absolute/);
    expect(r.out).toMatch(/1 of 1 cases exceed a tolerance: a_adam/);
  });

  it('a malformed file gets the schema’s message naming the field (exit 2), never a TypeError', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const golden = JSON.parse(readFileSync(resolve(GOLDEN_DIR, 'golden_small.json'), 'utf8')) as { data: { x: (number | null)[] } };
    golden.data.x[3] = null;
    const file = resolve(mkdtempSync(resolve(tmpdir(), 'golden-')), 'null.json');
    writeFileSync(file, JSON.stringify(golden));
    const r = run('verify', [file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a golden file: data.x[3]: expected a finite number, got null');
    expect(r.err).not.toMatch(/TypeError|Cannot read/);
  });
});
