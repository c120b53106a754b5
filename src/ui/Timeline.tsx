// The epoch timeline under the fit chart: a range over every computed frame. Dragging it (or the
// arrow keys, Home, End) shows that frame; Play continues from there.

import type { ReactNode } from 'react';
import { splitMarked } from './i18n/format';
import { useLocale } from './i18n/useLocale';
import { usePlayheadState } from './hooks/usePlayback';
import type { PlaybackStore } from './playback/playback-store';

export function Timeline({
  playback,
  epochs,
  total,
  computed,
  onSeek,
}: {
  /** followed at once: the thumb and the epoch move with every frame on screen */
  playback: PlaybackStore;
  /** the frames' epochs */
  epochs: readonly number[];
  /** epochs of the run */
  total: number;
  /** epochs computed so far */
  computed: number;
  onSeek: (index: number) => void;
}): ReactNode {
  const { t } = useLocale();
  const state = usePlayheadState(playback);
  const max = Math.max(0, state.frames - 1);
  const epoch = state.epoch < 0 ? 0 : state.epoch;
  // re-rendered with every frame on screen: the marked epoch cut out of the text, not Trans's markup parser
  const [before, marked, after] = splitMarked(
    t('timeline.position', { epoch, frame: Math.max(0, state.index) + 1, frames: state.frames }),
    'epoch',
  );
  return (
    <div className="timeline" data-testid="timeline">
      <input
        type="range"
        aria-label={t('timeline.aria')}
        min={0}
        max={max}
        step={1}
        value={Math.max(0, state.index)}
        disabled={state.frames === 0}
        aria-valuetext={t('timeline.valueText', { epoch })}
        onChange={(e) => onSeek(Number(e.currentTarget.value))}
      />
      <div className="timeline-labels small muted">
        <span>
          {before}
          <strong data-testid="timeline-epoch">{marked}</strong>
          {after}
        </span>
        <span data-testid="computed">
          {epochs.length > 0
            ? t('timeline.computedFrames', { computed, total, frames: epochs.length })
            : t('timeline.computed', { computed, total })}
        </span>
      </div>
    </div>
  );
}
