// The fit panel: both nets' curves at the frame on screen (or a slider's preview), their test
// losses, the ghost of the previous run, MC-dropout bands, point editing, and the epoch timeline.

import type { ReactNode } from 'react';
import type { TrainingPoints } from '../experiment/types';
import { formatLoss, netColor, type BandSeries, type GhostFrame } from './chart-data';
import { CHART_EXPLANATIONS, CHART_TOPICS } from './explanations';
import { MainChart } from './MainChart';
import { PanelTitle } from './PanelTitle';
import type { PlayheadState } from './playback/playhead';
import type { McView, PageFrame, RunView } from './run-store';
import { Timeline } from './Timeline';

export interface McControls {
  readonly on: boolean;
  readonly setOn: (on: boolean) => void;
  readonly samples: number;
  readonly setSamples: (n: number) => void;
  readonly view: McView | null;
}

export interface FitPanelProps {
  readonly view: RunView;
  /** the frame on screen */
  readonly frame: PageFrame | null;
  /** true when `frame` is a dragged slider's preview (the whole run's last frame) */
  readonly previewing: boolean;
  readonly ghost: GhostFrame | null;
  readonly play: PlayheadState;
  readonly animationMs: number;
  readonly bands: readonly BandSeries[];
  readonly mc: McControls;
  readonly editing: boolean;
  readonly onEditing: (on: boolean) => void;
  readonly onEditPoints: (points: TrainingPoints) => void;
  readonly onSeek: (index: number) => void;
}

/** The fit chart's section: the skip link's target. */
export const FIT_CHART_ID = 'fit-chart';

export const MC_STRINGS = {
  computing: (samples: number): string => `computing ${samples} passes…`,
  waiting: 'computed when training pauses or ends',
  passes: (samples: number, epoch: number): string => `${samples} passes at epoch ${epoch}`,
  noDropout: ' (dropout rate 0: no uncertainty to show)',
  stale: '; updated when training pauses or ends',
} as const;

/**
 * Where the MC-dropout band stands: computing (asked, not answered yet), waiting (the trainer
 * runs: the band comes when it stops), ready (the band is of the trainer's latest epoch).
 */
export function mcState(mc: McControls, view: RunView): 'computing' | 'waiting' | 'ready' {
  if (mc.view !== null && mc.view.epoch === view.worker.epoch && mc.view.predictions.length === mc.samples) return 'ready';
  return view.worker.running ? 'waiting' : 'computing';
}

function mcStatusText(mc: McControls, view: RunView): string {
  const state = mcState(mc, view);
  const shown = mc.view
    ? MC_STRINGS.passes(mc.view.predictions.length, mc.view.epoch) + (mc.view.pDrop === 0 ? MC_STRINGS.noDropout : '')
    : '';
  if (state === 'ready') return shown;
  if (state === 'computing') return MC_STRINGS.computing(mc.samples);
  return shown ? shown + MC_STRINGS.stale : MC_STRINGS.waiting;
}

export function FitPanel(p: FitPanelProps): ReactNode {
  const { view, frame, mc } = p;
  const run = view.current;
  return (
    <section className="panel" id={FIT_CHART_ID} tabIndex={-1} aria-labelledby="main-chart-title">
      <div className="panel-head">
        <PanelTitle id="main-chart-title" topic={CHART_TOPICS.fit} help={CHART_EXPLANATIONS.fit}>
          Fit {frame ? <small>{p.previewing ? `preview of the whole run: epoch ${frame.epoch}` : `at epoch ${frame.epoch}`}</small> : null}
        </PanelTitle>
        <div className="mc-toggle small">
          <label>
            <input type="checkbox" checked={mc.on} onChange={(e) => mc.setOn(e.currentTarget.checked)} /> MC-dropout uncertainty
          </label>
          <label>
            {' '}
            T{' '}
            <input
              type="number"
              min={2}
              max={256}
              value={mc.samples}
              aria-label="MC-dropout samples"
              onChange={(e) => mc.setSamples(Math.max(2, Math.min(256, Math.round(Number(e.currentTarget.value) || 2))))}
            />
          </label>
          {mc.on ? (
            <span className="muted" data-testid="mc-status" data-state={mcState(mc, view)} aria-live="polite">
              {' '}
              {mcStatusText(mc, view)}
            </span>
          ) : null}
        </div>
        <ul className="test-losses" aria-label="Test losses" data-testid="test-losses">
          {(run?.nets ?? []).map((n, i) => {
            const net = frame?.nets[i];
            const divergedAt = net?.divergedAt ?? null;
            const ghostNet = p.ghost?.frame.nets[i];
            return (
              <li key={n.name} style={{ borderColor: netColor(i) }} data-testid={`test-loss-${n.name}`}>
                <span className="swatch" style={{ background: netColor(i) }} />
                {n.label}: test MSE <strong data-testid={`test-mse-${n.name}`}>{formatLoss(net?.testMse)}</strong>
                {ghostNet ? <span className="muted ghost-loss"> ({formatLoss(ghostNet.testMse)} before)</span> : null}
                {divergedAt !== null ? <span className="diverged"> · diverged at epoch {divergedAt}</span> : null}
              </li>
            );
          })}
        </ul>
      </div>
      {p.ghost ? (
        <p className="small muted ghost-legend" data-testid="ghost">
          Dashed: the previous run at the same epoch ({p.ghost.label}).
        </p>
      ) : null}
      {p.editing ? (
        <div className="notice info small" role="status" data-testid="edit-hint">
          <span>
            Editing training points: click adds a point, drag moves one, right-click or Delete removes one. Each edit restarts the run.
          </span>
          <button type="button" onClick={() => p.onEditing(false)}>
            Done
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
        onEditPoints={p.editing ? p.onEditPoints : undefined}
      />
      <Timeline
        state={p.play}
        epochs={run?.epochs ?? []}
        total={run?.appliedSettings.epochs ?? 0}
        computed={view.worker.epoch}
        onSeek={p.onSeek}
      />
    </section>
  );
}
