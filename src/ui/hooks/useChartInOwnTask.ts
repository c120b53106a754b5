// Chart updates in a task of their own. chart.js's update (layout, scales, animations: 10-30 ms
// each on a slow machine) would otherwise run inside React's commit, and a commit's effects are
// flushed at the start of the next render, which while playing is the playhead's animation frame:
// one long task a frame. So the chart keeps the data and options it was created with, as far as
// react-chartjs-2 knows, and each change is applied to the chart here, on a timer, the way
// react-chartjs-2 applies it (datasets matched by label keep their identity, so the curves tween).

import { useEffect, useState, type RefObject } from 'react';
import type { Chart, ChartData, ChartOptions, UpdateMode } from 'chart.js';

type XY = { x: number; y: number };
type ScatterChart = Chart<'scatter', XY[]>;
type ScatterData = ChartData<'scatter', XY[]>;

/** The datasets of `next`, reusing the chart's dataset objects of the same label. */
function mergeDatasets(current: ScatterData['datasets'], next: ScatterData['datasets']): ScatterData['datasets'] {
  const used = new Set<object>();
  return next.map((d) => {
    const old = current.find((c) => c.label === d.label && !used.has(c));
    if (!old) return { ...d };
    used.add(old);
    return Object.assign(old, d);
  });
}

/**
 * The data and options to create the chart with (the first ones); later ones reach the chart
 * instance in `ref` one task after the render that produced them.
 */
export function useChartInOwnTask(
  ref: RefObject<ScatterChart | null>,
  data: ScatterData,
  options: ChartOptions<'scatter'>,
  mode?: UpdateMode,
): { readonly data: ScatterData; readonly options: ChartOptions<'scatter'> } {
  const [initial] = useState({ data, options });
  useEffect(() => {
    const chart = ref.current;
    if (!chart || (chart.data.datasets === data.datasets && chart.options === options)) return;
    const timer = setTimeout(() => {
      chart.data.datasets = mergeDatasets(chart.data.datasets, data.datasets);
      chart.options = options;
      chart.update(mode);
    }, 0);
    return () => clearTimeout(timer);
  }, [ref, data, options, mode]);
  return initial;
}
