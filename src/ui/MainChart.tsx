// The main chart: train/test points and both nets' prediction curves on the dense grid (tweened
// between frames), and the previous run's curves at the same epoch, faded and dashed (the ghost).

import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { addPoint, deletePoint, movePoint, nearestPoint, type EditablePoints } from '../analysis/points';
import type { Chart, ChartData, ChartOptions } from 'chart.js';
import { Scatter } from 'react-chartjs-2';
import type { Dataset } from '../experiment/types';
import { bandDatasets, notBandEdge, registerChart } from './chart-setup';
import { useChartInOwnTask } from './hooks/useChartInOwnTask';
import { useLocale } from './i18n/useLocale';
import { mainChartSeries, mainYRange, type BandSeries, type GhostFrame } from './chart-data';
import { GHOST_DASH } from './ghost';
import type { PageFrame } from './run-store';

type XY = { x: number; y: number };
const NO_BANDS: readonly BandSeries[] = [];

function MainChartView({
  data,
  frame,
  ghost = null,
  animationMs,
  registryName,
  height,
  bands = NO_BANDS,
  onEditPoints,
}: {
  data: Dataset | null;
  frame: PageFrame | null;
  /** the previous run at the same epoch */
  ghost?: GhostFrame | null;
  /** how long the curves morph into a new frame */
  animationMs: number;
  registryName?: string;
  /** px; without it the stylesheet sizes the chart (.fit-chart-box) */
  height?: number;
  /** mean ± std bands (seed bands, MC-dropout) drawn around the curves */
  bands?: readonly BandSeries[];
  /** edit mode: click adds a training point, drag moves one, right-click or Delete removes one */
  onEditPoints?: (points: EditablePoints) => void;
}): ReactNode {
  const { t } = useLocale();
  const [draft, setDraft] = useState<EditablePoints | null>(null);
  const dragRef = useRef<number>(-1);
  const selectedRef = useRef<number>(-1);
  // a new dataset (the worker's answer to an edit, or new data) replaces the draft
  const [draftOf, setDraftOf] = useState(data);
  if (draftOf !== data) {
    setDraftOf(data);
    setDraft(null);
  }
  const shown = useMemo((): Dataset | null => (data && draft ? { ...data, x: draft.x, y: draft.y } : data), [data, draft]);
  const ref = useRef<Chart<'scatter', XY[]> | null>(null);
  useEffect(() => {
    if (!registryName) return;
    registerChart(registryName, () => ref.current);
    return () => registerChart(registryName, null);
  }, [registryName]);

  const chartData = useMemo((): ChartData<'scatter', XY[]> => {
    const series = mainChartSeries(t, shown, frame, ghost);
    return {
      datasets: [
        ...series.map((s) =>
          s.kind === 'ghost' || s.kind === 'curve'
            ? {
                label: s.label,
                data: s.points,
                showLine: true,
                pointRadius: 0,
                pointHoverRadius: 0,
                // the previous run's curve: thinner, dashed, under the current one
                ...(s.kind === 'ghost' ? { borderWidth: 2, borderDash: GHOST_DASH, order: 0.5 } : { borderWidth: 2.5, order: 0 }),
                borderColor: s.color,
                backgroundColor: s.color,
              }
            : {
                label: s.label,
                data: s.points,
                showLine: false,
                pointRadius: 4.5,
                pointStyle: s.kind === 'train' ? 'circle' : 'rectRot',
                borderColor: s.color,
                backgroundColor: s.kind === 'train' ? s.color : `${s.color}cc`,
                order: 1,
              },
        ),
        ...bandDatasets(bands),
      ] as ChartData<'scatter', XY[]>['datasets'],
    };
  }, [t, shown, frame, ghost, bands]);

  const yRange = useMemo(() => mainYRange(data), [data]);
  // by value: every frame brings its own gridX array, and new options would re-resolve the chart's
  const xs = frame?.gridX ?? [];
  const xMin = xs.length > 0 ? xs[0] : -1.1;
  const xMax = xs.length > 0 ? xs[xs.length - 1] : 1.1;
  const xRange = useMemo(() => ({ min: xMin, max: xMax }), [xMin, xMax]);

  const options = useMemo(
    (): ChartOptions<'scatter'> => ({
      responsive: true,
      maintainAspectRatio: false,
      // the data are {x, y} points already: chart.js need not parse them on every frame
      parsing: false,
      // the curves move between frames by useChartInOwnTask's tween, not chart.js's animations
      animation: false,
      scales: {
        x: { type: 'linear', min: xRange.min, max: xRange.max, title: { display: true, text: 'x' } },
        y: { type: 'linear', min: yRange.min, max: yRange.max, title: { display: true, text: 'y' } },
      },
      plugins: {
        legend: { position: 'top', labels: { usePointStyle: true, pointStyleWidth: 18, filter: notBandEdge } },
        tooltip: { enabled: true, mode: 'nearest', intersect: true },
      },
    }),
    [xRange, yRange],
  );

  const editing = onEditPoints !== undefined;
  const points = (): EditablePoints | null => draft ?? (data ? { x: data.x, y: data.y } : null);
  const pointerAt = (e: MouseEvent<HTMLCanvasElement>): { px: number; py: number; x: number; y: number; index: number } | null => {
    const chart = ref.current;
    const p = points();
    if (!chart || !p) return null;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    const sx = chart.scales.x;
    const sy = chart.scales.y;
    const pixels = p.x.map((x, i) => ({ x: sx.getPixelForValue(x), y: sy.getPixelForValue(p.y[i]) }));
    return { px, py, x: sx.getValueForPixel(px) ?? NaN, y: sy.getValueForPixel(py) ?? NaN, index: nearestPoint(pixels, px, py, 9) };
  };
  const commit = (next: EditablePoints): void => {
    setDraft(next);
    onEditPoints?.(next);
  };
  const editProps = editing
    ? {
        tabIndex: 0,
        style: { cursor: 'crosshair' },
        onMouseDown: (e: MouseEvent<HTMLCanvasElement>) => {
          if (e.button !== 0) return;
          const at = pointerAt(e);
          const p = points();
          if (!at || !p) return;
          e.currentTarget.focus();
          if (at.index >= 0) {
            dragRef.current = at.index;
            selectedRef.current = at.index;
            return;
          }
          const chart = ref.current;
          if (
            !chart ||
            at.px < chart.chartArea.left ||
            at.px > chart.chartArea.right ||
            at.py < chart.chartArea.top ||
            at.py > chart.chartArea.bottom
          )
            return;
          selectedRef.current = p.x.length;
          commit(addPoint(p, at.x, at.y));
        },
        onMouseMove: (e: MouseEvent<HTMLCanvasElement>) => {
          const at = pointerAt(e);
          const p = points();
          if (!at || !p) return;
          if (dragRef.current >= 0) setDraft(movePoint(p, dragRef.current, at.x, at.y));
          else if (at.index >= 0) selectedRef.current = at.index;
        },
        onMouseUp: () => {
          const p = points();
          if (dragRef.current >= 0 && p) commit(p);
          dragRef.current = -1;
        },
        onMouseLeave: () => {
          const p = points();
          if (dragRef.current >= 0 && p) commit(p);
          dragRef.current = -1;
        },
        onContextMenu: (e: MouseEvent<HTMLCanvasElement>) => {
          e.preventDefault();
          const at = pointerAt(e);
          const p = points();
          if (!at || !p || at.index < 0) return;
          commit(deletePoint(p, at.index));
        },
        onKeyDown: (e: KeyboardEvent<HTMLCanvasElement>) => {
          const p = points();
          if ((e.key === 'Delete' || e.key === 'Backspace') && p && selectedRef.current >= 0 && selectedRef.current < p.x.length) {
            e.preventDefault();
            commit(deletePoint(p, selectedRef.current));
            selectedRef.current = -1;
          }
        },
      }
    : {};

  const drawn = useChartInOwnTask(ref, chartData, options, editing ? 0 : animationMs);
  return (
    <div className={height === undefined ? 'chart-box fit-chart-box' : 'chart-box'} style={height === undefined ? undefined : { height }}>
      <Scatter ref={ref} {...drawn} aria-label={t('fit.chartAria')} role="img" {...editProps} />
    </div>
  );
}

/** (memo: a parent re-rendered with the same props, e.g. by a deferred render's first pass, leaves it alone) */
export const MainChart = memo(MainChartView);
