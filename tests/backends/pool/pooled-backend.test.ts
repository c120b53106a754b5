// The CPU pool over the model axis: the same experiment on the plain CPU backend and on pools of
// 1, 2, 3 and 4 workers gives bit-identical checkpoints and parameters (masks are keyed per model),
// through in-process fake workers and through real worker_threads; golden replays and MC-dropout
// run on it; worker errors surface as BackendErrors; a busy worker never blocks dispose.
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, isBackendError, type Backend, type CompiledPlan } from '../../../src/backends/backend';
import { createCpuBackend } from '../../../src/backends/cpu/cpu-backend';
import { createPooledCpuBackend } from '../../../src/backends/pool/pooled-backend';
import { nodePoolSpawner } from '../../../src/backends/pool/spawn-node';
import { replayGoldenCase } from '../../../src/experiment/golden';
import { gridNets } from '../../../src/experiment/grid';
import { McDropout } from '../../../src/experiment/mc-dropout';
import { Experiment, runSchedule, tutorialNets, type NetSpec } from '../../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../../src/experiment/settings';
import type { Checkpoint } from '../../../src/experiment/types';
import { loadGolden } from '../../helpers/golden-files';
import { fakePoolSpawner } from '../../helpers/in-process-pool';

const s: Settings = { ...defaultSettings(), hidden: 32, layers: 2, epochs: 30, every: 10 };

/** 6 models: different dropout rates, weight decays, L1 and seeds. */
function sixNets(): NetSpec[] {
  return gridNets(s, 2, 3).map((net, m) => ({
    ...net,
    initSeed: 100 + m,
    hyper: { ...net.hyper, seed: 7 + 13 * m, l1: m === 4 ? 1e-4 : 0 },
  }));
}

interface Outcome {
  readonly checkpoints: Checkpoint[];
  readonly params: Record<string, Float32Array>[];
  readonly step: number;
}

async function train(backend: Backend): Promise<Outcome> {
  const exp = await Experiment.create(s, backend, { nets: sixNets() });
  try {
    const checkpoints = await runSchedule(exp, s.epochs, s.every);
    return { checkpoints, params: await exp.allParameters(), step: exp.epoch + 1 };
  } finally {
    exp.dispose();
  }
}

/** Every number as its bit pattern (NaN and -0 included), so "equal" means bit-identical. */
function bits(o: Outcome): unknown {
  const f32 = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float32Array.from(a).buffer));
  return {
    checkpoints: o.checkpoints.map((c) => ({
      epoch: c.epoch,
      nets: c.nets.map((n) => ({
        name: n.name,
        scalars: f32([n.trainMse, n.testMse, n.trainMseEval, n.penalty]),
        testPred: f32(n.testPred),
        gridPred: f32(n.gridPred),
        lossHistory: f32(n.lossHistory),
        penaltyHistory: f32(n.penaltyHistory),
        divergedAt: n.divergedAt,
      })),
    })),
    params: o.params.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, f32(v)]))),
  };
}

const open: Backend[] = [];
function track<T extends Backend>(b: T): T {
  open.push(b);
  return b;
}
afterEach(() => {
  for (const b of open.splice(0)) b.dispose();
});

describe('bit-identity across worker counts', () => {
  let reference: unknown;
  it('reference: the plain CPU backend', async () => {
    const r = await train(createCpuBackend());
    expect(r.checkpoints.map((c) => c.epoch)).toEqual([0, 1, 11, 21, 30]); // the schedule: before training, after updates 1, 11, 21 and the last
    expect(new Set(r.checkpoints.at(-1)?.nets.map((n) => n.testMse)).size).toBe(6);
    reference = bits(r);
  });

  for (const workers of [1, 2, 3, 4]) {
    it(`a pool of ${workers} in-process worker${workers > 1 ? 's' : ''} gives the same bits`, async () => {
      const fake = fakePoolSpawner();
      const r = await train(track(createPooledCpuBackend({ workers, spawn: fake.spawn })));
      expect(fake.spawned).toHaveLength(workers);
      expect(r.step).toBe(31);
      expect(bits(r)).toEqual(reference);
    });
  }

  it('a pool of 3 worker_threads gives the same bits', async () => {
    const r = await train(track(createPooledCpuBackend({ workers: 3, spawn: nodePoolSpawner })));
    expect(bits(r)).toEqual(reference);
  }, 60_000);
});

describe('what the page runs on it', () => {
  it('golden replays (one model: one worker) stay within tolerance', async () => {
    const golden = loadGolden('golden_small.json');
    const fake = fakePoolSpawner();
    const pool = track(createPooledCpuBackend({ workers: 4, spawn: fake.spawn }));
    for (const caseId of Object.keys(golden.cases)) {
      const report = await replayGoldenCase(pool, golden, caseId);
      expect(report.ok, JSON.stringify(report.deviations)).toBe(true);
    }
    expect(fake.spawned).toHaveLength(1);
  });

  it('MC-dropout samples equal the plain CPU backend’s', async () => {
    const net = tutorialNets(s)[1];
    const gridX = [-1, -0.5, 0, 0.5, 1];
    const sample = async (backend: Backend): Promise<number[][]> => {
      const exp = await Experiment.create(s, backend);
      const params = await exp.parameters(1);
      const mc = await McDropout.create(backend, s, net, 5, gridX);
      const out = await mc.sample(
        exp.parameterNames.map((n) => params[n]),
        net.hyper,
      );
      mc.dispose();
      exp.dispose();
      return out;
    };
    const expected = await sample(createCpuBackend());
    const fake = fakePoolSpawner();
    expect(await sample(track(createPooledCpuBackend({ workers: 3, spawn: fake.spawn })))).toEqual(expected);
    expect(new Set(expected.map((p) => p[2])).size).toBeGreaterThan(1);
  });
});

/** A CPU backend whose plans fail in `run` with a typed error (as a worker's backend might). */
function failingBackend(): Backend {
  const cpu = createCpuBackend();
  return {
    name: 'cpu',
    description: 'failing',
    compile: async (plan) => {
      const inner = await cpu.compile(plan);
      const failing: CompiledPlan = Object.create(inner) as CompiledPlan;
      failing.run = () => {
        throw new BackendError('out-of-memory', 'no room for the activations');
      };
      return failing;
    },
    dispose: () => cpu.dispose(),
  };
}

describe('errors and disposal', () => {
  it('a worker’s failed run surfaces on the next read as a typed BackendError', async () => {
    const fake = fakePoolSpawner(failingBackend);
    const pool = track(createPooledCpuBackend({ workers: 2, spawn: fake.spawn }));
    const exp = await Experiment.create(s, pool);
    exp.train(3);
    const error = await exp.checkpoint().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isBackendError(error)).toBe(true);
    expect((error as BackendError).kind).toBe('out-of-memory');
    expect((error as BackendError).message).toMatch(/CPU pool worker \d: BackendError: no room for the activations/);
    exp.dispose();
  });

  it('a crashed worker fails the pending read and every later one', async () => {
    const fake = fakePoolSpawner();
    const pool = track(createPooledCpuBackend({ workers: 2, spawn: fake.spawn }));
    const exp = await Experiment.create(s, pool);
    fake.spawned[1].hold = true;
    exp.train(2);
    const pending = exp.checkpoint();
    fake.spawned[1].crash('out of memory');
    await expect(pending).rejects.toThrow(/CPU pool worker 1 failed: out of memory/);
    await expect(exp.checkpoint()).rejects.toBeInstanceOf(BackendError);
    exp.dispose();
    expect(fake.spawned[1].terminated).toBe(true);
  });

  it('bad writes are refused at once, as on the CPU backend', async () => {
    const pool = track(createPooledCpuBackend({ workers: 2, spawn: fakePoolSpawner().spawn }));
    const exp = await Experiment.create(s, pool);
    expect(() => exp.writeParameters([[new Float32Array(3)], [new Float32Array(3)]])).toThrow(/expected 32 values, got 3/);
    const plan = await pool.compile({
      models: 2,
      buffers: [{ id: 0, name: 'W', elemsPerModel: 4, shared: false, role: 'param' }],
      programs: {},
    });
    expect(() => plan.write(0, new Float32Array(7))).toThrow(/write W: expected 8 floats, got 7/);
    expect(() => plan.writeHyper(new ArrayBuffer(8))).toThrow(/hyper table: expected 128 bytes for 2 models/);
    expect(() => plan.setStep(0)).toThrow(/step must be a whole number ≥ 1/);
    expect(() => plan.run('nope')).toThrow(/no program "nope"/);
    plan.dispose();
    exp.dispose();
  });

  it('disposing a plan terminates a busy worker at once; an idle one serves the next plan', async () => {
    const fake = fakePoolSpawner();
    const pool = track(createPooledCpuBackend({ workers: 2, spawn: fake.spawn }));
    const first = await Experiment.create(s, pool);
    await first.checkpoint();
    fake.spawned[0].hold = true; // worker 0 is in the middle of a long run
    first.train(5);
    const pending = first.checkpoint();
    first.dispose();
    await expect(pending).rejects.toThrow(/disposed while this worker was busy/);
    expect(fake.spawned.map((w) => w.terminated)).toEqual([true, true]);

    const second = await Experiment.create(s, pool);
    expect(fake.spawned).toHaveLength(4); // two fresh workers
    await second.checkpoint();
    second.dispose();
    expect(fake.spawned[2].terminated || fake.spawned[3].terminated).toBe(false);
    const third = await Experiment.create(s, pool);
    expect(fake.spawned).toHaveLength(4); // the idle ones again
    expect(fake.spawned[2].requests.map((r) => r.type)).toContain('release');
    third.dispose();
    pool.dispose();
    expect(fake.spawned.every((w) => w.terminated)).toBe(true);
  });
});
