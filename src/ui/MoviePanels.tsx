// The panels that play: the fit chart at the frame on screen (with the ghost and the timeline),
// divergence notes, the loss chart up to that epoch, the film-strip, the weights at the checkpoint
// on screen and the exports. Each subscribes to the run and playback stores itself, so a new frame
// on screen re-renders these, not the whole page.

import { useCallback, useDeferredValue, useMemo, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import { netLabel, sameTraining, type BandSeries, type GhostFrame } from './chart-data';
import { ExportPanel } from './ExportPanel';
import { FilmStrip } from './FilmStrip';
import { FitPanel, type McControls } from './FitPanel';
import { ghostLabel } from './ghost';
import type { OwnPointsEditing } from './hooks/usePageSettings';
import { useSelector } from './hooks/useSelector';
import { usePanelView } from './hooks/usePanelView';
import type { Translate } from './i18n/i18n';
import { useLocale } from './i18n/useLocale';
import { LossChart } from './LossChart';
import { PanelTitle } from './PanelTitle';
import type { PlaybackStore } from './playback/playback-store';
import { frameAtOrBefore, weightsAtOrBefore, type NetSeries, type RunStore, type RunView } from './run-store';
import { WeightsPanel } from './WeightsPanel';
import { isPlaying, shownEpochOf, type PlayheadState } from './playback/playhead';

/** The shortest tween (ms) while playing, so even Max morphs a little. */
const MIN_TWEEN_MS = 80;

const whole = (v: RunView): RunView => v;
const tweenMsOf = (s: PlayheadState): number => s.tweenMs;
const NO_SERIES: NetSeries[] = [];

/** A panel of one chart, titled `panel.<name>` with its "?" (`topic.chart.<name>`, `explain.chart.<name>`). */
function ChartPanel({ name, children }: { name: 'loss' | 'checkpoints' | 'weights'; children: ReactNode }): ReactNode {
  const { t } = useLocale();
  const titleId = `${name}-panel-title`;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <PanelTitle id={titleId} topic={t(`topic.chart.${name}`)} help={t(`explain.chart.${name}`)}>
        {t(`panel.${name}`)}
      </PanelTitle>
      {children}
    </section>
  );
}

export interface MovieProps {
  readonly store: RunStore;
  readonly playback: PlaybackStore;
  readonly compare: boolean;
}

/** The ghost's label and the previous run to draw, when comparing. */
function useGhostRun(t: Translate, view: RunView, compare: boolean): { previous: RunView['previous']; label: string } {
  const previous = compare ? view.previous : null;
  const run = view.current;
  const label = previous && run ? ghostLabel(t, previous.appliedSettings, run.appliedSettings) : '';
  return { previous, label };
}

export function FitSection(
  p: MovieProps & {
    readonly bands: readonly BandSeries[];
    readonly mc: McControls;
    readonly points: OwnPointsEditing;
  },
): ReactNode {
  const { t } = useLocale();
  // the charts follow the run and the playhead in a deferred render, which React can split and
  // interrupt: the timeline (which follows the playhead itself) moves at once, the panel after, and
  // no frame's redraw is one long task
  const view = useDeferredValue(useSelector(p.store, whole));
  const shownEpoch = useDeferredValue(useSelector(p.playback, shownEpochOf));
  const { previous, label } = useGhostRun(t, view, p.compare);
  const frame = view.preview?.frame ?? frameAtOrBefore(view.current, shownEpoch);
  const ghostFrame = previous ? frameAtOrBefore(previous, frame?.epoch ?? shownEpoch) : null;
  // the nets the change did not touch, by their losses (the runs' frames need not fall on the same
  // epochs); at epoch 0 there is no loss yet, and the curves themselves tell (mainChartSeries)
  const run = view.current;
  const untouchedKey =
    ghostFrame && previous && ghostFrame.epoch > 0
      ? previous.series.map((s, i) => (sameTraining(run?.series[i], s, ghostFrame.epoch) ? '1' : '0')).join('')
      : '';
  // the same object while the frames stay (a new one restarts the chart's tween)
  const ghost = useMemo(
    (): GhostFrame | null => (ghostFrame ? { frame: ghostFrame, label, untouched: [...untouchedKey].map((c) => c === '1') } : null),
    [ghostFrame, label, untouchedKey],
  );
  // in steps of 20 ms: the chart's options change only when the pace does
  const moving = useSelector(p.playback, isPlaying);
  const tweenMs = useSelector(p.playback, tweenMsOf);
  const animationMs = useDeferredValue(view.preview ? 0 : moving ? Math.round(Math.max(MIN_TWEEN_MS, tweenMs) / 20) * 20 : 200);
  const { playback } = p;
  const onSeek = useCallback((i: number) => playback.seek(i), [playback]);
  const divergence = view.current?.series.filter((s) => s.divergedAt !== null && s.divergedAt <= shownEpoch) ?? [];
  return (
    <>
      <FitPanel
        view={view}
        frame={frame}
        previewing={view.preview !== null}
        ghost={ghost}
        playback={p.playback}
        animationMs={animationMs}
        bands={p.bands}
        mc={p.mc}
        points={p.points}
        onSeek={onSeek}
      />
      {divergence.length > 0 ? (
        <div className="notice warning" role="status" data-testid="divergence">
          {divergence.map((s) => (
            <div key={s.name}>{t('fit.diverged', { net: netLabel(t, s), epoch: s.divergedAt })}</div>
          ))}
        </div>
      ) : null}
    </>
  );
}

export function LossSection(p: MovieProps & { readonly bands?: readonly BandSeries[] }): ReactNode {
  const { t } = useLocale();
  // its marker and its series move in steps while playing
  const { view, epoch } = usePanelView(p.store, p.playback);
  const { previous, label } = useGhostRun(t, view, p.compare);
  const ghost = useMemo(() => (previous ? { series: previous.series, label } : null), [previous, label]);
  return (
    <ChartPanel name="loss">
      <LossChart
        series={view.current?.series ?? NO_SERIES}
        version={view.current?.revision ?? 0}
        upTo={epoch}
        ghost={ghost}
        bands={p.bands}
      />
    </ChartPanel>
  );
}

const checkpointsOf = (v: RunView) => v.current?.checkpoints ?? null;
const dataOf = (v: RunView) => v.current?.data ?? null;

export function CheckpointsSection({ store }: { store: RunStore }): ReactNode {
  // deferred: a fast backend brings many checkpoints at once, and their thumbnails can wait
  const checkpoints = useDeferredValue(useSelector(store, checkpointsOf));
  const data = useDeferredValue(useSelector(store, dataOf));
  return (
    <ChartPanel name="checkpoints">
      <FilmStrip frames={checkpoints ?? []} data={data} />
    </ChartPanel>
  );
}

export function WeightsSection({ store, playback }: Omit<MovieProps, 'compare'>): ReactNode {
  const { view, epoch } = usePanelView(store, playback);
  return (
    <ChartPanel name="weights">
      <WeightsPanel weights={weightsAtOrBefore(view.current, epoch)} />
    </ChartPanel>
  );
}

export function ExportSection({ store, playback, settings }: Omit<MovieProps, 'compare'> & { readonly settings: Settings }): ReactNode {
  // as the playing panels: exports follow the frame on screen without holding it up
  const { view, epoch } = usePanelView(store, playback);
  const { t } = useLocale();
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('panel.export')}</h2>
      <ExportPanel view={view} settings={settings} weights={weightsAtOrBefore(view.current, epoch)} />
    </section>
  );
}
