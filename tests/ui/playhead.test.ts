// The playhead with an injected clock (60 Hz animation frames): no frame skipped at Tutorial speed,
// waiting while compute is behind, scrub back + Play, Max shows the newest frame.
import { describe, expect, it } from 'vitest';
import { EPOCHS_PER_SECOND, Playhead, type Speed } from '../../src/ui/playback/playhead';

const FRAME_MS = 1000 / 60;

/** A run's frames as the worker computes them: epoch 0, 1, then every `interval`, up to `epochs`. */
function frameEpochs(epochs: number, interval: number): number[] {
  const out = [0];
  for (let e = 1; e <= epochs; e += interval) out.push(e);
  if (out[out.length - 1] !== epochs) out.push(epochs);
  return out;
}

/** Drives a playhead at 60 Hz; `computed(t)` says how many frames exist at time t (ms). */
function simulate(
  epochs: number[],
  speed: Speed,
  computed: (t: number) => number,
  maxMs = 60_000,
): { p: Playhead; shown: number[]; statuses: string[]; endMs: number } {
  const p = new Playhead(speed);
  const shown: number[] = [];
  const statuses: string[] = [];
  const source = (t: number) => {
    const n = Math.min(epochs.length, computed(t));
    return { run: 1, epochs: epochs.slice(0, n), complete: n === epochs.length };
  };
  p.sync(source(0));
  p.play();
  let t = 0;
  for (; t < maxMs; t += FRAME_MS) {
    p.sync(source(t));
    p.tick(t);
    shown.push(p.state.index);
    statuses.push(p.state.status);
    if (p.state.status === 'ended') break;
  }
  return { p, shown, statuses, endMs: t };
}

describe('Playhead', () => {
  it('at Tutorial speed every frame is on screen for at least one animation frame, and 500 epochs take ~5 s', () => {
    for (const interval of [1, 2, 5, 50]) {
      const epochs = frameEpochs(500, interval);
      const { p, shown, endMs } = simulate(epochs, 'tutorial', () => Infinity);
      const distinct = [...new Set(shown)];
      expect(distinct, `interval ${interval}`).toEqual(epochs.map((_, i) => i));
      expect(p.shownTick.every((t) => t >= 0)).toBe(true);
      // one frame per animation frame at most
      for (let i = 1; i < shown.length; i++) expect(shown[i] - shown[i - 1]).toBeLessThanOrEqual(1);
      // 500 epochs at 100 epochs/s, or at worst one frame per animation frame
      const expected = Math.max(500 / EPOCHS_PER_SECOND.tutorial, epochs.length / 60) * 1000;
      expect(endMs).toBeGreaterThan(expected * 0.9);
      expect(endMs).toBeLessThan(expected * 1.15 + 100);
      expect(p.state.status).toBe('ended');
    }
  });

  it('at Fast speed with a frame every epoch it still skips none (it slows to one frame per animation frame)', () => {
    const epochs = frameEpochs(500, 1);
    const { shown } = simulate(epochs, 'fast', () => Infinity);
    expect([...new Set(shown)]).toHaveLength(epochs.length);
  });

  it('waits while compute is behind, says "buffering", and continues when frames arrive', () => {
    const epochs = frameEpochs(500, 5);
    // compute delivers a batch of 10 frames every 400 ms (25 epochs/s·…: slower than 100 epochs/s)
    const { shown, statuses, p } = simulate(epochs, 'tutorial', (t) => 1 + 10 * Math.floor(t / 400));
    expect(statuses).toContain('buffering');
    expect([...new Set(shown)]).toEqual(epochs.map((_, i) => i));
    expect(p.state.status).toBe('ended');
    // while buffering the frame on screen is the newest one computed
    const i = statuses.indexOf('buffering');
    const t = i * FRAME_MS;
    expect(shown[i]).toBe(Math.min(epochs.length, 1 + 10 * Math.floor(t / 400)) - 1);
  });

  it('scrubbing back and pressing Play continues from the scrubbed frame', () => {
    const epochs = frameEpochs(500, 5);
    const p = new Playhead('tutorial');
    const source = { run: 1, epochs, complete: true };
    p.sync(source);
    p.play();
    let t = 0;
    for (; p.state.index < 60; t += FRAME_MS) {
      p.sync(source);
      p.tick(t);
    }
    p.pause();
    p.seek(epochs.indexOf(51));
    expect(p.state).toMatchObject({ index: epochs.indexOf(51), epoch: 51, status: 'paused' });
    // paused: ticks change nothing
    for (let k = 0; k < 30; k++, t += FRAME_MS) p.tick(t);
    expect(p.state.epoch).toBe(51);
    p.play();
    const next: number[] = [];
    for (let k = 0; k < 120; k++, t += FRAME_MS) {
      p.sync(source);
      p.tick(t);
      next.push(p.state.epoch);
    }
    expect(next[0]).toBe(51);
    expect(next.find((e) => e !== 51)).toBe(56);
    expect(Math.min(...next)).toBe(51);
  });

  it('Play after the end plays the run again from its first frame', () => {
    const epochs = frameEpochs(100, 5);
    const { p } = simulate(epochs, 'fast', () => Infinity);
    expect(p.state.status).toBe('ended');
    p.play();
    expect(p.state).toMatchObject({ index: 0, epoch: 0, status: 'playing' });
  });

  it('Max shows the newest frame on the first animation frame after it arrives', () => {
    const epochs = frameEpochs(500, 5);
    const p = new Playhead('max');
    let n = 1;
    p.sync({ run: 1, epochs: epochs.slice(0, n), complete: false });
    p.play();
    let t = 0;
    const newestOfBatch: number[] = [];
    for (let k = 0; n < epochs.length; k++, t += FRAME_MS) {
      if (k % 3 === 0) {
        n = Math.min(epochs.length, n + 7); // a slice of 7 frames arrives between two animation frames
        newestOfBatch.push(n - 1);
      }
      p.sync({ run: 1, epochs: epochs.slice(0, n), complete: n === epochs.length });
      p.tick(t);
      expect(p.state.index).toBe(n - 1);
    }
    for (const i of newestOfBatch) expect(p.shownTick[i]).toBe(p.arrivedTick[i] + 1);
  });

  it('held, it keeps playing but does not advance until released', () => {
    const epochs = frameEpochs(500, 5);
    const p = new Playhead('tutorial');
    const source = { run: 1, epochs, complete: true };
    p.sync(source);
    p.play();
    let t = 0;
    for (; p.state.epoch < 51; t += FRAME_MS) p.tick(t);
    p.hold();
    for (let k = 0; k < 60; k++, t += FRAME_MS) p.tick(t);
    expect(p.state).toMatchObject({ epoch: 51, status: 'playing' });
    p.release();
    const after: number[] = [];
    for (let k = 0; k < 10; k++, t += FRAME_MS) {
      p.tick(t);
      after.push(p.state.epoch);
    }
    // no jump: the held time does not count
    expect(after[0]).toBe(51);
    expect(Math.max(...after)).toBeLessThanOrEqual(51 + (10 * EPOCHS_PER_SECOND.tutorial) / 60);
  });

  it('a new run clears the timeline; fewer frames (a resume) truncate it', () => {
    const p = new Playhead('tutorial');
    p.sync({ run: 1, epochs: [0, 1, 6, 11], complete: false });
    p.seek(3);
    p.sync({ run: 1, epochs: [0, 1], complete: false });
    expect(p.state).toMatchObject({ index: 1, epoch: 1, frames: 2 });
    // a resume at epoch 1 whose new frames (at other epochs) already replaced the old ones
    p.sync({ run: 1, epochs: [0, 1, 6, 11], complete: false });
    p.seek(3);
    p.sync({ run: 1, epochs: [0, 1, 3, 5, 7], resumes: 1, resumedAt: 1, complete: false });
    expect(p.state).toMatchObject({ index: 1, epoch: 1, frames: 5 });
    p.seek(4);
    expect(p.state.epoch).toBe(7);
    p.sync({ run: 2, epochs: [0], complete: false });
    expect(p.state).toMatchObject({ run: 2, index: 0, epoch: 0, frames: 1 });
  });
});
