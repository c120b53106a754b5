// `--threads N|auto` of train, verify and bench, run as subprocesses: the CPU pool of worker_threads
// gives the same numbers as one thread, and a bad value is a clear error. The flag's parser alone:
// node-backend.test.ts.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from '../helpers/golden-files';

const root = resolve(__dirname, '../..');
const SCRIPTS = { train: 'src/cli/train.ts', verify: 'src/cli/verify.ts', bench: 'bench/engine/run.ts' } as const;
function run(script: keyof typeof SCRIPTS, args: string[]) {
  const r = spawnSync('npx', ['tsx', SCRIPTS[script], ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GOLDEN_DIR },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface TrainJson {
  description: string;
  checkpoints: { epoch: number }[];
}

describe('--threads', () => {
  it('train: 3 threads give the same checkpoints as 1, on a pool of worker_threads', () => {
    const args = ['--preset', 'tutorial', '--hidden', '16', '--epochs', '21', '--every', '10', '--json'];
    const one = run('train', args);
    const three = run('train', [...args, '--threads', '3']);
    expect(one.code, one.err).toBe(0);
    expect(three.code, three.err).toBe(0);
    const a = JSON.parse(one.out) as TrainJson;
    const b = JSON.parse(three.out) as TrainJson;
    expect(a.description).toMatch(/^CPU \(reference/);
    expect(b.description).toMatch(/^CPU ×3 workers/);
    expect(b.checkpoints.map((c) => c.epoch)).toEqual([0, 1, 11, 21]); // the schedule: before training, after updates 1, 11, 21
    expect(b.checkpoints).toEqual(a.checkpoints);
  });

  it('verify: a golden file passes on 2 threads', () => {
    const r = run('verify', [resolve(GOLDEN_DIR, 'golden_small.json'), '--threads', '2']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/CPU ×2 workers/);
    expect(r.out).toMatch(/all 6 cases within tolerance/);
  });

  it('bad values are errors that name the flag, in every command', () => {
    for (const script of ['train', 'verify', 'bench'] as const) {
      const r = run(script, script === 'verify' ? ['x.json', '--threads', '100'] : ['--threads', '100']);
      expect(r.code, script).toBe(2);
      expect(r.err, script).toMatch(/--threads 100: must be a whole number from 1 to 64, or auto/);
    }
  });
});
