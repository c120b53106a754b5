// The page's test hooks (window.__dropoutLab, only with ?testHooks=1 or a test build): the run
// view, the settings, the playhead's record, the charts' data, and device-loss simulation.

import { useEffect } from 'react';
import type { Settings } from '../../experiment/settings';
import type { PageToWorker } from '../../worker/protocol';
import { simulateBatchDeviceLoss } from '../batch-client';
import { chartClientPoint, chartDrawnOffBy, chartSnapshot, chartTicks } from '../chart-setup';
import { currentFps } from '../fps';
import type { PlaybackStore } from '../playback/playback-store';
import type { RunStore } from '../run-store';
import { installTestHooks } from '../test-hooks';

export function usePageTestHooks(
  store: RunStore,
  playback: PlaybackStore,
  send: (message: PageToWorker) => void,
  settings: () => Settings,
): void {
  useEffect(
    () =>
      installTestHooks(() => ({
        view: () => store.getSnapshot(),
        settings,
        playback: () => ({
          ...playback.playhead.state,
          epochs: store.getSnapshot().current?.epochs.slice(0, playback.playhead.state.frames) ?? [],
          arrivedTick: [...playback.playhead.arrivedTick],
          shownTick: [...playback.playhead.shownTick],
          ticks: playback.playhead.ticks,
        }),
        charts: () => ({ main: chartSnapshot('main'), loss: chartSnapshot('loss') }),
        drawnOffBy: (name) => chartDrawnOffBy(name),
        ticks: chartTicks,
        fps: currentFps,
        simulateDeviceLoss: () => send({ type: 'simulate-device-loss' }),
        simulateBatchDeviceLoss,
        clientPoint: chartClientPoint,
      })),
    [store, playback, send, settings],
  );
}
