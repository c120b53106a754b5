// What a panel that redraws a few times a second while playing sees: the run and the playhead's
// epoch, each through a ThrottledStore while playing (at once when paused or scrubbing), and
// deferred, so the panel follows in a render React can split and interrupt.

import { useDeferredValue } from 'react';
import type { PlaybackStore } from '../playback/playback-store';
import { isPlaying, shownEpochOf } from '../playback/playhead';
import type { RunStore, RunView } from '../run-store';
import { useSelector } from './useSelector';
import { useThrottledStore } from './useThrottledStore';

/** While playing, such panels redraw at most this often. */
export const PANEL_REDRAW_MS = 250;

const whole = (v: RunView): RunView => v;

function useThrottledEpoch(playback: PlaybackStore, playing: boolean): number {
  return useDeferredValue(useSelector(useThrottledStore(playback, PANEL_REDRAW_MS, playing), shownEpochOf));
}

/** The playhead's epoch (0 before the first frame), throttled while playing. */
export function usePanelEpoch(playback: PlaybackStore): number {
  return useThrottledEpoch(playback, useSelector(playback, isPlaying));
}

/** The run store's view and the playhead's epoch, both throttled while playing. */
export function usePanelView(store: RunStore, playback: PlaybackStore): { view: RunView; epoch: number } {
  const playing = useSelector(playback, isPlaying);
  const view = useDeferredValue(useSelector(useThrottledStore(store, PANEL_REDRAW_MS, playing), whole));
  return { view, epoch: useThrottledEpoch(playback, playing) };
}
