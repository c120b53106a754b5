// The transport: Play/Pause, Step, Reset, New data, and how the run plays — Speed, what a change
// does (On change), and the ghost of the previous run (Compare with previous run).

import { useId, type ReactNode } from 'react';
import type { ChangeMode } from '../worker/protocol';
import { PLAYBACK_EXPLANATIONS, PLAYBACK_TOPICS } from './explanations';
import { SPEEDS, SPEED_LABELS, type PlayStatus, type Speed } from './playback/playhead';
import { Toggletip } from './Toggletip';

export const CHANGE_MODE_LABELS: Record<ChangeMode, string> = {
  replay: 'Replay from epoch 0',
  continue: 'Continue from here',
};

export interface TransportProps {
  readonly ready: boolean;
  readonly status: PlayStatus;
  /** a later checkpoint exists or can be computed */
  readonly canStep: boolean;
  readonly everyEpochs: number;
  readonly onPlay: () => void;
  readonly onPause: () => void;
  readonly onStep: () => void;
  readonly onReset: () => void;
  readonly onNewData: () => void;
  readonly speed: Speed;
  readonly onSpeed: (s: Speed) => void;
  readonly changeMode: ChangeMode;
  readonly onChangeMode: (m: ChangeMode) => void;
  readonly compare: boolean;
  readonly onCompare: (on: boolean) => void;
}

export function Transport(p: TransportProps): ReactNode {
  const speedId = useId();
  const changeId = useId();
  const playing = p.status === 'playing' || p.status === 'buffering';
  return (
    <>
      <div className="transport">
        <button
          type="button"
          className="primary"
          disabled={!p.ready}
          onClick={playing ? p.onPause : p.onPlay}
          title={p.status === 'ended' ? 'play the run again from epoch 0' : undefined}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          disabled={!p.ready || playing || !p.canStep}
          onClick={p.onStep}
          title={`to the next checkpoint (every ${p.everyEpochs} epochs)`}
        >
          Step
        </button>
        <button type="button" disabled={!p.ready} onClick={p.onReset}>
          Reset
        </button>
        <button type="button" disabled={!p.ready} onClick={p.onNewData} title="new noise draw (next seed)">
          New data
        </button>
      </div>
      <div className="playback-options">
        <div className="control choice">
          <div className="control-head">
            <label htmlFor={speedId}>Speed</label>
            <Toggletip topic={PLAYBACK_TOPICS.speed}>{PLAYBACK_EXPLANATIONS.speed}</Toggletip>
          </div>
          <select id={speedId} value={p.speed} onChange={(e) => p.onSpeed(e.currentTarget.value as Speed)}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {SPEED_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="control choice">
          <div className="control-head">
            <label htmlFor={changeId}>On change</label>
            <Toggletip topic={PLAYBACK_TOPICS.changeMode}>{PLAYBACK_EXPLANATIONS.changeMode}</Toggletip>
          </div>
          <select
            id={changeId}
            value={p.changeMode}
            onChange={(e) => p.onChangeMode(e.currentTarget.value === 'continue' ? 'continue' : 'replay')}
            title="what moving a slider does while the run plays"
          >
            {(Object.keys(CHANGE_MODE_LABELS) as ChangeMode[]).map((m) => (
              <option key={m} value={m}>
                {CHANGE_MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="compare">
          <label className="small">
            <input type="checkbox" checked={p.compare} onChange={(e) => p.onCompare(e.currentTarget.checked)} /> Compare with previous run
          </label>
          <Toggletip topic={PLAYBACK_TOPICS.compare}>{PLAYBACK_EXPLANATIONS.compare}</Toggletip>
        </div>
      </div>
    </>
  );
}
