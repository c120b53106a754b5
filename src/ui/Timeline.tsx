// The epoch timeline under the fit chart: a range over every computed frame. Dragging it (or the
// arrow keys, Home, End) shows that frame; Play continues from there.

import type { ReactNode } from 'react';
import type { PlayheadState } from './playback/playhead';

export function Timeline({
  state,
  epochs,
  total,
  computed,
  onSeek,
}: {
  state: PlayheadState;
  /** the frames' epochs */
  epochs: readonly number[];
  /** epochs of the run */
  total: number;
  /** epochs computed so far */
  computed: number;
  onSeek: (index: number) => void;
}): ReactNode {
  const max = Math.max(0, state.frames - 1);
  const epoch = state.epoch < 0 ? 0 : state.epoch;
  return (
    <div className="timeline" data-testid="timeline">
      <input
        type="range"
        aria-label="Timeline"
        min={0}
        max={max}
        step={1}
        value={Math.max(0, state.index)}
        disabled={state.frames === 0}
        aria-valuetext={`epoch ${epoch}`}
        onChange={(e) => onSeek(Number(e.currentTarget.value))}
      />
      <div className="timeline-labels small muted">
        <span>
          epoch <strong data-testid="timeline-epoch">{epoch}</strong> · frame {Math.max(0, state.index) + 1} of {state.frames}
        </span>
        <span data-testid="computed">
          computed {computed} / {total} epochs{epochs.length > 0 ? `, ${epochs.length} frames` : ''}
        </span>
      </div>
    </div>
  );
}
