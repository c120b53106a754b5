// @vitest-environment happy-dom
// What re-renders with every frame on screen while playing: only what shows the frame. A piece read
// from two stores (useSelectorOfBoth) re-renders when that piece changes, not when either store
// does; the live region (Announcer) re-renders at checkpoints, not at each of the frames between;
// the status bar's epoch follows every frame.

import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/experiment/settings';
import { Announcer } from '../../src/ui/Announcer';
import { useSelectorOfBoth } from '../../src/ui/hooks/useSelector';
import { createI18n } from '../../src/ui/i18n/i18n';
import { PageI18nProvider } from '../../src/ui/i18n/useLocale';
import { PlaybackStore, type AnimationClock } from '../../src/ui/playback/playback-store';
import type { PlayheadState } from '../../src/ui/playback/playhead';
import { RunStore, type RunView } from '../../src/ui/run-store';
import { StatusBar } from '../../src/ui/StatusBar';
import type { WorkerToPage } from '../../src/worker/protocol';
import { TWO_NETS, madeFrame } from '../helpers/made-frames';

afterEach(cleanup);

/** checkpoints of the tutorial's schedule among the frames below */
const CHECKPOINTS = new Set([0, 1, 51, 100]);

/** A run of 100 epochs, every frame computed: epochs 0, 1, 5, 10, …, 50, 51, 55, …, 100. */
function computedRun(): RunStore {
  const runs = new RunStore({ schedule: (fn) => fn() });
  const settings = { ...defaultSettings(), epochs: 100 };
  runs.handle({
    type: 'ready',
    run: 1,
    cause: 'init',
    backend: { name: 'cpu', description: 'CPU' },
    data: { x: [0], y: [0], testX: [0], testY: [0] },
    nets: TWO_NETS,
    settings,
    setupMs: 5,
  });
  const epochs = [...new Set([0, 1, ...Array.from({ length: 20 }, (_, i) => 5 * (i + 1)), 51])].sort((a, b) => a - b);
  const frames = epochs.map((e, i) => madeFrame(e, i === 0 ? 0 : epochs[i - 1], { checkpoint: CHECKPOINTS.has(e) }));
  runs.handle({ type: 'frames', run: 1, frames, epochs: 100, sliceMs: 10 });
  const state: WorkerToPage = {
    type: 'state',
    run: 1,
    running: false,
    finished: true,
    epoch: 100,
    settings,
    frameInterval: 5,
    cost: null,
    handled: null,
    handledSince: [],
    postedAt: 0,
  };
  runs.handle(state);
  return runs;
}

/** Animation frames run by hand, 16 ms apart. */
class HandClock implements AnimationClock {
  private next: ((t: number) => void) | null = null;
  private t = 0;
  request(cb: (time: number) => void): number {
    this.next = cb;
    return 1;
  }
  cancel(): void {
    this.next = null;
  }
  step(): void {
    const cb = this.next;
    this.next = null;
    this.t += 16;
    cb?.(this.t);
  }
}

const i18n = createI18n('en');
const inPage = ({ children }: { children: ReactNode }): ReactNode => <PageI18nProvider i18n={i18n}>{children}</PageI18nProvider>;

/** Plays the run to its end, one animation frame at a time (`onFrame` after each); returns the epochs shown. */
function playToEnd(playback: PlaybackStore, clock: HandClock, onFrame: () => void = () => undefined): number[] {
  const shown: number[] = [];
  act(() => playback.play());
  for (let i = 0; i < 2000 && playback.getSnapshot().status !== 'ended'; i++) {
    act(() => clock.step());
    onFrame();
    const e = playback.getSnapshot().epoch;
    if (shown[shown.length - 1] !== e) shown.push(e);
  }
  return shown;
}

describe('renders while playing', () => {
  it('useSelectorOfBoth re-renders when the piece changes, not when either store does', () => {
    const runs = computedRun();
    const clock = new HandClock();
    const playback = new PlaybackStore(runs, 'tutorial', clock);
    const detach = playback.attach();
    let renders = 0;
    // the last checkpoint at or before the frame on screen
    const select = (v: RunView, s: PlayheadState): number => {
      const cps = v.current?.checkpoints ?? [];
      let at = -1;
      for (const c of cps) if (c.epoch <= Math.max(0, s.epoch)) at = c.epoch;
      return at;
    };
    function Probe(): ReactNode {
      renders++;
      return <span data-testid="probe">{useSelectorOfBoth(runs, playback, select)}</span>;
    }
    render(<Probe />);
    const before = renders;
    const shown = playToEnd(playback, clock);
    // every frame was on screen, and the probe rendered once per checkpoint passed (1, 51, 100), no more
    expect(shown.length).toBeGreaterThanOrEqual(22);
    expect(renders - before).toBe(3);
    expect(screen.getByTestId('probe').textContent).toBe('100');
    detach();
  });

  it('the live region re-renders at checkpoints only, and the status shows every frame', () => {
    const runs = computedRun();
    const clock = new HandClock();
    const playback = new PlaybackStore(runs, 'tutorial', clock);
    const detach = playback.attach();
    let announcerCommits = 0;
    const epochsShownByStatus: string[] = [];
    render(
      <>
        <Profiler id="announcer" onRender={() => announcerCommits++}>
          <Announcer store={runs} playback={playback} />
        </Profiler>
        <StatusBar store={runs} playback={playback} />
      </>,
      { wrapper: inPage },
    );
    const before = announcerCommits;
    playToEnd(playback, clock, () => {
      const text = screen.getByTestId('epoch').textContent ?? '';
      if (epochsShownByStatus[epochsShownByStatus.length - 1] !== text) epochsShownByStatus.push(text);
    });
    // the status bar followed each of the 22 frames after epoch 0
    expect(epochsShownByStatus).toContain('55');
    expect(epochsShownByStatus.length).toBeGreaterThanOrEqual(21);
    // the announcer: the play itself, the checkpoints 1, 51, 100 and the end; not the 22 frames
    expect(announcerCommits - before).toBeGreaterThan(0);
    expect(announcerCommits - before).toBeLessThanOrEqual(6);
    expect(screen.getByTestId('run-state').getAttribute('data-state')).toBe('finished');
    detach();
  });
});
