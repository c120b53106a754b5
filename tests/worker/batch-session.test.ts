// The batch worker's state machine in Node on the CPU backend: jobs in time slices that yield to
// the message queue, Stop and a new job between two slices with a consistent partial result,
// recovery points that let a lost device's job resume on the CPU bit-for-bit where it was, and the
// memory check before a job starts.
import { englishText } from '../../src/ui/i18n/english';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import type { Backend } from '../../src/backends/backend';
import type { BackendChoice, BackendPreference } from '../../src/experiment/backend-choice';
import { gridNets, seedNets } from '../../src/experiment/grid';
import { checkResources } from '../../src/experiment/resources';
import { Experiment, runSchedule, type NetSpec } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import type { Checkpoint } from '../../src/experiment/types';
import type { BatchJob, BatchToPage, PageToBatch } from '../../src/worker/batch-protocol';
import { BatchSession, resourceJob } from '../../src/worker/batch-session';
import { losableCpu } from './session-harness';
import { replayGoldenCase } from '../../src/experiment/golden';
import { loadGolden } from '../helpers/golden-files';

const SMALL: Settings = { ...defaultSettings(), hidden: 8, epochs: 60, every: 20 };

interface Batch {
  readonly session: BatchSession;
  readonly messages: BatchToPage[];
  /** slices so far (yields between slices) */
  yields: number;
  of<T extends BatchToPage['type']>(type: T): Extract<BatchToPage, { type: T }>[];
}

/**
 * A BatchSession; `onYield(n, batch)` runs at the n-th yield between slices (where the worker's
 * message queue would deliver the page's messages).
 */
function batch(
  options: {
    gpu?: boolean;
    backend?: () => Backend;
    sliceMs?: number;
    onYield?: (n: number, b: Batch) => void;
    recoveryShare?: number;
  } = {},
): Batch {
  const messages: BatchToPage[] = [];
  const pick = (preference: BackendPreference): Promise<BackendChoice> => {
    if (options.backend) return Promise.resolve({ backend: options.backend() });
    return Promise.resolve(preference === 'webgpu' && options.gpu ? { backend: losableCpu() } : { backend: createCpuBackend() });
  };
  let b: Batch | null = null;
  const session = new BatchSession({
    pick,
    post: (m) => messages.push(m),
    sliceMs: options.sliceMs ?? 2,
    recoveryShare: options.recoveryShare ?? Infinity,
    yieldTask: async () => {
      if (!b) return;
      b.yields++;
      options.onYield?.(b.yields, b);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
  b = {
    session,
    messages,
    yields: 0,
    of: <T extends BatchToPage['type']>(type: T) => messages.filter((m): m is Extract<BatchToPage, { type: T }> => m.type === type),
  };
  return b;
}

function start(id: number, job: BatchJob, settings: Settings = SMALL, preference: BackendPreference = 'cpu'): PageToBatch {
  return { type: 'start', id, job, settings, preference, data: null, askAboveSeconds: null, note: null };
}

/** The nets trained straight through on a fresh CPU experiment, evaluated at the schedule's checkpoints. */
async function reference(settings: Settings, nets: readonly NetSpec[]): Promise<Map<number, Checkpoint>> {
  const exp = await Experiment.create(settings, createCpuBackend(), { nets });
  const cps = await runSchedule(exp, settings.epochs, settings.every);
  exp.dispose();
  return new Map(cps.map((c) => [c.epoch, c]));
}

function predictions(c: Checkpoint): number[] {
  return c.nets.flatMap((n) => [n.testMse, n.trainMseEval, ...n.gridPred]);
}

/** Every net's per-epoch train loss over the posted checkpoints, in order. */
function lossSeries(cps: readonly Checkpoint[]): number[][] {
  return cps[0].nets.map((_, m) => cps.flatMap((c) => c.nets[m].lossHistory));
}

describe('BatchSession (CPU backend)', () => {
  it('runs a sweep in slices between its checkpoints; the checkpoints are a straight run’s, bit for bit', async () => {
    const settings = { ...SMALL, epochs: 60, every: 60 };
    const b = batch();
    b.session.receive(start(1, { kind: 'grid', rows: 2, cols: 2 }, settings));
    await b.session.whenIdle();
    const cps = b.of('checkpoint').map((m) => m.checkpoint);
    expect(cps.map((c) => c.epoch)).toEqual([0, 1, 60]);
    // 59 epochs from the checkpoint at 1 to the one at 60: the job yielded in between, several times
    expect(b.yields).toBeGreaterThan(3);
    expect(b.of('done')).toEqual([expect.objectContaining({ id: 1, stopped: false })]);
    const ref = await reference(settings, gridNets(settings, 2, 2));
    for (const c of cps) expect(predictions(c), `epoch ${c.epoch}`).toEqual(predictions(ref.get(c.epoch) as Checkpoint));
    expect(lossSeries(cps)).toEqual(lossSeries([...ref.values()]));
    expect(lossSeries(cps)[0]).toHaveLength(60);
  });

  it('Stop lands between two slices: done says stopped, and the checkpoints so far are the straight run’s', async () => {
    const settings = { ...SMALL, epochs: 400, every: 10 };
    const b = batch({ onYield: (n, x) => n === 6 && x.session.receive({ type: 'stop' }) });
    b.session.receive(start(1, { kind: 'seeds', k: 2 }, settings));
    await b.session.whenIdle();
    const cps = b.of('checkpoint').map((m) => m.checkpoint);
    const done = b.of('done');
    expect(done).toEqual([expect.objectContaining({ id: 1, stopped: true })]);
    // nothing after done, and nothing after the slice the stop arrived in
    expect(b.messages.at(-1)?.type).toBe('done');
    expect(b.yields).toBe(6);
    const last = cps.at(-1) as Checkpoint;
    expect(last.epoch).toBeGreaterThan(0);
    expect(last.epoch).toBeLessThan(400);
    // a consistent partial result: every epoch up to the last checkpoint exactly once, as a straight run has it
    const ref = await reference(settings, seedNets(settings, 2));
    for (const c of cps) expect(predictions(c), `epoch ${c.epoch}`).toEqual(predictions(ref.get(c.epoch) as Checkpoint));
    const series = lossSeries(cps);
    expect(series[0]).toHaveLength(last.epoch);
    expect(series).toEqual(lossSeries([...ref.values()].filter((c) => c.epoch <= last.epoch)));
  });

  it('a new job replaces the running one at its next slice', async () => {
    const settings = { ...SMALL, epochs: 400, every: 50 };
    const b = batch({
      onYield: (n, x) => n === 3 && x.session.receive(start(2, { kind: 'grid', rows: 1, cols: 2 }, { ...SMALL, epochs: 20 })),
    });
    b.session.receive(start(1, { kind: 'grid', rows: 2, cols: 2 }, settings));
    await b.session.whenIdle();
    const firstDone = b.messages.findIndex((m) => m.type === 'done' && m.id === 1);
    expect(b.messages[firstDone]).toMatchObject({ stopped: true });
    // the first job posts nothing after its done; the second runs whole
    expect(b.messages.slice(firstDone + 1).every((m) => m.id === 2)).toBe(true);
    expect(b.of('done').at(-1)).toMatchObject({ id: 2, stopped: false });
    expect(
      b
        .of('checkpoint')
        .filter((m) => m.id === 2)
        .at(-1)?.checkpoint.epoch,
    ).toBe(20);
  });

  it('a lost device resumes the job on the CPU from its recovery point: the result equals an uninterrupted run', async () => {
    const settings = { ...SMALL, epochs: 120, every: 25 };
    const b = batch({ gpu: true, onYield: (n, x) => n === 8 && x.session.receive({ type: 'simulate-device-loss' }) });
    b.session.receive(start(1, { kind: 'grid', rows: 2, cols: 2 }, settings, 'webgpu'));
    await b.session.whenIdle();
    const resumed = b.of('resumed');
    expect(resumed).toHaveLength(1);
    const at = resumed[0].epoch;
    expect(at).toBeGreaterThan(0);
    expect(englishText(resumed[0].notice)).toBe(
      `The GPU device was lost (simulated device loss (test hook)); the job resumed on the CPU from epoch ${at}.`,
    );
    expect(resumed[0].backend.name).toBe('cpu');
    expect(b.of('started')).toHaveLength(1);
    expect(b.of('done')).toEqual([expect.objectContaining({ stopped: false })]);
    // the pretend GPU is the CPU backend: the resumed job gives exactly the uninterrupted run
    const cps = b.of('checkpoint').map((m) => m.checkpoint);
    const ref = await reference(settings, gridNets(settings, 2, 2));
    expect(cps.map((c) => c.epoch)).toEqual([...ref.keys()]);
    for (const c of cps) expect(predictions(c), `epoch ${c.epoch}`).toEqual(predictions(ref.get(c.epoch) as Checkpoint));
    expect(lossSeries(cps)).toEqual(lossSeries([...ref.values()]));
  });

  it('a loss before the first recovery point restarts at epoch 0 and still posts every checkpoint once', async () => {
    const settings = { ...SMALL, epochs: 40, every: 10 };
    const b = batch({ gpu: true });
    b.session.receive({ type: 'simulate-device-loss' });
    b.session.receive(start(1, { kind: 'seeds', k: 1 }, settings, 'webgpu'));
    await b.session.whenIdle();
    expect(b.of('resumed')).toEqual([expect.objectContaining({ epoch: 0 })]);
    const cps = b.of('checkpoint').map((m) => m.checkpoint);
    expect(cps.map((c) => c.epoch)).toEqual([0, 1, 11, 21, 31, 40]);
    expect(lossSeries(cps)[0]).toHaveLength(40);
  });

  it('a job too big for the backend’s memory gets a plain answer and the largest that fits (which then runs)', async () => {
    const settings = { ...SMALL, epochs: 4, every: 2 };
    // a device that binds 6 arenas of 256 KB at most
    const limits = { maxStorageBufferBindingSize: 256 * 1024, maxBufferSize: 256 * 1024, maxStorageBuffersPerShaderStage: 8 };
    const small = (): Backend => ({ ...createCpuBackend(), memoryLimits: { kind: 'gpu', ...limits } });
    const b = batch({ backend: small });
    b.session.receive(start(1, { kind: 'grid', rows: 16, cols: 16 }, settings));
    await b.session.whenIdle();
    const [answer] = b.of('too-big');
    const expected = checkResources(resourceJob({ kind: 'grid', rows: 16, cols: 16 }, settings, undefined), { backend: 'webgpu', limits });
    if (expected.fits) throw new Error('the 16×16 grid should not fit');
    const text = englishText(answer.message);
    expect(text).toBe(`${englishText(expected.message)} The CPU backend can run it as it is (Backend: CPU).`);
    const side = /Use a grid of at most (\d+)×\1, or fewer hidden units\./.exec(text)?.[1];
    expect(text).toMatch(/^A 16×16 sweep at 8×2 needs \d+ MB; /);
    expect(Number(side)).toBeGreaterThan(1);
    expect(answer.largest).toEqual({ kind: 'grid', rows: Number(side), cols: Number(side) });
    expect(b.of('started')).toEqual([]);
    const largest = answer.largest as BatchJob;
    // the largest that fits does fit, and one row and column more does not
    const fits = (n: number) =>
      checkResources(resourceJob({ kind: 'grid', rows: n, cols: n }, settings, undefined), { backend: 'webgpu', limits }).fits;
    expect([fits(Number(side)), fits(Number(side) + 1)]).toEqual([true, false]);
    b.session.receive(start(2, largest, settings));
    await b.session.whenIdle();
    expect(b.of('too-big')).toHaveLength(1);
    expect(b.of('done').at(-1)).toMatchObject({ id: 2, stopped: false });
  });

  it('a failure gets a plain sentence, the raw message only as details', async () => {
    const failing = (): Backend => ({
      ...createCpuBackend(),
      compile: () =>
        Promise.reject(new RangeError("WebAssembly.Memory(): Property 'initial': value 220455 is above the upper bound 65536")),
    });
    const b = batch({ backend: failing });
    b.session.receive(start(1, { kind: 'grid', rows: 2, cols: 2 }));
    await b.session.whenIdle();
    expect(b.of('error').map((e) => ({ ...e, message: englishText(e.message) }))).toEqual([
      {
        type: 'error',
        id: 1,
        message: 'The sweep needs more memory than the browser gave the CPU backend. Use fewer hidden units or layers, or a smaller job.',
        details: "WebAssembly.Memory(): Property 'initial': value 220455 is above the upper bound 65536",
      },
    ]);
  });

  it('a golden replay runs its steps in slices; Stop ends it between two; the reports are the unpaced replay’s', async () => {
    const golden = loadGolden('golden_small.json');
    const ids = Object.keys(golden.cases);
    const whole = await Promise.all(ids.map((id) => replayGoldenCase(createCpuBackend(), golden, id)));
    const b = batch({ sliceMs: 0.001 });
    b.session.receive({ type: 'parity', id: 1, preference: 'cpu', golden });
    await b.session.whenIdle();
    expect(b.of('parity-case').map((m) => m.report)).toEqual(whole);
    // a slice of at least one step each: more slices than cases
    expect(b.yields).toBeGreaterThan(ids.length * 2);
    expect(b.of('done')).toEqual([expect.objectContaining({ stopped: false })]);

    const stopping = batch({ sliceMs: 0.001, onYield: (n, x) => n === 25 && x.session.receive({ type: 'stop' }) });
    stopping.session.receive({ type: 'parity', id: 1, preference: 'cpu', golden });
    await stopping.session.whenIdle();
    const reports = stopping.of('parity-case').map((m) => m.report);
    expect(reports.length).toBeLessThan(ids.length);
    expect(reports).toEqual(whole.slice(0, reports.length));
    expect(stopping.of('done')).toEqual([expect.objectContaining({ stopped: true })]);
    expect(stopping.yields).toBe(25);
  });
});
