// The playhead for the page: a PlaybackStore over the run store, following it while mounted.
// Components read what they need of its state with useSelector (or the whole state).

import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { PlaybackStore } from '../playback/playback-store';
import { DEFAULT_SPEED, type PlayheadState } from '../playback/playhead';
import type { RunStore } from '../run-store';

export function usePlayback(runs: RunStore): PlaybackStore {
  const playback = useMemo(() => new PlaybackStore(runs, DEFAULT_SPEED), [runs]);
  useEffect(() => playback.attach(), [playback]);
  return playback;
}

/** The whole playhead state (re-renders on every change of the frame on screen). */
export function usePlayheadState(playback: PlaybackStore): PlayheadState {
  return useSyncExternalStore(playback.subscribe, playback.getSnapshot);
}
