// The transport's behaviour: Play, Pause, Step (to the next checkpoint, computed first when it is
// not there yet), Reset, and the trainer computing while the playhead plays. Also how a setting
// change reaches the worker while playing ("On change", the slider drag, the preview mode), and
// the ghost toggle ("Compare with previous run").

import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../experiment/settings';
import type { ChangeMode } from '../../worker/protocol';
import type { PlaybackStore } from '../playback/playback-store';
import type { PlayStatus } from '../playback/playhead';
import type { RunStore, RunView } from '../run-store';
import { useSelector } from './useSelector';
import { sliderMode, useSettingsSender, type SliderMode } from './useSettingsSender';
import { useSliderDrag, type SliderDrag } from './useSliderDrag';
import type { TrainingSessionHandle } from './useTrainingSession';

const selectPhase = (v: RunView) => v.phase;
const selectRunning = (v: RunView) => v.worker.running;
const selectFinished = (v: RunView) => v.worker.finished;
const selectDiverged = (v: RunView) => v.worker.allDiverged;
/** (a string: the cost's estimate changes with every state the worker posts, the mode seldom) */
const selectSliderMode = (v: RunView): SliderMode => sliderMode(v.worker.cost);
const selectPreviewed = (v: RunView) => v.preview?.settings ?? null;
/** (playing or buffering: a boolean, so that the flips between the two re-render nothing here) */
const selectPlaying = (s: { status: PlayStatus }) => s.status === 'playing' || s.status === 'buffering';

export interface RunControls {
  readonly ready: boolean;
  /** the playhead plays (or waits for frames); the exact status is the playback store's */
  readonly playing: boolean;
  /** the run is computed to its last epoch */
  readonly finished: boolean;
  readonly play: () => void;
  readonly pause: () => void;
  readonly step: () => void;
  readonly reset: () => void;
  readonly changeMode: ChangeMode;
  readonly setChangeMode: (m: ChangeMode) => void;
  readonly compare: boolean;
  readonly setCompare: (on: boolean) => void;
  readonly drag: SliderDrag;
  readonly sliderMode: SliderMode;
}

/** Index of the first checkpoint frame after epoch `after` on the current run's timeline (-1: none yet). */
export function nextCheckpointIndex(view: RunView, after: number): number {
  return view.current ? view.current.frames.findIndex((f) => f.checkpoint && f.epoch > after) : -1;
}

export function useRunControls(store: RunStore, playback: PlaybackStore, session: TrainingSessionHandle, settings: Settings): RunControls {
  const { send, sent } = session;
  const phase = useSelector(store, selectPhase);
  const running = useSelector(store, selectRunning);
  const finished = useSelector(store, selectFinished);
  const allDiverged = useSelector(store, selectDiverged);
  const previewed = useSelector(store, selectPreviewed);
  const playing = useSelector(playback, selectPlaying);

  const [changeMode, setChangeMode] = useState<ChangeMode>('replay');
  const [compare, setCompare] = useState(true);
  const drag = useSliderDrag();
  const mode = useSelector(store, selectSliderMode);

  useSettingsSender({
    settings,
    send,
    playing,
    changeMode,
    epoch: () => playback.getSnapshot().epoch,
    dragging: drag.dragging,
    mode,
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

  // the trainer computes while the playhead plays (and the run is not computed yet)
  useEffect(() => {
    if (playing && phase === 'ready' && !running && !finished && !allDiverged) send({ type: 'play' });
  }, [playing, running, finished, allDiverged, phase, send]);

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
    ready: phase === 'ready',
    playing,
    finished,
    play: () => {
      playback.play();
      if (!finished) send({ type: 'play' });
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
    sliderMode: mode,
  };
}
