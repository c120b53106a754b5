// Grid sweep: dropout rate × weight decay of the regularized net, every cell a model of ONE batched
// experiment, trained in a batch worker. A heatmap of test MSE (final or best) fills at every
// checkpoint; hovering or focusing a cell shows its numbers; clicking it (or Enter) loads its
// setting into the main view, which replays the run with it.

import { useState, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import { ASK_ABOVE_SECONDS } from '../worker/job-estimate';
import type { BackendPreference, ChangeMode } from '../worker/protocol';
import { useBatchJob } from './batch-client';
import { BatchJobStatus } from './BatchJobStatus';
import { activeJob, heatCells, type HeatCell } from './batch-state';
import { formatLoss } from './chart-data';
import { Heatmap, cellText, dropoutText, valueOf, weightDecayText, type HeatMetric } from './Heatmap';
import { useLocale } from './i18n/useLocale';
import './batch-panels.css';

const MAX_SIDE = 16;

const clampSide = (v: number): number => Math.max(1, Math.min(MAX_SIDE, Math.round(Number.isFinite(v) ? v : 1)));

/** One side of the grid (rows or columns): a labelled number field of 1…MAX_SIDE. */
function SideInput({
  label,
  name,
  value,
  onChange,
}: {
  label: string;
  name: string;
  value: number;
  onChange: (v: number) => void;
}): ReactNode {
  return (
    <label>
      {label}
      <input
        type="number"
        min={1}
        max={MAX_SIDE}
        value={value}
        aria-label={name}
        onChange={(e) => onChange(clampSide(Number(e.currentTarget.value)))}
      />
    </label>
  );
}

export function SweepPanel({
  settings,
  preference,
  data,
  onLoad,
}: {
  settings: Settings;
  preference: BackendPreference;
  data: Dataset | null;
  /** loads a cell's setting; says whether the run replays with it or continues (On change) */
  onLoad: (dropout: number, weightDecay: number) => ChangeMode;
}): ReactNode {
  const { t } = useLocale();
  const { state, start, stop } = useBatchJob('sweep');
  const [rows, setRows] = useState(8);
  const [cols, setCols] = useState(8);
  const [metric, setMetric] = useState<HeatMetric>('final');
  const [hover, setHover] = useState<HeatCell | null>(null);
  const [loaded, setLoaded] = useState<{ cell: HeatCell; how: ChangeMode } | null>(null);
  const cells = heatCells(state);
  const running = state.phase === 'starting' || state.phase === 'running';
  // the lowest cell is named only once the sweep is done (before, it is the lowest so far)
  const bestCell =
    state.phase !== 'done'
      ? null
      : cells.reduce<HeatCell | null>((b, c) => {
          const v = valueOf(c, metric);
          if (!Number.isFinite(v)) return b;
          return b === null || v < valueOf(b, metric) ? c : b;
        }, null);
  // while a job runs, the text describes the job that runs (it may be a reduced one)
  const runningJob = activeJob(state);
  const shown = runningJob?.kind === 'grid' ? runningJob : { rows, cols };

  return (
    <div className="sweep" data-testid="sweep" data-phase={state.phase}>
      <div className="sweep-controls">
        <SideInput label={t('sweep.rows')} name={t('sweep.rowsName')} value={rows} onChange={setRows} />
        <SideInput label={t('sweep.cols')} name={t('sweep.colsName')} value={cols} onChange={setCols} />
        <label>
          {t('sweep.show')}
          <select
            value={metric}
            aria-label={t('sweep.showName')}
            onChange={(e) => setMetric(e.currentTarget.value === 'best' ? 'best' : 'final')}
          >
            <option value="final">{t('sweep.metrics.final')}</option>
            <option value="best">{t('sweep.metrics.best')}</option>
          </select>
        </label>
        {running ? (
          <button type="button" onClick={stop}>
            {t('sweep.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!data}
            onClick={() =>
              start({ kind: 'grid', rows, cols }, settings, preference, data, { askAboveSeconds: ASK_ABOVE_SECONDS, note: null })
            }
          >
            {t('sweep.run')}
          </button>
        )}
      </div>
      <p className="muted small" data-testid="sweep-description">
        {t('sweep.describe', {
          models: shown.rows * shown.cols,
          rows: shown.rows,
          cols: shown.cols,
          layers: settings.layers,
          hidden: settings.hidden,
          optimizer: t(`option.${settings.optimizer}`),
          lr: settings.lrRegularized,
          l1: settings.l1,
          epochs: settings.epochs,
        })}
      </p>
      <BatchJobStatus
        name="sweep"
        state={state}
        onRun={(job, note) => start(job, settings, preference, data, { askAboveSeconds: null, note })}
      />
      {state.axes ? (
        <>
          <Heatmap
            cells={cells}
            dropouts={state.axes.dropout}
            weightDecays={state.axes.weightDecay}
            metric={metric}
            best={bestCell}
            onActive={setHover}
            onLoad={(c) => setLoaded({ cell: c, how: onLoad(c.dropout, c.weightDecay) })}
          />
          <p className="small sweep-tooltip" data-testid="sweep-hover">
            {hover ? cellText(t, hover) : null}
            {!hover && bestCell
              ? `${t('sweep.lowest', {
                  metric: t(`sweep.metrics.${metric}`),
                  value: formatLoss(valueOf(bestCell, metric)),
                  p: dropoutText(bestCell.dropout),
                  wd: weightDecayText(bestCell.weightDecay),
                })} `
              : null}
            {!hover ? t('sweep.hint') : null}
          </p>
          <p className="small muted" role="status" data-testid="sweep-loaded">
            {loaded
              ? t(`sweep.loaded.${loaded.how}`, { p: dropoutText(loaded.cell.dropout), wd: weightDecayText(loaded.cell.weightDecay) })
              : null}
          </p>
        </>
      ) : null}
    </div>
  );
}
