// The playhead for the page: a PlaybackStore over the run store, read with useSyncExternalStore.

import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { PlaybackStore } from '../playback/playback-store';
import { DEFAULT_SPEED, type PlayheadState } from '../playback/playhead';
import type { RunStore } from '../run-store';

export interface PlaybackHandle {
  readonly playback: PlaybackStore;
  readonly state: PlayheadState;
}

export function usePlayback(runs: RunStore): PlaybackHandle {
  const playback = useMemo(() => new PlaybackStore(runs, DEFAULT_SPEED), [runs]);
  useEffect(() => playback.attach(), [playback]);
  const state = useSyncExternalStore(playback.subscribe, playback.getSnapshot);
  return { playback, state };
}
