// Pure builders from run state to chart-neutral datasets (points, colours, dashes, legend labels
// in the page's language through `t`). The chart components turn them into chart.js datasets;
// tests check them without a canvas.

import { bandStats } from '../analysis/bands';
import type { Dataset } from '../experiment/types';
import { GHOST_DASH, faded } from './ghost';
import type { Translate } from './i18n/i18n';
import type { NetSeries, PageFrame, Point } from './run-store';

export const COLORS = {
  train: '#1f77b4',
  test: '#ff7f0e',
  // the regularized net's green is #1e7d1e, not matplotlib's #2ca02c: 5.2:1 on white (WCAG AA for text), 3.4:1 before
  nets: ['#d62728', '#1e7d1e', '#9467bd', '#8c564b'],
} as const;

export function netColor(index: number): string {
  return COLORS.nets[index % COLORS.nets.length];
}

/** A net's name in the page's language (`net.<name>`), else the label the trainer gave it. */
export function netLabel(t: Translate, net: { readonly name: string; readonly label: string }): string {
  return t(`net.${net.name}`, { defaultValue: net.label });
}

export type MainKind = 'train' | 'test' | 'curve' | 'ghost';
export interface MainSeries {
  readonly id: string;
  readonly label: string;
  readonly kind: MainKind;
  readonly color: string;
  readonly points: Point[];
}

export type LossKind = 'train' | 'test' | 'penalty' | 'ghost-train' | 'ghost-test' | 'marker';
export interface LossSeries {
  readonly id: string;
  readonly label: string;
  readonly kind: LossKind;
  readonly color: string;
  /** dash pattern: solid train loss, dashed test loss, dotted penalty; the ghost's own dashes */
  readonly dash: number[];
  readonly points: Point[];
}

/** Pairs (x[i], y[i]) whose coordinates are both finite. */
export function finitePoints(xs: ArrayLike<number>, ys: ArrayLike<number>): Point[] {
  const out: Point[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) out.push({ x: xs[i], y: ys[i] });
  return out;
}

/**
 * Per-epoch values (values[i] belongs to epoch firstEpoch + i) as at most maxPoints points:
 * bucket means, the last epoch kept exactly. Non-finite values — and with positiveOnly, values
 * ≤ 0 that a log axis cannot show — are skipped.
 */
export function downsampleSeries(values: readonly number[], firstEpoch: number, maxPoints: number, positiveOnly = true): Point[] {
  const ok = (v: number): boolean => Number.isFinite(v) && (!positiveOnly || v > 0);
  const n = values.length;
  const out: Point[] = [];
  if (n === 0) return out;
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) if (ok(values[i])) out.push({ x: firstEpoch + i, y: values[i] });
    return out;
  }
  const bucket = Math.ceil(n / Math.max(1, maxPoints - 1));
  for (let start = 0; start < n - 1; start += bucket) {
    const end = Math.min(start + bucket, n - 1);
    let sx = 0;
    let sy = 0;
    let k = 0;
    for (let i = start; i < end; i++) {
      if (!ok(values[i])) continue;
      sx += firstEpoch + i;
      sy += values[i];
      k++;
    }
    if (k > 0) out.push({ x: sx / k, y: sy / k });
  }
  if (ok(values[n - 1])) out.push({ x: firstEpoch + n - 1, y: values[n - 1] });
  return out;
}

/** The previous run at the same epoch, drawn faded and dashed, labelled with what differed. */
export interface GhostFrame {
  readonly frame: PageFrame;
  readonly label: string;
  /**
   * per net: it trained the same in both runs up to the ghost's epoch (sameTraining), so the change
   * did not touch it and it gets no ghost, even where the runs have no frame at the same epoch
   */
  readonly untouched?: readonly boolean[];
}

/**
 * Whether a net trained the same in the run now and the one before, up to `epoch` (the same train
 * loss every epoch): a net the change did not touch, whose ghost would be its own curve.
 */
export function sameTraining(now: NetSeries | undefined, before: NetSeries, epoch: number): boolean {
  return now !== undefined && sameValues(now.trainLoss, before.trainLoss, Math.min(Math.max(0, epoch), now.trainLoss.length));
}

/** True when `a` and `b` both have `n` entries (default: all of them) and those are the same values. */
function sameValues(a: ArrayLike<number>, b: ArrayLike<number>, n = Math.max(a.length, b.length)): boolean {
  if (a.length < n || b.length < n) return false;
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * Train points, test points, every net's prediction curve on the dense grid, and the ghost's
 * curves — except a ghost curve identical to the current one (a net the change did not touch).
 */
export function mainChartSeries(
  t: Translate,
  data: Dataset | null,
  frame: PageFrame | null,
  ghost: GhostFrame | null = null,
): MainSeries[] {
  const out: MainSeries[] = [];
  if (data) {
    out.push({ id: 'train', label: t('chart.trainPoints'), kind: 'train', color: COLORS.train, points: finitePoints(data.x, data.y) });
    out.push({ id: 'test', label: t('chart.testPoints'), kind: 'test', color: COLORS.test, points: finitePoints(data.testX, data.testY) });
  }
  frame?.nets.forEach((net, i) => {
    out.push({
      id: `curve:${net.name}`,
      label: netLabel(t, net),
      kind: 'curve',
      color: netColor(i),
      points: finitePoints(frame.gridX, net.gridPred),
    });
  });
  ghost?.frame.nets.forEach((net, i) => {
    const now = frame?.nets[i];
    if (ghost.untouched?.[i] || (now && sameValues(now.gridPred, net.gridPred))) return;
    out.push({
      id: `ghost:${net.name}`,
      label: t('chart.withGhost', { series: netLabel(t, net), ghost: ghost.label }),
      kind: 'ghost',
      color: faded(netColor(i)),
      points: finitePoints(ghost.frame.gridX, net.gridPred),
    });
  });
  return out;
}

/** A y-range that holds every data point with a margin, so the chart does not jump between checkpoints. */
export function mainYRange(data: Dataset | null): { min: number; max: number } {
  if (!data) return { min: -2, max: 2 };
  const ys = [...data.y, ...data.testY].filter(Number.isFinite);
  if (ys.length === 0) return { min: -2, max: 2 };
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = Math.max(0.25, 0.15 * (hi - lo));
  return { min: Math.floor((lo - pad) * 4) / 4, max: Math.ceil((hi + pad) * 4) / 4 };
}

export interface LossChartOptions {
  /** draw only what happened up to this epoch (the playhead's), with a marker there */
  readonly upTo?: number;
  /** points per per-epoch series at most (thinned for drawing) */
  readonly maxPoints?: number;
  /** the previous run's losses up to the same epoch */
  readonly ghost?: { readonly series: readonly NetSeries[]; readonly label: string } | null;
}

/**
 * Train/test MSE and penalty of every net against epoch (log-scale friendly), the ghost's (but not
 * of a net whose losses so far are the current run's), and the epoch marker.
 */
export function lossChartSeries(t: Translate, series: readonly NetSeries[], options: LossChartOptions = {}): LossSeries[] {
  const upTo = options.upTo ?? Infinity;
  const maxPoints = options.maxPoints ?? 600;
  const perEpoch = (values: readonly number[]) =>
    downsampleSeries(upTo < values.length ? values.slice(0, Math.max(0, upTo)) : values, 1, maxPoints);
  const out: LossSeries[] = [];
  series.forEach((s, i) => {
    const color = netColor(i);
    const net = netLabel(t, s);
    out.push({ id: `train:${s.name}`, label: t('chart.trainMse', { net }), kind: 'train', color, dash: [], points: perEpoch(s.trainLoss) });
    out.push({
      id: `test:${s.name}`,
      label: t('chart.testMse', { net }),
      kind: 'test',
      color,
      dash: [7, 4],
      points: s.test.filter((p) => p.x <= upTo && Number.isFinite(p.y) && p.y > 0),
    });
    if (s.penalty.some((v) => v > 0)) {
      out.push({
        id: `penalty:${s.name}`,
        label: t('chart.penalty', { net }),
        kind: 'penalty',
        color,
        dash: [2, 3],
        points: perEpoch(s.penalty),
      });
    }
  });
  const ghost = options.ghost;
  ghost?.series.forEach((s, i) => {
    const now = series[i];
    if (sameTraining(now, s, upTo)) return;
    const color = faded(netColor(i));
    const net = netLabel(t, s);
    out.push({
      id: `ghost-train:${s.name}`,
      label: t('chart.withGhost', { series: t('chart.trainMse', { net }), ghost: ghost.label }),
      kind: 'ghost-train',
      color,
      dash: [2, 2],
      points: perEpoch(s.trainLoss),
    });
    out.push({
      id: `ghost-test:${s.name}`,
      label: t('chart.withGhost', { series: t('chart.testMse', { net }), ghost: ghost.label }),
      kind: 'ghost-test',
      color,
      dash: GHOST_DASH,
      points: s.test.filter((p) => p.x <= upTo && Number.isFinite(p.y) && p.y > 0),
    });
  });
  if (Number.isFinite(upTo)) {
    const ys = out.flatMap((d) => d.points.map((p) => p.y));
    if (ys.length > 0) {
      const lo = Math.min(...ys);
      const hi = Math.max(...ys);
      out.push({
        id: 'marker',
        label: t('chart.marker', { epoch: upTo }),
        kind: 'marker',
        color: '#555555',
        dash: [3, 3],
        points: [
          { x: upTo, y: lo },
          { x: upTo, y: hi },
        ],
      });
    }
  }
  return out;
}

/** Indices of at most `max` frames spread evenly over `count`, always including the first and last. */
export function filmFrameIndices(count: number, max: number): number[] {
  if (count <= 0 || max <= 0) return [];
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  if (max === 1) return [count - 1];
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(Math.round((k * (count - 1)) / (max - 1)));
  return [...out].sort((a, b) => a - b);
}

/** 0.0123 → "0.0123", 1.2e-5 → "1.20e-5", NaN → "—". */
export function formatLoss(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4)) {
    const [m, e] = v.toExponential(2).split('e');
    return `${m}e${Number(e)}`;
  }
  return v.toPrecision(3);
}

type AxisRange = { min: number; max: number };

/** Data coordinates to a w×h SVG box's (y grows downwards), unclamped: svgPath's and svgDots' mapping. */
function boxScale(x: AxisRange, y: AxisRange, w: number, h: number): { sx: (v: number) => number; sy: (v: number) => number } {
  return {
    sx: (v) => ((v - x.min) / (x.max - x.min)) * w,
    sy: (v) => h - ((v - y.min) / (y.max - y.min)) * h,
  };
}

/** SVG polyline "points" attribute for a series mapped into a w×h box, y clamped to its range. */
export function svgPath(points: readonly Point[], x: AxisRange, y: AxisRange, w: number, h: number): string {
  const { sx, sy } = boxScale(x, y, w, h);
  return points.map((p) => `${sx(p.x).toFixed(1)},${sy(Math.min(y.max, Math.max(y.min, p.y))).toFixed(1)}`).join(' ');
}

/** Dots of radius `r` at `points`, as one SVG path's data (one element for all of them, not one each); unclamped. */
export function svgDots(points: readonly Point[], x: AxisRange, y: AxisRange, w: number, h: number, r: number): string {
  const { sx, sy } = boxScale(x, y, w, h);
  // from the left edge, two half-circle arcs round to it again
  return points
    .map((p) => `M${(sx(p.x) - r).toFixed(1)} ${sy(p.y).toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`)
    .join('');
}

/** Log-axis tick label: only 1, 2 and 5 times a power of ten are labelled ("1e-4", "0.02", "5", "1e6"). */
export function formatLogTick(v: number): string {
  if (!(v > 0) || !Number.isFinite(v)) return '';
  const exp = Math.floor(Math.log10(v) + 1e-9);
  const mant = Math.round((v / 10 ** exp) * 1000) / 1000;
  if (mant !== 1 && mant !== 2 && mant !== 5) return '';
  if (exp >= -3 && exp <= 3) return String(Number((mant * 10 ** exp).toPrecision(3)));
  return `${mant}e${exp}`;
}

/** A mean line with a ±std band around it (seed bands, MC-dropout). */
export interface BandSeries {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly mean: Point[];
  readonly lower: Point[];
  readonly upper: Point[];
  /** dash pattern of the mean line (default: dashed) */
  readonly dash?: readonly number[];
}

/**
 * Band series from per-x statistics. With `positiveOnly` (log axes) points whose mean is not > 0
 * are dropped and a lower edge ≤ 0 is drawn at mean / 10.
 */
export function bandSeries(
  id: string,
  label: string,
  color: string,
  xs: readonly number[],
  stats: { mean: readonly number[]; std: readonly number[] },
  positiveOnly = false,
): BandSeries {
  const mean: Point[] = [],
    lower: Point[] = [],
    upper: Point[] = [];
  const n = Math.min(xs.length, stats.mean.length);
  for (let i = 0; i < n; i++) {
    const m = stats.mean[i],
      s = stats.std[i],
      x = xs[i];
    if (!Number.isFinite(m) || !Number.isFinite(s) || !Number.isFinite(x) || (positiveOnly && !(m > 0))) continue;
    mean.push({ x, y: m });
    lower.push({ x, y: positiveOnly && m - s <= 0 ? m / 10 : m - s });
    upper.push({ x, y: m + s });
  }
  return { id, label, color, mean, lower, upper };
}

/** MC-dropout band: mean ± std of T stochastic passes (predictions[t][i] on gridX[i]) of net `index`. */
export function mcBand(gridX: readonly number[], predictions: readonly (readonly number[])[], index: number): BandSeries {
  return bandSeries(
    'mc',
    `MC-dropout mean ± std (T=${predictions.length})`,
    index === 1 ? '#17becf' : netColor(index),
    gridX,
    bandStats(predictions),
  );
}
