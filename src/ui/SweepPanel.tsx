// Grid sweep: dropout rate × weight decay of the regularized net, every cell a model of ONE batched
// experiment, trained in a batch worker. A heatmap of test MSE (final or best) fills at every
// checkpoint; hovering shows a cell's numbers; clicking loads its setting into the main view.

import { useState, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import type { BackendPreference } from '../worker/protocol';
import { useBatchJob } from './batch-client';
import { heatCells, heatColor, type HeatCell } from './batch-state';
import { formatLoss } from './chart-data';
import { JobChoice, JobError, ResourceRefusal } from './JobChoice';
import { ASK_ABOVE_SECONDS, jobModels } from '../worker/job-estimate';

const MAX_SIDE = 16;

function wdText(v: number): string {
  return v === 0 ? '0' : v.toExponential(0);
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
  onLoad: (dropout: number, weightDecay: number) => void;
}): ReactNode {
  const { state, start, stop } = useBatchJob('sweep');
  const [rows, setRows] = useState(8);
  const [cols, setCols] = useState(8);
  const [metric, setMetric] = useState<'final' | 'best'>('final');
  const [hover, setHover] = useState<HeatCell | null>(null);
  const [loaded, setLoaded] = useState<HeatCell | null>(null);
  const cells = heatCells(state);
  const values = cells.map((c) => (metric === 'final' ? c.final : c.best)).filter((v) => Number.isFinite(v) && v > 0);
  const lo = values.length ? Math.min(...values) : NaN;
  const hi = values.length ? Math.max(...values) : NaN;
  const running = state.phase === 'starting' || state.phase === 'running';
  const clampSide = (v: number): number => Math.max(1, Math.min(MAX_SIDE, Math.round(Number.isFinite(v) ? v : 1)));
  const axisCols = state.axes?.weightDecay.length ?? 0;
  const bestCell = cells.reduce<HeatCell | null>((b, c) => {
    const v = metric === 'final' ? c.final : c.best;
    if (!Number.isFinite(v)) return b;
    return b === null || v < (metric === 'final' ? b.final : b.best) ? c : b;
  }, null);

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
          Dropout rates (rows)
          <input
            type="number"
            min={1}
            max={MAX_SIDE}
            value={rows}
            aria-label="Grid rows"
            onChange={(e) => setRows(clampSide(Number(e.currentTarget.value)))}
          />
        </label>
        <label>
          Weight decays (columns)
          <input
            type="number"
            min={1}
            max={MAX_SIDE}
            value={cols}
            aria-label="Grid columns"
            onChange={(e) => setCols(clampSide(Number(e.currentTarget.value)))}
          />
        </label>
        <label>
          Show
          <select
            value={metric}
            aria-label="Heatmap metric"
            onChange={(e) => setMetric(e.currentTarget.value === 'best' ? 'best' : 'final')}
          >
            <option value="final">final test MSE</option>
            <option value="best">best test MSE</option>
          </select>
        </label>
        {running ? (
          <button type="button" onClick={stop}>
            Stop sweep
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
            Run sweep
          </button>
        )}
      </div>
      <p className="muted small">
        {rows * cols} models of the regularized net ({settings.layers}×{settings.hidden} hidden, {settings.optimizer}, lr{' '}
        {settings.lrRegularized}, L1 {settings.l1}), {settings.epochs} epochs, trained concurrently as one batched experiment on the current
        data.
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
            ? 'Starting…'
            : state.phase === 'confirm' || state.phase === 'too-big'
              ? 'Waiting for your choice'
              : `Epoch ${state.epoch} / ${state.epochs}`}
          {state.job && (state.phase === 'running' || state.phase === 'done') ? ` · ${jobModels(state.job)} models` : ''}
          {state.backend ? ` · ${state.backend.description}` : ''}
          {state.phase === 'done' && state.stopped ? ' · stopped' : ''}
          {state.phase === 'done' && !state.stopped && state.ms !== null ? ` · done in ${(state.ms / 1000).toFixed(1)} s` : ''}
        </p>
      ) : null}
      {state.axes ? (
        <>
          <div
            className="heatmap"
            role="grid"
            aria-label="Test MSE by dropout rate and weight decay"
            style={{ gridTemplateColumns: `64px repeat(${axisCols}, 46px)` }}
          >
            <div className="axis">p \ wd</div>
            {state.axes.weightDecay.map((wd) => (
              <div key={`wd${wd}`} className="axis">
                {wdText(wd)}
              </div>
            ))}
            {state.axes.dropout.map((p, row) => (
              <div key={`row${p}`} role="row" style={{ display: 'contents' }}>
                <div className="axis">p {p.toFixed(2)}</div>
                {cells
                  .filter((c) => c.row === row)
                  .map((c) => {
                    const v = metric === 'final' ? c.final : c.best;
                    return (
                      <button
                        key={c.index}
                        type="button"
                        role="gridcell"
                        className="cell"
                        data-testid={`cell-${c.row}-${c.col}`}
                        data-value={Number.isFinite(v) ? v : ''}
                        aria-label={`dropout ${c.dropout.toFixed(2)}, weight decay ${wdText(c.weightDecay)}: final test MSE ${formatLoss(c.final)}, best ${formatLoss(c.best)}`}
                        title={`dropout ${c.dropout.toFixed(2)} · weight decay ${wdText(c.weightDecay)}\nfinal test MSE ${formatLoss(c.final)} · best ${formatLoss(c.best)}\nclick to load this setting`}
                        style={{
                          background: heatColor(v, lo, hi),
                          color: Number.isFinite(v) && hi > lo && Math.log(v / lo) / Math.log(hi / lo) > 0.6 ? '#111' : '#fff',
                          outline: bestCell === c ? '2px solid #e53' : undefined,
                        }}
                        onMouseEnter={() => setHover(c)}
                        onFocus={() => setHover(c)}
                        onMouseLeave={() => setHover(null)}
                        onClick={() => {
                          setLoaded(c);
                          onLoad(c.dropout, c.weightDecay);
                        }}
                      >
                        {Number.isFinite(v) ? v.toFixed(3) : '·'}
                      </button>
                    );
                  })}
              </div>
            ))}
          </div>
          <p className="small sweep-tooltip" data-testid="sweep-hover" aria-live="polite">
            {hover
              ? `dropout ${hover.dropout.toFixed(2)}, weight decay ${wdText(hover.weightDecay)}: final test MSE ${formatLoss(hover.final)}, best ${formatLoss(hover.best)}`
              : bestCell
                ? `Lowest ${metric} test MSE: ${formatLoss(metric === 'final' ? bestCell.final : bestCell.best)} at dropout ${bestCell.dropout.toFixed(2)}, weight decay ${wdText(bestCell.weightDecay)} (outlined). Hover a cell for its numbers; click to load it.`
                : 'Hover a cell for its numbers; click to load it.'}
          </p>
          {loaded ? (
            <p className="small muted" data-testid="sweep-loaded">
              Loaded dropout {loaded.dropout.toFixed(2)}, weight decay {wdText(loaded.weightDecay)} into the main view.
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
