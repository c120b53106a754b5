// Grid sweep: dropout rate × weight decay of the regularized net, every cell a model of ONE batched
// experiment, trained in a batch worker. A heatmap of test MSE (final or best) fills at every
// checkpoint; hovering or focusing a cell shows its numbers; clicking it (or Enter) loads its
// setting into the main view, which replays the run with it.

import { useState, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import { ASK_ABOVE_SECONDS } from '../worker/job-estimate';
import type { BackendPreference, ChangeMode } from '../worker/protocol';
import { jobStarter, useBatchJob } from './batch-client';
import { BatchJobStatus, batchPanelAttributes } from './BatchJobStatus';
import { LabelledSelect } from './LabelledSelect';
import { RunStopButton } from './RunStopButton';
import { activeJob, heatCells, type HeatCell } from './batch-state';
import { formatLoss } from './chart-data';
import { Heatmap, cellText, dropoutText, valueOf, weightDecayText, type HeatMetric } from './Heatmap';
import { useLocale } from './i18n/useLocale';
import './batch-panels.css';

const MAX_SIDE = 16;
const HEAT_METRICS: readonly HeatMetric[] = ['final', 'best'];

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
  const handle = useBatchJob('sweep');
  const { state, start } = handle;
  const [rows, setRows] = useState(8);
  const [cols, setCols] = useState(8);
  const [metric, setMetric] = useState<HeatMetric>('final');
  const [hover, setHover] = useState<HeatCell | null>(null);
  const [loaded, setLoaded] = useState<{ cell: HeatCell; how: ChangeMode } | null>(null);
  const cells = heatCells(state);
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

  const runAs = jobStarter(start, settings, preference, data);
  const runJob = (): void => runAs({ kind: 'grid', rows, cols }, null, ASK_ABOVE_SECONDS);
  return (
    <div {...batchPanelAttributes('sweep', state)}>
      <div className="sweep-controls">
        <SideInput label={t('sweep.rows')} name={t('sweep.rowsName')} value={rows} onChange={setRows} />
        <SideInput label={t('sweep.cols')} name={t('sweep.colsName')} value={cols} onChange={setCols} />
        <LabelledSelect<HeatMetric>
          label={t('sweep.show')}
          name={t('sweep.showName')}
          value={metric}
          options={HEAT_METRICS}
          text={(m) => t(`sweep.metrics.${m}`)}
          onChange={setMetric}
        />
        <RunStopButton panel="sweep" handle={handle} disabled={!data} onRun={runJob} />
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
        onRun={(job, note) => runAs(job, note, null)}
        onRunLargest={(job, note) => runAs(job, note, ASK_ABOVE_SECONDS)}
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
