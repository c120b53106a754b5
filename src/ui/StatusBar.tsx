// Status: epoch counter, throughput, backend (with why it runs: a fallback, Auto's choice), time to the
// first checkpoint, page frame rate.

import type { ReactNode } from 'react';
import { shortBackendName } from '../experiment/backend-choice';
import { useFps } from './fps';
import type { RunView } from './run-store';

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

export function StatusBar({ view, totalEpochs }: { view: RunView; totalEpochs: number }): ReactNode {
  const fps = useFps();
  const state =
    view.phase === 'starting'
      ? 'starting'
      : view.phase === 'fatal'
        ? 'stopped'
        : view.running
          ? 'training'
          : view.finished
            ? 'finished'
            : 'paused';
  return (
    <dl className="status" aria-label="Status">
      <div>
        <dt>Epoch</dt>
        <dd>
          <span data-testid="epoch">{view.epoch}</span> / {totalEpochs}
        </dd>
      </div>
      <div>
        <dt>State</dt>
        <dd data-testid="run-state">{state}</dd>
      </div>
      <div>
        <dt>Epochs/s</dt>
        <dd data-testid="eps">
          {view.epochsPerSecond === null
            ? '—'
            : view.epochsPerSecond >= 100
              ? Math.round(view.epochsPerSecond)
              : view.epochsPerSecond.toFixed(1)}
        </dd>
      </div>
      <div className="wide">
        <dt>Backend</dt>
        <dd data-testid="backend" data-backend={view.backend?.name ?? ''}>
          {backendText(view)}
        </dd>
      </div>
      <div>
        <dt>First checkpoint</dt>
        <dd data-testid="first-checkpoint" title="time from pressing Play (or Step) to the first checkpoint">
          {seconds(view.firstCheckpointMs)}
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
