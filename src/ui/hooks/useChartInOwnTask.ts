// Chart updates in a task of their own. chart.js's update (layout, scales: several ms on a slow
// machine) would otherwise run inside React's commit, and a commit's effects are flushed at the
// start of the next render, which while playing is the playhead's animation frame: one long task a
// frame. So the chart keeps the data and options it was created with, as far as react-chartjs-2
// knows, and each change is applied to the chart here, on a timer, the way react-chartjs-2 applies
// it (datasets matched by label keep their identity). With `tweenMs`, the curves then move from
// where they were drawn to their new places over that time (chart-tween.ts), on animation frames.

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Chart, ChartData, ChartOptions, Plugin } from 'chart.js';
import { ElementTween, elementPositions } from '../chart-tween';

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
 * Whether `next` only moves the points of the chart's datasets: the same datasets (label, style and
 * number of points) in the same order, none filled (the filler plugin places its areas on update).
 */
export function onlyPointsMove(current: ScatterData['datasets'], next: ScatterData['datasets']): boolean {
  if (current.length !== next.length) return false;
  return next.every((d, i) => {
    const c = current[i];
    if (c.label !== d.label || c.data.length !== d.data.length || Boolean(d.fill) || Boolean(c.fill)) return false;
    const before = new Map<string, unknown>(Object.entries(c));
    return Object.entries(d).every(([k, v]: [string, unknown]) => k === 'data' || Object.is(before.get(k), v));
  });
}

/** Whether every axis has a fixed range: new data cannot move the scales. */
function fixedScales(options: ChartOptions<'scatter'>): boolean {
  const scales = Object.values(options.scales ?? {});
  return scales.length > 0 && scales.every((s) => typeof s?.min === 'number' && typeof s.max === 'number');
}

/** The props of the `<Scatter>` whose chart instance the hook updates. */
export interface ScatterProps {
  readonly data: ScatterData;
  readonly options: ChartOptions<'scatter'>;
  readonly plugins: Plugin<'scatter'>[];
  /** react-chartjs-2 never updates the chart itself (its data and options stay the first ones) */
  readonly updateMode: 'none';
}

/**
 * The props to create the chart with (the first data and options); later ones reach the chart
 * instance in `ref` one task after the render that produced them. The options should have
 * `animation: false`: the tween, if any, is `tweenMs` long.
 */
export function useChartInOwnTask(
  ref: RefObject<ScatterChart | null>,
  data: ScatterData,
  options: ChartOptions<'scatter'>,
  tweenMs = 0,
): ScatterProps {
  const frame = useRef(0);
  // the data and options last applied to the chart (the chart's own are copies: react-chartjs-2
  // clones the data, and chart.options is chart.js's resolver, not this object)
  const appliedData = useRef(data);
  const applied = useRef(options);
  // while set, the chart's own draw after an update is skipped: the tween's first step draws
  const holdDraw = useRef(false);
  const [initial] = useState((): ScatterProps => ({
    data,
    options,
    plugins: [{ id: 'holdDrawForTween', beforeRender: () => !holdDraw.current }],
    updateMode: 'none',
  }));
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  useEffect(() => {
    const chart = ref.current;
    if (!chart || (appliedData.current === data && applied.current === options)) return;
    const timer = setTimeout(() => {
      cancelAnimationFrame(frame.current);
      // where the curves are drawn now (mid-way, if a tween was running)
      const from = tweenMs > 0 ? elementPositions(chart) : null;
      const pointsOnly = options === applied.current && fixedScales(options) && onlyPointsMove(chart.data.datasets, data.datasets);
      chart.data.datasets = mergeDatasets(chart.data.datasets, data.datasets);
      appliedData.current = data;
      if (pointsOnly) {
        // a frame of a run: the layout, the scales and the styles stay, so only the elements move to
        // the new data (chart.update redoes the layout and the scales: several ms a frame)
        for (let i = 0; i < chart.data.datasets.length; i++) {
          const { controller } = chart.getDatasetMeta(i);
          controller.buildOrUpdateElements();
          controller.update('none');
        }
        if (!from) chart.draw();
      } else {
        chart.options = options;
        applied.current = options;
        holdDraw.current = from !== null;
        try {
          chart.update('none');
        } finally {
          holdDraw.current = false;
        }
      }
      if (!from) return;
      const tween = new ElementTween(chart, from, performance.now(), tweenMs);
      if (!tween.moving) {
        chart.draw();
        return;
      }
      const step = (now: number): void => {
        if (tween.step(now)) frame.current = requestAnimationFrame(step);
      };
      frame.current = requestAnimationFrame(step);
    }, 0);
    return () => clearTimeout(timer);
  }, [ref, data, options, tweenMs]);
  return initial;
}
