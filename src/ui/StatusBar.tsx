// Status: the epoch on screen, what the playback does (playing, buffering, paused, finished),
// the trainer's throughput, the backend (with why it runs: a fallback, Auto's choice), the whole
// run's compute time and the slider mode it allows, page frame rate.

import type { ReactNode } from 'react';
import { shortBackendName } from '../experiment/backend-choice';
import { backendSummary } from './backend-summary';
import './StatusBar.css';
import { useFps } from './fps';
import { usePlayheadState } from './hooks/usePlayback';
import { useSelector } from './hooks/useSelector';
import type { SliderMode } from './hooks/useSettingsSender';
import type { PlaybackStore } from './playback/playback-store';
import type { PlayheadState } from './playback/playhead';
import type { RunStore, RunView } from './run-store';

function seconds(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * The backend and why it runs: "WebGPU · nvidia hopper", "CPU ×2 workers (WebGPU adapter is
 * software (SwiftShader): 10× slower here)", "WebGPU · … (Auto: 3.0× faster than CPU ×8 workers here)".
 */
export function backendText(view: RunView): string {
  const b = view.backend;
  if (!b) return view.phase === 'fatal' ? 'unavailable' : 'starting…';
  if (!b.fallbackReason) return b.description;
  if (b.name === 'cpu') {
    const why = /^webgpu/i.test(b.fallbackReason) ? b.fallbackReason : `WebGPU unavailable: ${b.fallbackReason}`;
    return `${shortBackendName(b.description)} (${why})`;
  }
  return `${b.description} (${b.fallbackReason})`;
}

export type ShownState = 'starting' | 'stopped' | 'playing' | 'buffering' | 'paused' | 'finished';

/** What the status says the run is doing: the playhead's status, or the page's own phase. */
export function shownState(view: RunView, play: PlayheadState): ShownState {
  if (view.phase === 'starting') return 'starting';
  if (view.phase === 'fatal') return 'stopped';
  switch (play.status) {
    case 'playing':
      return 'playing';
    case 'buffering':
      return 'buffering';
    case 'ended':
      return 'finished';
    default:
      return 'paused';
  }
}

const STATE_TITLES: Record<ShownState, string> = {
  starting: 'creating the backend and the nets',
  stopped: 'training cannot run',
  playing: 'playing the computed frames',
  buffering: 'waiting for the trainer to compute the next frames',
  paused: 'paused: Play continues from the frame on screen',
  finished: 'the run is over: Play watches it again, a slider replays it with the new setting',
};

const whole = (v: RunView): RunView => v;

/** The backend in one line; a fallback's whole reason behind a details element (the bar stays one line). */
function BackendLine({ view }: { view: RunView }): ReactNode {
  const summary = view.backend ? backendSummary(view.backend) : { line: backendText(view), details: null };
  const line = (
    <span data-testid="backend" data-backend={view.backend?.name ?? ''}>
      {summary.line}
    </span>
  );
  if (summary.details === null) return line;
  return (
    <details className="backend-details">
      <summary>{line}</summary>
      <span className="backend-why" data-testid="backend-why">
        {summary.details}
      </span>
    </details>
  );
}

/** The status of the run store's current run and the playhead (it subscribes to both). */
export function StatusBar({
  store,
  playback,
  sliderMode,
}: {
  store: RunStore;
  playback: PlaybackStore;
  sliderMode: SliderMode;
}): ReactNode {
  const view = useSelector(store, whole);
  const play = usePlayheadState(playback);
  const fps = useFps();
  const state = shownState(view, play);
  const total = view.current?.appliedSettings.epochs ?? 0;
  const cost = view.worker.cost;
  return (
    <dl className="status" aria-label="Status">
      <div>
        <dt>Epoch</dt>
        <dd>
          <span data-testid="epoch">{Math.max(0, play.epoch)}</span> / {total}
        </dd>
      </div>
      <div>
        <dt>State</dt>
        <dd data-testid="run-state" title={STATE_TITLES[state]}>
          {state}
        </dd>
      </div>
      <div>
        <dt>Epochs/s</dt>
        <dd data-testid="eps" title="epochs the trainer computes per second">
          {view.epochsPerSecond === null
            ? '—'
            : view.epochsPerSecond >= 100
              ? Math.round(view.epochsPerSecond)
              : view.epochsPerSecond.toFixed(1)}
        </dd>
      </div>
      <div className="wide">
        <dt>Backend</dt>
        <dd>
          <BackendLine view={view} />
        </dd>
      </div>
      <div>
        <dt>Whole run</dt>
        <dd data-testid="run-cost" title="compute time of the whole run on this backend (≈: estimated so far)">
          {cost === null ? '—' : `${cost.measured ? '' : '≈'}${seconds(cost.ms)}`}
        </dd>
      </div>
      <div>
        <dt>Sliders</dt>
        <dd
          data-testid="slider-mode"
          data-mode={sliderMode}
          title={
            sliderMode === 'preview'
              ? 'a whole run computes within 150 ms here: the curves follow the slider, the run replays when you let go'
              : 'a whole run takes longer than 150 ms here: the run replays when you let go of the slider'
          }
        >
          {sliderMode === 'preview' ? 'instant preview' : 'replay on release'}
        </dd>
      </div>
      <div>
        <dt>Setup</dt>
        <dd data-testid="setup" title="time to create the backend and the nets">
          {seconds(view.setupMs)}
        </dd>
      </div>
      <div>
        <dt>Page</dt>
        <dd data-testid="fps">{fps === null ? '—' : `${Math.round(fps)} fps`}</dd>
      </div>
    </dl>
  );
}
