// Grid sweep: dropout rate × weight decay of the regularized net, every cell a model of ONE batched
// experiment, trained in a batch worker. A heatmap of test MSE (final or best) fills at every
// checkpoint; hovering or focusing a cell shows its numbers; clicking it (or Enter) loads its
// setting into the main view, which replays the run with it.

import { useState, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import type { BackendPreference, ChangeMode } from '../worker/protocol';
import { useBatchJob } from './batch-client';
import { activeJob, heatCells, type HeatCell } from './batch-state';
import { formatLoss } from './chart-data';
import { Heatmap, dropoutText, valueOf, weightDecayText, type HeatMetric } from './Heatmap';
import { JobChoice, JobError, ResourceRefusal } from './JobChoice';
import { ASK_ABOVE_SECONDS, describeJob } from '../worker/job-estimate';
import './batch-panels.css';

const MAX_SIDE = 16;

export const SWEEP_STRINGS = {
  rows: 'Dropout rates (rows)',
  rowsName: 'Grid rows',
  cols: 'Weight decays (columns)',
  colsName: 'Grid columns',
  show: 'Show',
  showName: 'Heatmap metric',
  metrics: { final: 'final test MSE', best: 'best test MSE' } as Record<HeatMetric, string>,
  run: 'Run sweep',
  stop: 'Stop sweep',
  describe: (models: number, grid: string, s: Settings): string =>
    `${models} models${grid} of the regularized net (${s.layers}×${s.hidden} hidden, ${s.optimizer}, lr ${s.lrRegularized}, L1 ${s.l1}), ${s.epochs} epochs, trained concurrently as one batched experiment on the current data.`,
  gridOf: (rows: number, cols: number): string => ` (a ${rows}×${cols} grid)`,
  failed: (error: string): string => `Sweep failed: ${error}`,
  starting: 'Starting…',
  waiting: 'Waiting for your choice',
  epoch: (epoch: number, epochs: number): string => `Epoch ${epoch} / ${epochs}`,
  doneIn: (ms: number): string => ` · done in ${(ms / 1000).toFixed(1)} s`,
  cellNumbers: (p: string, wd: string, final: string, best: string): string =>
    `dropout ${p}, weight decay ${wd}: final test MSE ${final}, best ${best}`,
  lowest: (metric: string, v: string, p: string, wd: string): string =>
    `Lowest ${metric}: ${v} at dropout ${p}, weight decay ${wd} (outlined).`,
  hint: 'Hover or focus a cell for its numbers; click it or press Enter to load it.',
  loaded: (p: string, wd: string, how: ChangeMode): string =>
    `Loaded dropout ${p} and weight decay ${wd}, this cell’s exact setting: ${
      how === 'replay' ? 'the run replays from epoch 0 with it' : 'the run continues with it from the epoch on screen (On change)'
    }.`,
} as const;

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
  const { state, start, stop } = useBatchJob('sweep');
  const [rows, setRows] = useState(8);
  const [cols, setCols] = useState(8);
  const [metric, setMetric] = useState<HeatMetric>('final');
  const [hover, setHover] = useState<HeatCell | null>(null);
  const [loaded, setLoaded] = useState<{ cell: HeatCell; how: ChangeMode } | null>(null);
  const cells = heatCells(state);
  const running = state.phase === 'starting' || state.phase === 'running';
  const clampSide = (v: number): number => Math.max(1, Math.min(MAX_SIDE, Math.round(Number.isFinite(v) ? v : 1)));
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
  const numbers = (c: HeatCell): string =>
    SWEEP_STRINGS.cellNumbers(dropoutText(c.dropout), weightDecayText(c.weightDecay), formatLoss(c.final), formatLoss(c.best));

  return (
    <div
      className="sweep"
      data-testid="sweep"
      data-phase={state.phase}
      data-stop-ms={state.stopEnded?.ms}
      data-stop-terminated={state.stopEnded?.terminated}
    >
      <div className="sweep-controls">
        <label>
          {SWEEP_STRINGS.rows}
          <input
            type="number"
            min={1}
            max={MAX_SIDE}
            value={rows}
            aria-label={SWEEP_STRINGS.rowsName}
            onChange={(e) => setRows(clampSide(Number(e.currentTarget.value)))}
          />
        </label>
        <label>
          {SWEEP_STRINGS.cols}
          <input
            type="number"
            min={1}
            max={MAX_SIDE}
            value={cols}
            aria-label={SWEEP_STRINGS.colsName}
            onChange={(e) => setCols(clampSide(Number(e.currentTarget.value)))}
          />
        </label>
        <label>
          {SWEEP_STRINGS.show}
          <select
            value={metric}
            aria-label={SWEEP_STRINGS.showName}
            onChange={(e) => setMetric(e.currentTarget.value === 'best' ? 'best' : 'final')}
          >
            <option value="final">{SWEEP_STRINGS.metrics.final}</option>
            <option value="best">{SWEEP_STRINGS.metrics.best}</option>
          </select>
        </label>
        {running ? (
          <button type="button" onClick={stop}>
            {SWEEP_STRINGS.stop}
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
            {SWEEP_STRINGS.run}
          </button>
        )}
      </div>
      <p className="muted small" data-testid="sweep-description">
        {SWEEP_STRINGS.describe(shown.rows * shown.cols, SWEEP_STRINGS.gridOf(shown.rows, shown.cols), settings)}
      </p>
      <JobChoice
        state={state}
        testId="sweep-estimate"
        onRun={(job, note) => start(job, settings, preference, data, { askAboveSeconds: null, note })}
      />
      <ResourceRefusal
        state={state}
        testId="sweep-too-big"
        onRun={(job, note) => start(job, settings, preference, data, { askAboveSeconds: ASK_ABOVE_SECONDS, note })}
      />
      {state.reduced ? (
        <div className="notice warning" role="status" data-testid="sweep-reduced">
          {state.reduced}
        </div>
      ) : null}
      <JobError state={state} what="Sweep" />
      {state.phase !== 'idle' ? (
        <p className="small" data-testid="sweep-status">
          {state.phase === 'starting'
            ? SWEEP_STRINGS.starting
            : state.phase === 'confirm' || state.phase === 'too-big'
              ? SWEEP_STRINGS.waiting
              : SWEEP_STRINGS.epoch(state.epoch, state.epochs)}
          {state.job && state.phase !== 'starting' && state.phase !== 'confirm' && state.phase !== 'too-big'
            ? ` · ${describeJob(state.job)}`
            : ''}
          {state.backend ? ` · ${state.backend.description}` : ''}
          {state.phase === 'done' && state.stopped ? ' · stopped' : ''}
          {state.phase === 'done' && !state.stopped && state.ms !== null ? SWEEP_STRINGS.doneIn(state.ms) : ''}
        </p>
      ) : null}
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
            {hover ? numbers(hover) : null}
            {!hover && bestCell
              ? `${SWEEP_STRINGS.lowest(
                  SWEEP_STRINGS.metrics[metric],
                  formatLoss(valueOf(bestCell, metric)),
                  dropoutText(bestCell.dropout),
                  weightDecayText(bestCell.weightDecay),
                )} `
              : null}
            {!hover ? SWEEP_STRINGS.hint : null}
          </p>
          <p className="small muted" role="status" data-testid="sweep-loaded">
            {loaded ? SWEEP_STRINGS.loaded(dropoutText(loaded.cell.dropout), weightDecayText(loaded.cell.weightDecay), loaded.how) : null}
          </p>
        </>
      ) : null}
    </div>
  );
}
