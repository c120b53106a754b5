// chart.js: register only what the page uses (tree-shaken build), plus a tiny registry of live
// chart instances so tests can read the datasets chart.js actually holds.

import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartData,
  type ChartDataset,
} from 'chart.js';
import type { BandSeries } from './chart-data';

Chart.register(ScatterController, LinearScale, LogarithmicScale, PointElement, LineElement, Legend, Tooltip, Filler);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.color = '#333';

export interface ChartDatasetSnapshot {
  readonly label: string;
  readonly data: { x: number; y: number }[];
}

type AnyChart = Chart<'scatter', { x: number; y: number }[]>;
const registry = new Map<string, () => AnyChart | null>();

/** Register a getter of a live chart (null unregisters). */
export function registerChart(name: string, get: (() => AnyChart | null) | null): void {
  if (get) registry.set(name, get);
  else registry.delete(name);
}

export function chartSnapshot(name: string): ChartDatasetSnapshot[] | null {
  const chart = registry.get(name)?.();
  if (!chart) return null;
  const data: ChartData<'scatter', { x: number; y: number }[]> = chart.data;
  return data.datasets.map((d) => ({ label: String(d.label ?? ''), data: d.data.map((p) => ({ x: p.x, y: p.y })) }));
}

/**
 * How far (px) a chart's point elements are from where its scales put their data: 0 when it is
 * drawn at its data (after a tween has ended), null when the chart is not on the page.
 */
export function chartDrawnOffBy(name: string): number | null {
  const chart = registry.get(name)?.();
  if (!chart) return null;
  let worst = 0;
  chart.data.datasets.forEach((d, i) => {
    const meta = chart.getDatasetMeta(i);
    const xs = chart.scales[meta.xAxisID ?? 'x'];
    const ys = chart.scales[meta.yAxisID ?? 'y'];
    d.data.forEach((p, j) => {
      const e = meta.data[j];
      if (!e || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return;
      worst = Math.max(worst, Math.abs(e.x - xs.getPixelForValue(p.x)), Math.abs(e.y - ys.getPixelForValue(p.y)));
    });
  });
  return worst;
}

/** The ticks a chart's axis drew (value and label; a blank label is a tick left unlabelled). */
export function chartTicks(name: string, axis: string): { value: number; label: string }[] | null {
  const scale = registry.get(name)?.()?.scales[axis];
  if (!scale) return null;
  return scale.ticks.map((t) => ({ value: t.value, label: Array.isArray(t.label) ? t.label.join(' ') : String(t.label ?? '') }));
}

/** The chart as a PNG data URL (white background), or null when it is not on the page. */
export function chartPng(name: string): string | null {
  const chart = registry.get(name)?.();
  if (!chart) return null;
  const src = chart.canvas;
  const out = document.createElement('canvas');
  out.width = src.width;
  out.height = src.height;
  const ctx = out.getContext('2d');
  if (!ctx) return chart.toBase64Image('image/png');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(src, 0, 0);
  return out.toDataURL('image/png');
}

/** chart.js datasets of mean ± std bands: a mean line (dashed unless the band says otherwise) and a filled area between the edges. */
export function bandDatasets(bands: readonly BandSeries[]): ChartDataset<'scatter', { x: number; y: number }[]>[] {
  return bands.flatMap((b) => [
    {
      label: `${b.label} ${BAND_EDGE_LOWER}`,
      data: b.lower,
      showLine: true,
      pointRadius: 0,
      pointHoverRadius: 0,
      borderWidth: 0,
      borderColor: 'transparent',
      backgroundColor: 'transparent',
      fill: false,
      order: 3,
    },
    {
      label: `${b.label} ${BAND_EDGE_UPPER}`,
      data: b.upper,
      showLine: true,
      pointRadius: 0,
      pointHoverRadius: 0,
      borderWidth: 0,
      borderColor: 'transparent',
      backgroundColor: `${b.color}30`,
      fill: '-1',
      order: 3,
    },
    {
      label: b.label,
      data: b.mean,
      showLine: true,
      pointRadius: 0,
      pointHoverRadius: 0,
      borderWidth: 1.5,
      borderDash: [...(b.dash ?? [5, 3])],
      borderColor: b.color,
      backgroundColor: `${b.color}30`,
      fill: false,
      order: 2,
    },
  ]);
}

export const BAND_EDGE_LOWER = '(lower edge)';
export const BAND_EDGE_UPPER = '(upper edge)';

/** Legend filter that hides the band edges. */
export function notBandEdge(item: { text: string }): boolean {
  return !item.text.endsWith(BAND_EDGE_LOWER) && !item.text.endsWith(BAND_EDGE_UPPER);
}

/** Viewport (client) coordinates of the data point (x, y) on a chart, for tests and pointer tools. */
export function chartClientPoint(name: string, x: number, y: number): { x: number; y: number } | null {
  const chart = registry.get(name)?.();
  if (!chart) return null;
  const rect = chart.canvas.getBoundingClientRect();
  return { x: rect.left + chart.scales.x.getPixelForValue(x), y: rect.top + chart.scales.y.getPixelForValue(y) };
}
