// The polite live region: the checkpoint on screen, announced when the playhead reaches it — at
// most once every ANNOUNCE_EVERY_MS while playing (the latest one then), at once when playing
// stops (the run's last checkpoint included). Visually hidden; screen readers read it.

import type { ReactNode } from 'react';
import { ANNOUNCE_EVERY_MS, checkpointAtOrBefore, checkpointText } from './announce';
import { useSelector, useSelectorOfBoth } from './hooks/useSelector';
import { useLocale } from './i18n/useLocale';
import { useThrottled } from './hooks/useThrottled';
import type { PlaybackStore } from './playback/playback-store';
import type { RunStore, RunView } from './run-store';
import './Announcer.css';
import { isPlaying, shownEpochOf, type PlayheadState } from './playback/playhead';

/** the checkpoint at or before the frame on screen (the same object until the next one is reached) */
const checkpointOnScreen = (v: RunView, s: PlayheadState) => {
  const checkpoints = v.current?.checkpoints;
  return checkpoints ? checkpointAtOrBefore(checkpoints, shownEpochOf(s)) : null;
};

export function Announcer({ store, playback }: { store: RunStore; playback: PlaybackStore }): ReactNode {
  const { t } = useLocale();
  const frame = useSelectorOfBoth(store, playback, checkpointOnScreen);
  const playing = useSelector(playback, isPlaying);
  const text = useThrottled(frame ? checkpointText(t, frame) : '', ANNOUNCE_EVERY_MS, !playing);
  return (
    <div className="visually-hidden" role="status" data-testid="announcer">
      {text}
    </div>
  );
}
