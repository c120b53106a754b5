// chart.js: register only what the page uses (tree-shaken build), plus a tiny registry of live
// chart instances so tests can read the datasets chart.js actually holds.

import {
  Chart,
  Legend,
  LinearScale,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartData,
} from 'chart.js';

Chart.register(ScatterController, LinearScale, LogarithmicScale, PointElement, LineElement, Legend, Tooltip);
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
