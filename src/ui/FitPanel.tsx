// The fit panel: both nets' curves at the frame on screen (or a slider's preview), their test
// losses, the ghost of the previous run, MC-dropout bands, point editing, and the epoch timeline.

import { memo, type ReactNode } from 'react';
import { formatLoss, netColor, type BandSeries, type GhostFrame } from './chart-data';
import type { OwnPointsEditing } from './hooks/usePageSettings';
import type { Translate } from './i18n/i18n';
import { useLocale } from './i18n/useLocale';
import { MainChart } from './MainChart';
import { PanelTitle } from './PanelTitle';
import type { PlaybackStore } from './playback/playback-store';
import type { McView, PageFrame, RunView } from './run-store';
import { Timeline } from './Timeline';

/** What the page asks of MC-dropout: whether to draw its band, and from how many passes. */
export interface McRequest {
  readonly on: boolean;
  readonly samples: number;
}

export interface McControls extends McRequest {
  readonly change: (change: Partial<McRequest>) => void;
  /** the latest band computed */
  readonly view: McView | null;
}

export interface FitPanelProps {
  readonly view: RunView;
  /** the frame on screen */
  readonly frame: PageFrame | null;
  /** true when `frame` is a dragged slider's preview (the whole run's last frame) */
  readonly previewing: boolean;
  readonly ghost: GhostFrame | null;
  /** the playhead, which the timeline follows itself (at once, not deferred as the rest) */
  readonly playback: PlaybackStore;
  readonly animationMs: number;
  readonly bands: readonly BandSeries[];
  readonly mc: McControls;
  /** the training points, editable on the chart */
  readonly points: OwnPointsEditing;
  readonly onSeek: (index: number) => void;
}

/** The fit chart's section: the skip link's target. */
export const FIT_CHART_ID = 'fit-chart';

/**
 * Where the MC-dropout band stands: computing (asked, not answered yet), waiting (the trainer
 * runs: the band comes when it stops), ready (the band is of the trainer's latest epoch).
 */
export function mcState(mc: McControls, view: RunView): 'computing' | 'waiting' | 'ready' {
  if (mc.view !== null && mc.view.epoch === view.worker.epoch && mc.view.predictions.length === mc.samples) return 'ready';
  return view.worker.running ? 'waiting' : 'computing';
}

function mcStatusText(t: Translate, mc: McControls, view: RunView): string {
  const state = mcState(mc, view);
  const shown = mc.view
    ? t('fit.mcStatus', { passes: mc.view.predictions.length, epoch: mc.view.epoch }) + (mc.view.pDrop === 0 ? t('fit.mcNoDropout') : '')
    : '';
  if (state === 'ready') return shown;
  if (state === 'computing') return t('fit.mcComputing', { samples: mc.samples });
  return shown ? shown + t('fit.mcStale') : t('fit.mcWaiting');
}

function FitPanelView(p: FitPanelProps): ReactNode {
  const { view, frame, mc } = p;
  const { t } = useLocale();
  const run = view.current;
  return (
    <section className="panel" id={FIT_CHART_ID} tabIndex={-1} aria-labelledby="main-chart-title">
      <div className="panel-head">
        <PanelTitle id="main-chart-title" topic={t('topic.chart.fit')} help={t('explain.chart.fit')}>
          {t('fit.title')}{' '}
          {frame ? <small>{p.previewing ? t('fit.preview', { epoch: frame.epoch }) : t('fit.at', { epoch: frame.epoch })}</small> : null}
        </PanelTitle>
        <div className="mc-toggle small">
          <label>
            <input type="checkbox" checked={mc.on} onChange={(e) => mc.change({ on: e.currentTarget.checked })} /> {t('fit.mc')}
          </label>
          <label>
            {' '}
            T{' '}
            <input
              type="number"
              min={2}
              max={256}
              value={mc.samples}
              aria-label={t('fit.mcSamples')}
              onChange={(e) => mc.change({ samples: Math.max(2, Math.min(256, Math.round(Number(e.currentTarget.value) || 2))) })}
            />
          </label>
          {mc.on ? (
            <span className="muted" data-testid="mc-status" data-state={mcState(mc, view)} aria-live="polite">
              {' '}
              {mcStatusText(t, mc, view)}
            </span>
          ) : null}
        </div>
        <ul className="test-losses" aria-label={t('fit.testLosses')} data-testid="test-losses">
          {(run?.nets ?? []).map((n, i) => {
            const net = frame?.nets[i];
            const divergedAt = net?.divergedAt ?? null;
            const ghostNet = p.ghost?.frame.nets[i];
            return (
              <li key={n.name} style={{ borderColor: netColor(i) }} data-testid={`test-loss-${n.name}`}>
                <span className="swatch" style={{ background: netColor(i) }} />
                {t('fit.testMse', { net: t(`net.${n.name}`, { defaultValue: n.label }) })}{' '}
                <strong data-testid={`test-mse-${n.name}`}>{formatLoss(net?.testMse)}</strong>
                {ghostNet ? <span className="muted ghost-loss"> {t('fit.before', { mse: formatLoss(ghostNet.testMse) })}</span> : null}
                {divergedAt !== null ? <span className="diverged"> {t('fit.divergedAt', { epoch: divergedAt })}</span> : null}
              </li>
            );
          })}
        </ul>
      </div>
      {p.ghost ? (
        <p className="small muted ghost-legend" data-testid="ghost">
          {t('fit.ghostLegend', { label: p.ghost.label })}
        </p>
      ) : null}
      {p.points.editing ? (
        <div className="notice info small" role="status" data-testid="edit-hint">
          <span>{t('fit.editHint')}</span>
          <button type="button" onClick={() => p.points.setEditing(false)}>
            {t('fit.done')}
          </button>
        </div>
      ) : null}
      <MainChart
        data={run?.data ?? null}
        frame={frame}
        ghost={p.ghost}
        animationMs={p.animationMs}
        registryName="main"
        bands={p.bands}
        onEditPoints={p.points.editing ? p.points.apply : undefined}
      />
      <Timeline
        playback={p.playback}
        epochs={run?.epochs ?? []}
        total={run?.appliedSettings.epochs ?? 0}
        computed={view.worker.epoch}
        onSeek={p.onSeek}
      />
    </section>
  );
}

/** memo: the fit section re-renders with every frame on screen; the panel only once its deferred props change */
export const FitPanel = memo(FitPanelView);
