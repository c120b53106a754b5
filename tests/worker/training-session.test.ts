// The training worker's state machine in Node on the CPU backend: frames in time-sized slices,
// commands between slices, replays bit-identical from epoch 0, "continue" keeping the epoch
// counter, previews, Step, and the CPU taking over after a lost device.
import { englishText } from '../../src/ui/i18n/english';
import { afterEach, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { Experiment } from '../../src/experiment/runner';
import { checkpointEpochs, isCheckpoint } from '../../src/experiment/schedule';
import type { Settings } from '../../src/experiment/settings';
import type { Frame } from '../../src/experiment/types';
import { SMALL, lossSeries, numbers, startHarness, type Harness } from './session-harness';

let open: Harness[] = [];
function harness(...args: Parameters<typeof startHarness>): Harness {
  const h = startHarness(...args);
  open.push(h);
  return h;
}
afterEach(async () => {
  for (const h of open) await h.close();
  open = [];
});

/** The reference: the same nets trained straight through on a fresh experiment, live changes at given epochs. */
async function reference(s: Settings, changes: { at: number; settings: Settings }[], epochs: number[]): Promise<Map<number, Frame>> {
  const exp = await Experiment.create(s, createCpuBackend());
  const out = new Map<number, Frame>();
  out.set(0, await exp.evaluate({ checkpoint: true }));
  for (const e of [...epochs].sort((a, b) => a - b)) {
    if (e === 0) continue;
    while (exp.epoch < e) {
      const change = changes.find((c) => c.at > exp.epoch && c.at <= e);
      const stop = change ? change.at : e;
      exp.train(stop - exp.epoch);
      if (change && exp.epoch === change.at) exp.updateLive(change.settings);
    }
    out.set(e, await exp.evaluate({ checkpoint: false }));
  }
  exp.dispose();
  return out;
}

function expectSameFrames(actual: readonly Frame[], expected: Map<number, Frame>): void {
  expect(actual.length).toBeGreaterThan(0);
  for (const f of actual) {
    const ref = expected.get(f.epoch);
    expect(ref, `epoch ${f.epoch}`).toBeDefined();
    if (ref) expect(numbers(f), `epoch ${f.epoch}`).toEqual(numbers(ref));
  }
}

/**
 * The run played to its end after a warm-up (whole or cut short by Play): the reference run bit for
 * bit, every epoch trained once from epoch 0 on (the warm-up's epochs are not the run's); and the
 * backend is warm now, so a new run does not warm up again.
 */
async function expectWholeRunAfterWarmUp(h: Harness, s: Settings): Promise<void> {
  const warmed = h.session.warmUpEpochs;
  const frames = h.frames(h.lastRun());
  expect(frames.at(-1)?.epoch).toBe(s.epochs);
  expect(lossSeries(frames, 0)).toHaveLength(s.epochs);
  expectSameFrames(
    frames,
    await reference(
      s,
      [],
      frames.map((f) => f.epoch),
    ),
  );
  h.send({ type: 'reset' });
  await h.session.whenIdle();
  expect(h.session.warmUpEpochs).toBe(warmed);
}

describe('TrainingSession (CPU backend)', () => {
  it('computes a run in slices: several frames per message, every checkpoint flagged, histories contiguous', async () => {
    const h = harness({ ...SMALL, epochs: 500 }, { sliceMs: 100 });
    await h.session.whenIdle();
    expect(h.of('ready')).toHaveLength(1);
    h.send({ type: 'play' });
    await h.session.whenIdle();
    const run = h.lastRun();
    const frames = h.frames(run);
    const epochs = frames.map((f) => f.epoch);
    expect(epochs[0]).toBe(0);
    expect(epochs.at(-1)).toBe(500);
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    // frames are a superset of the checkpoints, and only those are flagged
    for (const c of checkpointEpochs(500, 50)) expect(epochs).toContain(c);
    for (const f of frames) expect(f.checkpoint, `epoch ${f.epoch}`).toBe(isCheckpoint(f.epoch, 500, 50));
    // finer than the checkpoints: the first ones come every 5 epochs (the interval adapts later)
    expect(epochs.slice(0, 4)).toEqual([0, 1, 6, 11]);
    // every epoch's loss exactly once
    expect(lossSeries(frames, 0)).toHaveLength(500);
    // slices: every epoch trained once over the messages, several frames in one message
    const sliceMessages = h.of('frames').filter((m) => m.run === run && m.epochs > 0);
    expect(sliceMessages.reduce((a, m) => a + m.epochs, 0)).toBe(500);
    expect(sliceMessages.some((m) => m.frames.length > 1)).toBe(true);
    const state = h.of('state').at(-1);
    expect(state).toMatchObject({ finished: true, running: false, epoch: 500 });
    expect(state?.cost).toMatchObject({ measured: true });
    expect(state?.cost?.ms).toBeGreaterThan(0);
    // the frames are what the nets compute: same numbers as a straight run
    expectSameFrames(frames, await reference(SMALL, [], epochs));
  });

  it('Pause lands between slices: no frames after the slice in which it arrived', async () => {
    let pausedAfter = -1;
    const h = harness(
      { ...SMALL, epochs: 100000 },
      {
        onPost: (m, hh) => {
          if (m.type === 'frames' && m.epochs > 0 && pausedAfter < 0) {
            pausedAfter = hh.messages.length;
            hh.send({ type: 'pause' });
          }
        },
      },
    );
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await h.session.whenIdle();
    expect(pausedAfter).toBeGreaterThan(0);
    expect(h.messages.slice(pausedAfter).filter((m) => m.type === 'frames')).toEqual([]);
    const state = h.of('state').at(-1);
    expect(state).toMatchObject({ running: false, finished: false });
    expect(state?.handled?.type).toBe('pause');
  });

  it('a Reset taken up with another command behind it: the next state reports both, each once', async () => {
    const h = harness(SMALL);
    await h.session.whenIdle();
    const before = h.of('state').length;
    h.send({ type: 'reset' });
    h.send({ type: 'pause' });
    await h.session.whenIdle();
    const states = h.of('state').slice(before);
    const reported = states.flatMap((s) => s.handledSince.map((c) => c.type));
    expect(reported).toEqual(['reset', 'pause']);
    expect(states.at(-1)?.handled?.type).toBe('pause');
    for (const s of states) for (const c of s.handledSince) expect(c.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('Reset and a shape change land between slices and start a new run at epoch 0', async () => {
    let sent = false;
    const h = harness(
      { ...SMALL, epochs: 100000 },
      {
        onPost: (m, hh) => {
          if (m.type === 'frames' && m.epochs > 0 && !sent) {
            sent = true;
            hh.send({ type: 'reset' });
          }
        },
      },
    );
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await h.session.whenIdle();
    const ready = h.of('ready');
    expect(ready.map((r) => r.cause)).toEqual(['init', 'reset']);
    // the reset run starts from the same weights: its epoch-0 frame equals the first run's
    expect(numbers(h.frames(ready[1].run)[0])).toEqual(numbers(h.frames(ready[0].run)[0]));
    expect(h.of('state').at(-1)).toMatchObject({ run: ready[1].run, running: false, epoch: 0 });

    h.send({ type: 'settings', settings: { ...SMALL, epochs: 100000, hidden: 12 }, change: 'replay', atEpoch: 0 });
    await new Promise((r) => setTimeout(r, 50));
    h.send({ type: 'pause' });
    await h.session.whenIdle();
    const shape = h.of('ready').at(-1);
    expect(shape?.cause).toBe('shape');
    expect(shape?.settings.hidden).toBe(12);
  });

  it('a replay after a change starts from the same weights, data and masks: bit-identical to a fresh run of the new settings', async () => {
    const h = harness(SMALL);
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await h.session.whenIdle();
    const first = h.lastRun();
    const changed = { ...SMALL, dropout: 0.2, weightDecay: 0.001 };
    h.send({ type: 'settings', settings: changed, change: 'replay', atEpoch: 200 });
    await h.session.whenIdle();
    const replay = h.of('ready').at(-1);
    expect(replay?.cause).toBe('replay');
    expect(replay?.setupMs).toBe(0); // the experiment was restored, not rebuilt
    const replayFrames = h.frames(replay?.run ?? -1);
    expect(replayFrames[0].epoch).toBe(0);
    expect(replayFrames.at(-1)?.epoch).toBe(200);
    expectSameFrames(
      replayFrames,
      await reference(
        changed,
        [],
        replayFrames.map((f) => f.epoch),
      ),
    );

    // back to the first settings: the first run again, bit for bit
    h.send({ type: 'settings', settings: SMALL, change: 'replay', atEpoch: 200 });
    await h.session.whenIdle();
    const again = h.frames(h.lastRun());
    const firstByEpoch = new Map(h.frames(first).map((f) => [f.epoch, f]));
    let compared = 0;
    for (const f of again) {
      const ref = firstByEpoch.get(f.epoch);
      if (!ref) continue;
      expect(numbers(f), `epoch ${f.epoch}`).toEqual(numbers(ref));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(checkpointEpochs(200, 50).length);
    expect(lossSeries(again, 1)).toEqual(lossSeries(h.frames(first), 1));
  });

  it('"continue" keeps the run and its epoch counter: the change applies from the epoch on screen', async () => {
    const h = harness(SMALL);
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await h.session.whenIdle();
    const run = h.lastRun();
    // the whole run is computed; the screen shows epoch 51: the run goes back there and continues
    const changed = { ...SMALL, dropout: 0.1 };
    h.send({ type: 'settings', settings: changed, change: 'continue', atEpoch: 51 });
    await h.session.whenIdle();
    expect(h.lastRun()).toBe(run);
    const resumed = h.of('resumed').at(-1);
    expect(resumed).toMatchObject({ run, epoch: 51, cause: 'continue' });
    const frames = h.frames(run);
    expect(frames.at(-1)?.epoch).toBe(200);
    expect(h.of('state').at(-1)).toMatchObject({ run, epoch: 200, finished: true });
    expectSameFrames(
      frames,
      await reference(
        SMALL,
        [{ at: 51, settings: changed }],
        frames.map((f) => f.epoch),
      ),
    );
    expect(lossSeries(frames, 1)).toHaveLength(200);
  });

  it('a preview posts the last frame of the whole run, and the run in progress continues unharmed', async () => {
    const h = harness({ ...SMALL, epochs: 120 });
    await h.session.whenIdle();
    h.send({ type: 'step' });
    await h.session.whenIdle();
    expect(h.of('state').at(-1)?.epoch).toBe(1); // Step: to the next checkpoint (after update 1)
    h.send({ type: 'step' });
    await h.session.whenIdle();
    expect(h.of('state').at(-1)?.epoch).toBe(51);
    const previewed = { ...SMALL, epochs: 120, dropout: 0.3 };
    h.send({ type: 'preview', settings: previewed });
    await h.session.whenIdle();
    const p = h.of('preview').at(-1);
    expect(p?.frame.epoch).toBe(120);
    const ref = await reference(previewed, [], [120]);
    expect(numbers(p?.frame as Frame)).toEqual(numbers(ref.get(120) as Frame));
    // the run itself goes on from epoch 51 as if nothing happened
    h.send({ type: 'play' });
    await h.session.whenIdle();
    const frames = h.frames(h.lastRun());
    expect(frames.at(-1)?.epoch).toBe(120);
    expectSameFrames(
      frames,
      await reference(
        { ...SMALL, epochs: 120 },
        [],
        frames.map((f) => f.epoch),
      ),
    );
  });

  it('a lost GPU device: the run continues on the CPU from its last snapshot and says so', async () => {
    let lost = false;
    const h = harness(
      { ...SMALL, epochs: 300 },
      {
        gpu: true,
        onPost: (m, hh) => {
          if (m.type === 'frames' && m.frames.some((f) => f.epoch >= 51) && !lost) {
            lost = true;
            hh.send({ type: 'simulate-device-loss' });
          }
        },
      },
    );
    await h.session.whenIdle();
    expect(h.of('ready')[0].backend.name).toBe('webgpu');
    h.send({ type: 'play' });
    await h.session.whenIdle();
    const resumed = h.of('resumed').at(-1);
    expect(resumed?.cause).toBe('device-lost');
    expect(resumed?.backend.name).toBe('cpu');
    expect(resumed?.backend.fallbackReason).toMatch(/^WebGPU device lost: simulated/);
    expect(checkpointEpochs(300, 50)).toContain(resumed?.epoch);
    expect(h.of('notice').map((n) => englishText(n.text))).toContainEqual(expect.stringMatching(/continues on the CPU from epoch \d+/));
    const frames = h.frames(h.lastRun());
    expect(frames.at(-1)?.epoch).toBe(300);
    expectSameFrames(
      frames,
      await reference(
        { ...SMALL, epochs: 300 },
        [],
        frames.map((f) => f.epoch),
      ),
    );
  });

  it('a new backend warms up before the first Play and gives the epoch-0 state back: the run is the reference, bit for bit', async () => {
    const s: Settings = { ...SMALL, epochs: 120 };
    const h = harness(s);
    await h.session.whenIdle();
    // it trained while nothing was asked, and posted nothing of it
    expect(h.session.warmUpEpochs).toBeGreaterThan(0);
    expect(h.frames(h.lastRun()).map((f) => f.epoch)).toEqual([0]);
    h.send({ type: 'play' });
    await h.session.whenIdle();
    await expectWholeRunAfterWarmUp(h, s);
  });

  it('Play in the middle of the warm-up trains from epoch 0: the run is the reference, bit for bit', async () => {
    const s: Settings = { ...SMALL, epochs: 120 };
    let played = false;
    const h = harness(s, {
      // the first turn of the loop after a warm-up piece: Play
      yieldTask: () => {
        if (!played && h.session.warmUpEpochs > 0) {
          played = true;
          h.send({ type: 'play' });
        }
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    await h.session.whenIdle();
    expect(played).toBe(true);
    await expectWholeRunAfterWarmUp(h, s);
  });

  it('warmUpMs 0: no warm-up', async () => {
    const h = harness(SMALL, { warmUpMs: 0 });
    await h.session.whenIdle();
    expect(h.session.warmUpEpochs).toBe(0);
  });
});
