// Status: the epoch on screen, what the playback does (playing, buffering, paused, finished),
// the trainer's throughput, the backend (with why it runs: a fallback, Auto's choice), the whole
// run's compute time and the slider mode it allows, page frame rate.

import type { ReactNode } from 'react';
import { shortBackendName } from '../experiment/backend-choice';
import { backendSummary } from './backend-summary';
import './popover.css';
import './StatusBar.css';
import { useFps } from './fps';
import type { Translate } from './i18n/i18n';
import { useLocale } from './i18n/useLocale';
import { useSelector } from './hooks/useSelector';
import { selectSliderMode } from './hooks/useSettingsSender';
import type { PlaybackStore } from './playback/playback-store';
import { shownEpochOf, statusOf, type PlayStatus } from './playback/playhead';
import type { RunStore, RunView } from './run-store';

/** A duration in ms or s, in the page's language. */
export function seconds(t: Translate, ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? t('unit.ms', { n: Math.round(ms) }) : t('unit.s', { n: ms / 1000 });
}

/** backendText in the page's language (the description and the reason stay as the backend says them). */
export function backendLabel(t: Translate, view: RunView): string {
  const b = view.backend;
  if (!b) return view.phase === 'fatal' ? t('status.backendUnavailable') : t('status.backendStarting');
  if (!b.fallbackReason) return b.description;
  if (b.name === 'cpu') {
    const why = /^webgpu/i.test(b.fallbackReason) ? b.fallbackReason : t('status.webgpuUnavailable', { reason: b.fallbackReason });
    return t('status.backendWhy', { backend: shortBackendName(b.description), why });
  }
  return t('status.backendWhy', { backend: b.description, why: b.fallbackReason });
}

/**
 * The backend and why it runs, in English for the exports: "WebGPU · nvidia hopper", "CPU ×2
 * workers (WebGPU adapter is software (SwiftShader): 10× slower here)", "WebGPU · … (Auto: 3.0×
 * faster than CPU ×8 workers here)".
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
export function shownState(view: RunView, status: PlayStatus): ShownState {
  if (view.phase === 'starting') return 'starting';
  if (view.phase === 'fatal') return 'stopped';
  switch (status) {
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

const whole = (v: RunView): RunView => v;

/** The epoch on screen: the one cell that changes with every frame, so only it re-renders then. */
function ShownEpoch({ playback }: { playback: PlaybackStore }): ReactNode {
  return <span data-testid="epoch">{useSelector(playback, shownEpochOf)}</span>;
}

/** The backend in one line; a fallback's whole reason behind a details element (the bar stays one line). */
function BackendLine({ view }: { view: RunView }): ReactNode {
  const { t } = useLocale();
  const summary = view.backend ? backendSummary(view.backend, t) : { line: backendLabel(t, view), details: null };
  const line = (
    <span data-testid="backend" data-backend={view.backend?.name ?? ''}>
      {summary.line}
    </span>
  );
  if (summary.details === null) return line;
  return (
    <details className="backend-details">
      <summary>{line}</summary>
      <span className="backend-why popover" data-testid="backend-why">
        {summary.details}
      </span>
    </details>
  );
}

/** The status of the run store's current run and the playhead (it subscribes to both). */
export function StatusBar({ store, playback }: { store: RunStore; playback: PlaybackStore }): ReactNode {
  const { t, num } = useLocale();
  const view = useSelector(store, whole);
  const sliderMode = selectSliderMode(view);
  const status = useSelector(playback, statusOf);
  const fps = useFps();
  const state = shownState(view, status);
  const total = view.current?.appliedSettings.epochs ?? 0;
  const cost = view.worker.cost;
  return (
    <dl className="status" aria-label={t('status.aria')}>
      <div>
        <dt>{t('status.epoch')}</dt>
        <dd>
          <ShownEpoch playback={playback} /> / {total}
        </dd>
      </div>
      <div>
        <dt>{t('status.state')}</dt>
        <dd data-testid="run-state" data-state={state} title={t(`status.stateTitles.${state}`)}>
          {t(`status.states.${state}`)}
        </dd>
      </div>
      <div>
        <dt>{t('status.eps')}</dt>
        <dd data-testid="eps" title={t('status.epsTitle')}>
          {view.epochsPerSecond === null
            ? '—'
            : num(
                view.epochsPerSecond,
                view.epochsPerSecond >= 100 ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 1, maximumFractionDigits: 1 },
              )}
        </dd>
      </div>
      <div className="wide">
        <dt>{t('status.backend')}</dt>
        <dd>
          <BackendLine view={view} />
        </dd>
      </div>
      <div>
        <dt>{t('status.wholeRun')}</dt>
        <dd data-testid="run-cost" title={t('status.wholeRunTitle')}>
          {cost === null ? '—' : cost.measured ? seconds(t, cost.ms) : t('status.estimated', { time: seconds(t, cost.ms) })}
        </dd>
      </div>
      <div>
        <dt>{t('status.sliders')}</dt>
        <dd
          data-testid="slider-mode"
          data-mode={sliderMode}
          title={t(`status.sliderModeTitle.${sliderMode === 'preview' ? 'preview' : 'release'}`)}
        >
          {t(`status.sliderMode.${sliderMode === 'preview' ? 'preview' : 'release'}`)}
        </dd>
      </div>
      <div>
        <dt>{t('status.setup')}</dt>
        <dd data-testid="setup" title={t('status.setupTitle')}>
          {seconds(t, view.setupMs)}
        </dd>
      </div>
      <div>
        <dt>{t('status.page')}</dt>
        <dd data-testid="fps">{fps === null ? '—' : t('status.fps', { n: Math.round(fps) })}</dd>
      </div>
    </dl>
  );
}
