// The transport's behaviour: Play, Pause, Step (to the next checkpoint, computed first when it is
// not there yet), Reset, and the trainer computing while the playhead plays. Also how a setting
// change reaches the worker while playing ("On change", the slider drag, the preview mode), and
// the ghost toggle ("Compare with previous run").

import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../experiment/settings';
import type { ChangeMode } from '../../worker/protocol';
import type { PlaybackStore } from '../playback/playback-store';
import { isPlaying, type PlayStatus } from '../playback/playhead';
import type { RunStore, RunView } from '../run-store';
import { useSelector } from './useSelector';
import { selectSliderMode, useSettingsSender } from './useSettingsSender';
import { useSliderDrag, type SliderDrag } from './useSliderDrag';
import type { TrainingSessionHandle } from './useTrainingSession';

const selectPreviewed = (v: RunView) => v.preview?.settings ?? null;
/** Whether the trainer should compute: the playhead plays, and the run is neither computed nor computing. */
function wantsCompute(v: RunView, s: { status: PlayStatus }): boolean {
  return isPlaying(s) && v.phase === 'ready' && !v.worker.running && !v.worker.finished && !v.worker.allDiverged;
}

export interface RunControls {
  readonly play: () => void;
  readonly pause: () => void;
  readonly step: () => void;
  readonly reset: () => void;
  readonly changeMode: ChangeMode;
  readonly setChangeMode: (m: ChangeMode) => void;
  readonly compare: boolean;
  readonly setCompare: (on: boolean) => void;
  readonly drag: SliderDrag;
}

/** Index of the first checkpoint frame after epoch `after` on the current run's timeline (-1: none yet). */
export function nextCheckpointIndex(view: RunView, after: number): number {
  return view.current ? view.current.frames.findIndex((f) => f.checkpoint && f.epoch > after) : -1;
}

export function useRunControls(store: RunStore, playback: PlaybackStore, session: TrainingSessionHandle, settings: Settings): RunControls {
  const { send, sent } = session;
  const previewed = useSelector(store, selectPreviewed);

  const [changeMode, setChangeMode] = useState<ChangeMode>('replay');
  const [compare, setCompare] = useState(true);
  const drag = useSliderDrag();

  useSettingsSender({
    settings,
    send,
    playing: () => isPlaying(playback.getSnapshot()),
    changeMode,
    epoch: () => playback.getSnapshot().epoch,
    dragging: drag.dragging,
    mode: () => selectSliderMode(store.getSnapshot()),
    previewed,
    onContinue: () => {
      const target = sent();
      playback.holdUntil((v) => v.commandsTaken >= target);
    },
  });
  // a drag that ended without a change leaves no preview behind
  useEffect(() => {
    if (!drag.dragging) store.clearPreview();
  }, [drag.dragging, store]);

  // the trainer computes while the playhead plays (and the run is not computed yet): asked when
  // that becomes wanted, from the stores themselves, so that Play re-renders nothing here
  useEffect(() => {
    let wanted = false;
    const check = (): void => {
      const want = wantsCompute(store.getSnapshot(), playback.getSnapshot());
      if (want && !wanted) send({ type: 'play' });
      wanted = want;
    };
    check();
    const unsubscribeRuns = store.subscribe(check);
    const unsubscribePlayback = playback.subscribe(check);
    return () => {
      unsubscribeRuns();
      unsubscribePlayback();
    };
  }, [store, playback, send]);

  // Step: to the next checkpoint on the timeline (computed first when it is not there yet)
  const stepFrom = useRef<number | null>(null);
  useEffect(
    () =>
      store.subscribe(() => {
        const from = stepFrom.current;
        if (from === null) return;
        const i = nextCheckpointIndex(store.getSnapshot(), from);
        if (i >= 0) {
          playback.seek(i);
          stepFrom.current = null;
        } else if (store.getSnapshot().worker.finished) stepFrom.current = null;
      }),
    [store, playback],
  );
  const step = (): void => {
    const from = Math.max(0, playback.getSnapshot().epoch);
    const i = nextCheckpointIndex(store.getSnapshot(), from);
    if (i >= 0) playback.seek(i);
    else {
      stepFrom.current = from;
      send({ type: 'step' });
    }
  };

  return {
    play: () => {
      if (!store.getSnapshot().worker.finished) send({ type: 'play' });
      // the click's task ends with the command sent; the page re-renders for the playhead in a
      // task of its own (together they were one long task on a slow machine)
      setTimeout(() => playback.play(), 0);
    },
    pause: () => {
      playback.pause();
      send({ type: 'pause' });
    },
    step,
    reset: () => send({ type: 'reset' }),
    changeMode,
    setChangeMode,
    compare,
    setCompare,
    drag,
  };
}
