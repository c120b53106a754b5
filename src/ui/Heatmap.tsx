// The sweep's heatmap: test MSE by dropout rate (rows) and weight decay (columns), a
// roving-tabindex grid (role=grid, one Tab stop, arrow keys move between cells, Enter or Space
// loads the cell), with exact axis labels and a colour legend of the log scale.

import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SCHEMA } from '../experiment/settings';
import { heatColor, type HeatCell } from './batch-state';
import { formatLoss } from './chart-data';
import { parseColor, readableTextOn } from './contrast';
import { clampPos, gridMove, type GridPos } from './grid-nav';
import { formatValue } from './slider-scale';
import './Heatmap.css';

/** An axis value as the sliders show it (the grid's values are round, so this is exact). */
export const dropoutText = (v: number): string => formatValue(SCHEMA.dropout, v);
export const weightDecayText = (v: number): string => formatValue(SCHEMA.weightDecay, v);

export type HeatMetric = 'final' | 'best';

export const HEATMAP_STRINGS = {
  gridName: 'Test MSE by dropout rate (rows) and weight decay (columns)',
  corner: 'p \\ wd',
  cornerName: 'dropout rate \\ weight decay',
  rowHeader: (p: string): string => `p ${p}`,
  rowHeaderName: (p: string): string => `dropout ${p}`,
  columnHeaderName: (wd: string): string => `weight decay ${wd}`,
  cell: (p: string, wd: string, final: string, best: string): string =>
    `dropout ${p}, weight decay ${wd}: final test MSE ${final}, best ${best}`,
  lowest: 'lowest',
  pending: '·',
  legendName: 'Colour scale of the heatmap',
  legendLow: 'low test MSE',
  legendHigh: 'high',
  legendPending: 'not computed yet',
  legendLowest: 'outline: lowest',
  legendLog: 'log scale',
} as const;

export interface HeatmapProps {
  readonly cells: readonly HeatCell[];
  readonly dropouts: readonly number[];
  readonly weightDecays: readonly number[];
  readonly metric: HeatMetric;
  /** the cell to outline (the lowest, once the sweep is done) */
  readonly best: HeatCell | null;
  readonly onActive: (cell: HeatCell | null) => void;
  readonly onLoad: (cell: HeatCell) => void;
}

export function valueOf(c: HeatCell, metric: HeatMetric): number {
  return metric === 'final' ? c.final : c.best;
}

/** The log-scale range of the finite positive values shown. */
export function heatRange(cells: readonly HeatCell[], metric: HeatMetric): { lo: number; hi: number } | null {
  const values = cells.map((c) => valueOf(c, metric)).filter((v) => Number.isFinite(v) && v > 0);
  return values.length ? { lo: Math.min(...values), hi: Math.max(...values) } : null;
}

function cellText(c: HeatCell): string {
  return HEATMAP_STRINGS.cell(dropoutText(c.dropout), weightDecayText(c.weightDecay), formatLoss(c.final), formatLoss(c.best));
}

export function Heatmap({ cells, dropouts, weightDecays, metric, best, onActive, onLoad }: HeatmapProps): ReactNode {
  const rows = dropouts.length;
  const cols = weightDecays.length;
  const [active, setActive] = useState<GridPos>({ row: 0, col: 0 });
  const at = clampPos(active, rows, cols);
  const cellRefs = useRef(new Map<number, HTMLDivElement>());
  const range = heatRange(cells, metric);
  const template = { gridTemplateColumns: `64px repeat(${cols}, 46px)` };
  const cellAt = (p: GridPos): HeatCell | undefined => cells[p.row * cols + p.col];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const c = cellAt(at);
    if ((e.key === 'Enter' || e.key === ' ') && c) {
      e.preventDefault();
      onLoad(c);
      return;
    }
    const next = gridMove(at, e.key, rows, cols, e.ctrlKey || e.metaKey);
    if (!next) return;
    e.preventDefault();
    setActive(next);
    cellRefs.current.get(next.row * cols + next.col)?.focus();
  };

  return (
    <>
      <div className="heatmap" role="grid" aria-label={HEATMAP_STRINGS.gridName} aria-rowcount={rows + 1} onKeyDown={onKeyDown}>
        <div role="row" className="heatmap-row" style={template}>
          <span role="columnheader" className="axis" aria-label={HEATMAP_STRINGS.cornerName}>
            {HEATMAP_STRINGS.corner}
          </span>
          {weightDecays.map((wd, col) => (
            <span key={col} role="columnheader" className="axis" aria-label={HEATMAP_STRINGS.columnHeaderName(weightDecayText(wd))}>
              {weightDecayText(wd)}
            </span>
          ))}
        </div>
        {dropouts.map((p, row) => (
          <div key={row} role="row" className="heatmap-row" style={template}>
            <span role="rowheader" className="axis" aria-label={HEATMAP_STRINGS.rowHeaderName(dropoutText(p))}>
              {HEATMAP_STRINGS.rowHeader(dropoutText(p))}
            </span>
            {cells
              .filter((c) => c.row === row)
              .map((c) => {
                const v = valueOf(c, metric);
                const isActive = c.row === at.row && c.col === at.col;
                const background = range ? heatColor(v, range.lo, range.hi) : heatColor(NaN, 1, 1);
                const rgb = parseColor(background);
                return (
                  <div
                    key={c.index}
                    ref={(el) => {
                      if (el) cellRefs.current.set(c.index, el);
                      else cellRefs.current.delete(c.index);
                    }}
                    role="gridcell"
                    tabIndex={isActive ? 0 : -1}
                    className="cell"
                    data-testid={`cell-${c.row}-${c.col}`}
                    data-value={Number.isFinite(v) ? v : ''}
                    data-best={best === c || undefined}
                    aria-label={best === c ? `${cellText(c)} (${HEATMAP_STRINGS.lowest})` : cellText(c)}
                    style={{
                      background,
                      color: rgb ? readableTextOn(rgb) : '#000000',
                    }}
                    onFocus={() => {
                      setActive({ row: c.row, col: c.col });
                      onActive(c);
                    }}
                    onBlur={() => onActive(null)}
                    onMouseEnter={() => onActive(c)}
                    onMouseLeave={() => onActive(null)}
                    onClick={() => {
                      setActive({ row: c.row, col: c.col });
                      onLoad(c);
                    }}
                  >
                    {Number.isFinite(v) ? formatLoss(v) : HEATMAP_STRINGS.pending}
                  </div>
                );
              })}
          </div>
        ))}
      </div>
      <HeatLegend range={range} showBest={best !== null} />
    </>
  );
}

/** The colour scale: the lowest and highest value shown, on the same log ramp as the cells. */
export function HeatLegend({ range, showBest }: { range: { lo: number; hi: number } | null; showBest: boolean }): ReactNode {
  if (!range) return null;
  const { lo, hi } = range;
  const mid = Math.sqrt(lo * hi);
  const ramp = `linear-gradient(to right, ${heatColor(lo, lo, hi)}, ${heatColor(mid, lo, hi)}, ${heatColor(hi, lo, hi)})`;
  return (
    <div className="heat-legend small" role="group" aria-label={HEATMAP_STRINGS.legendName} data-testid="heat-legend">
      <span>{HEATMAP_STRINGS.legendLow}</span>
      <span data-testid="heat-legend-min">{formatLoss(lo)}</span>
      <span className="heat-ramp" style={{ background: ramp }} aria-hidden="true" />
      <span data-testid="heat-legend-max">{formatLoss(hi)}</span>
      <span>{HEATMAP_STRINGS.legendHigh}</span>
      <span className="muted">({HEATMAP_STRINGS.legendLog})</span>
      <span className="heat-pending" aria-hidden="true" />
      <span className="muted">{HEATMAP_STRINGS.legendPending}</span>
      {showBest ? (
        <>
          <span className="heat-best" aria-hidden="true" />
          <span className="muted">{HEATMAP_STRINGS.legendLowest}</span>
        </>
      ) : null}
    </div>
  );
}
