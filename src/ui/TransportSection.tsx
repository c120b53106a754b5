// The transport placed on the page: the Transport's buttons and playback options wired to the
// run controls. It follows the playhead's status and the run itself (whether the trainer is ready,
// whether a later checkpoint exists for Step), so a run's end or a checkpoint passed re-renders this,
// not every frame on screen, and not the page.

import type { ReactNode } from 'react';
import type { RunControls } from './hooks/useRunControls';
import { nextCheckpointIndex } from './hooks/useRunControls';
import { useSelector, useSelectorOfBoth } from './hooks/useSelector';
import type { PlaybackStore } from './playback/playback-store';
import { shownEpochOf, statusOf, type PlayheadState } from './playback/playhead';
import type { RunStore, RunView } from './run-store';
import { Transport } from './Transport';

const selectSpeed = (s: PlayheadState) => s.speed;
const selectReady = (v: RunView) => v.phase === 'ready';
const selectFinished = (v: RunView) => v.worker.finished;
/** a checkpoint after the frame on screen (Step's target): changes at checkpoints, not with every frame */
const selectLaterCheckpoint = (v: RunView, s: PlayheadState) => nextCheckpointIndex(v, shownEpochOf(s)) >= 0;

export interface TransportSectionProps {
  readonly store: RunStore;
  readonly playback: PlaybackStore;
  readonly controls: RunControls;
  readonly everyEpochs: number;
  readonly onNewData: () => void;
}

export function TransportSection({ store, playback, controls: c, everyEpochs, onNewData }: TransportSectionProps): ReactNode {
  const speed = useSelector(playback, selectSpeed);
  const status = useSelector(playback, statusOf);
  const ready = useSelector(store, selectReady);
  const finished = useSelector(store, selectFinished);
  const laterCheckpoint = useSelectorOfBoth(store, playback, selectLaterCheckpoint);
  return (
    <div className="transport-box" data-tour="transport">
      <Transport
        ready={ready}
        status={status}
        canStep={ready && (!finished || laterCheckpoint)}
        everyEpochs={everyEpochs}
        onPlay={c.play}
        onPause={c.pause}
        onStep={c.step}
        onReset={c.reset}
        onNewData={onNewData}
        speed={speed}
        onSpeed={(s) => playback.setSpeed(s)}
        changeMode={c.changeMode}
        onChangeMode={c.setChangeMode}
        compare={c.compare}
        onCompare={c.setCompare}
      />
    </div>
  );
}
