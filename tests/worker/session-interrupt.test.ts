// Commands taken up while a slice computes (as on the page, where the CPU pool's workers or the GPU
// compute and the trainer's thread waits): the CPU backend here answers its reads only when the
// test opens a gate, so a slice can be held "computing". Pause lands at once and the counter stops
// after that one slice; Reset and a shape change start their run at once, and the held slice's
// results never reach the new run; a Reset also lands while an MC-dropout group is held.
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, CompiledPlan } from '../../src/backends/backend';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import type { Settings } from '../../src/experiment/settings';
import { SMALL, numbers, startHarness, type Harness } from './session-harness';
import { Experiment } from '../../src/experiment/runner';

/**
 * Reads and flushes of the plans compiled before the gate closed wait while it is closed (their
 * work "computes"; a plan compiled later runs elsewhere, as a new plan on the CPU pool's workers).
 */
class Gate {
  private waiting: (() => void)[] = [];
  private compiled = 0;
  private cutoff = -1;
  private from = 0;
  /** a new plan's number */
  plan(): number {
    return this.compiled++;
  }
  /** plans compiled so far */
  get count(): number {
    return this.compiled;
  }
  /** holds the plans compiled so far, those numbered `from` and above only */
  close(from = 0): void {
    this.cutoff = this.compiled;
    this.from = from;
  }
  wait(plan: number): Promise<void> {
    if (plan >= this.cutoff || plan < this.from) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  open(): void {
    this.cutoff = -1;
    for (const w of this.waiting.splice(0)) w();
  }
  get held(): number {
    return this.waiting.length;
  }
}

function gatedCpu(gate: Gate): Backend {
  const cpu = createCpuBackend();
  return {
    ...cpu,
    compile: async (plan) => {
      const c = await cpu.compile(plan);
      const n = gate.plan();
      const gated: CompiledPlan = {
        plan: c.plan,
        get step() {
          return c.step;
        },
        write: (b, d) => c.write(b, d),
        writeHyper: (t) => c.writeHyper(t),
        setStep: (t) => c.setStep(t),
        run: (p, k) => c.run(p, k),
        // the data as it is when the read is queued, delivered when the gate opens
        read: (b) => c.read(b).then(async (d) => (await gate.wait(n), d)),
        readMany: (bs) => c.readMany(bs).then(async (d) => (await gate.wait(n), d)),
        flush: () => gate.wait(n),
        dispose: () => c.dispose(),
      };
      return gated;
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await settle();
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

let open: { h: Harness; gate: Gate }[] = [];
afterEach(async () => {
  for (const { h, gate } of open) {
    gate.open();
    await h.close();
  }
  open = [];
});

function harness(settings: Settings, gate: Gate): Harness {
  const h = startHarness(settings, { pick: () => Promise.resolve({ backend: gatedCpu(gate) }), sliceMs: 20 });
  open.push({ h, gate });
  return h;
}

/** A session whose second MC-dropout request's group waits for its reads (the first request, on the same MC plan, has answered). */
async function heldMcGroup(): Promise<{ h: Harness; gate: Gate }> {
  const gate = new Gate();
  const h = harness({ ...SMALL, epochs: 20 }, gate);
  await h.session.whenIdle();
  const mcPlans = gate.count;
  h.send({ type: 'mc-dropout', samples: 2 });
  await h.session.whenIdle();
  expect(h.of('mc-dropout')).toHaveLength(1);
  gate.close(mcPlans);
  h.send({ type: 'mc-dropout', samples: 2 });
  await until(() => gate.held > 0, 'the group waiting for its reads');
  return { h, gate };
}

/** A Reset is taken up (its new run ready) while the gate still holds the group; no more samples arrive after. */
async function resetWhileHeld(h: Harness, gate: Gate): Promise<void> {
  const readies = h.of('ready').length;
  h.send({ type: 'reset' });
  await until(() => h.of('ready').length > readies, 'the new run');
  expect(gate.held).toBeGreaterThan(0); // the group still "computes"
  gate.open();
  await h.session.whenIdle();
  expect(h.of('mc-dropout')).toHaveLength(1);
  expect(h.of('notice')).toEqual([]);
}

describe('TrainingSession: commands while a slice computes', () => {
  it('Pause is taken up at once; the slice in progress is the last one', async () => {
    const gate = new Gate();
    const h = harness({ ...SMALL, epochs: 100_000, every: 10_000 }, gate);
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await until(() => h.of('state').some((s) => s.running && s.epoch >= 3), 'a few slices');
    gate.close();
    await until(() => gate.held > 0, 'a slice waiting for its reads');
    const framesBefore = h.of('frames').length;
    const epochBefore = h.of('state').at(-1)?.epoch ?? -1;
    h.send({ type: 'pause' });
    await until(() => h.of('state').at(-1)?.handled?.type === 'pause', 'the pause taken up');
    // taken up while the slice still computes: nothing of it posted yet, the trainer reports where it stood
    expect(gate.held).toBeGreaterThan(0);
    expect(h.of('frames')).toHaveLength(framesBefore);
    expect(h.of('state').at(-1)).toMatchObject({ running: false, epoch: epochBefore });
    gate.open();
    await h.session.whenIdle();
    const last = h.of('state').at(-1);
    expect(last?.running).toBe(false);
    // the slice in progress ended and posted; none after it
    const slices = h.of('state').filter((s) => s.epoch > epochBefore);
    expect(new Set(slices.map((s) => s.epoch)).size).toBe(1);
    await settle();
    expect(h.of('state').at(-1)?.epoch).toBe(last?.epoch);
  });

  it('Reset starts the new run at once; the slice in progress never reaches it, and the new run is the straight one', async () => {
    const gate = new Gate();
    const s = { ...SMALL, epochs: 300, every: 50 };
    const h = harness(s, gate);
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await until(() => h.of('state').some((x) => x.running && x.epoch >= 20), 'a few slices');
    gate.close();
    await until(() => gate.held > 0, 'a slice waiting for its reads');
    const readies = h.of('ready').length;
    const oldRun = h.lastRun();
    h.send({ type: 'reset' });
    await until(() => h.of('ready').length > readies, 'the new run');
    expect(gate.held).toBeGreaterThan(0); // the old slice still "computes"
    const newRun = h.lastRun();
    expect(newRun).toBe(oldRun + 1);
    gate.open();
    await h.session.whenIdle();
    // nothing of the old run arrives after the reset
    const afterReset = h.messages.slice(h.messages.findIndex((m) => m.type === 'ready' && m.run === newRun));
    expect(afterReset.filter((m) => (m.type === 'frames' || m.type === 'state') && m.run === oldRun)).toEqual([]);
    // the new run starts at epoch 0 exactly as a fresh experiment does
    h.send({ type: 'play' });
    await h.session.whenIdle();
    const frames = h.frames(newRun);
    expect(frames[0].epoch).toBe(0);
    expect(frames.at(-1)?.epoch).toBe(300);
    const ref = await Experiment.create(s, createCpuBackend());
    ref.train(300);
    const end = await ref.evaluate({ checkpoint: true });
    const last = frames.at(-1);
    expect(last && numbers(last).slice(0, 4 * 2)).toEqual(numbers(end).slice(0, 4 * 2));
    ref.dispose();
  });

  it('a shape change starts the new run at once', async () => {
    const gate = new Gate();
    const s = { ...SMALL, epochs: 100_000, every: 10_000 };
    const h = harness(s, gate);
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await until(() => h.of('state').some((x) => x.running && x.epoch >= 3), 'a few slices');
    gate.close();
    await until(() => gate.held > 0, 'a slice waiting for its reads');
    h.send({ type: 'settings', settings: { ...s, hidden: 12 }, change: 'replay', atEpoch: 0 });
    await until(() => h.of('ready').at(-1)?.settings.hidden === 12, 'the new run');
    expect(h.of('ready').at(-1)?.cause).toBe('shape');
    expect(gate.held).toBeGreaterThan(0);
    gate.open();
    h.send({ type: 'pause' });
    await h.session.whenIdle();
  });

  it('a Reset while a new MC-dropout request waits for the replaced request’s group is taken up at once', async () => {
    const { h, gate } = await heldMcGroup();
    // a new request: the held group finishes unheard, and the new one's first group must wait for it
    h.send({ type: 'mc-dropout', samples: 2 });
    await settle();
    await resetWhileHeld(h, gate);
  });

  it('a Reset while an MC-dropout request reads the weights is taken up at once; its samples never arrive', async () => {
    const gate = new Gate();
    const h = harness({ ...SMALL, epochs: 20 }, gate);
    await h.session.whenIdle();
    // the run's plans hold their reads: the request's readback of the weights waits (its own MC plan, compiled later, does not)
    gate.close();
    h.send({ type: 'mc-dropout', samples: 2 });
    await until(() => gate.held > 0, 'the weights being read');
    const readies = h.of('ready').length;
    h.send({ type: 'reset' });
    await until(() => h.of('ready').length > readies, 'the new run');
    expect(gate.held).toBeGreaterThan(0); // the readback still waits
    gate.open();
    await h.session.whenIdle();
    expect(h.of('mc-dropout')).toEqual([]);
    expect(h.of('notice')).toEqual([]);
  });

  it('a Reset while an MC-dropout group computes is taken up at once; that group’s samples never arrive', async () => {
    const { h, gate } = await heldMcGroup();
    await resetWhileHeld(h, gate);
  });
});
