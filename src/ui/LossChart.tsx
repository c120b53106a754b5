// Loss chart: train MSE (solid), test MSE (dashed, markers at the checkpoints) and the L1/L2
// penalty (dotted) of every net against epoch, on a log axis, up to the epoch on screen (marked),
// with the previous run's losses faded beside them. Per-epoch series are thinned for drawing.

import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Chart, ChartData, ChartOptions } from 'chart.js';
import { Scatter } from 'react-chartjs-2';
import { bandDatasets, notBandEdge, registerChart } from './chart-setup';
import { lossChartSeries, type BandSeries, type LossSeries } from './chart-data';
import { logTickLabels, widenLogRange } from './log-axis';
import type { NetSeries } from './run-store';

type XY = { x: number; y: number };
const NO_BANDS: readonly BandSeries[] = [];
/** points per per-epoch series drawn (bucket means beyond) */
const MAX_POINTS = 300;

function pointRadius(s: LossSeries): number {
  return s.kind === 'test' ? 2.5 : s.kind === 'ghost-test' ? 1.5 : 0;
}

function borderWidth(s: LossSeries): number {
  return s.kind === 'penalty' || s.kind === 'marker' ? 1.5 : s.kind.startsWith('ghost') ? 1.5 : 2;
}

export function LossChart({
  series,
  version,
  upTo,
  ghost = null,
  bands = NO_BANDS,
}: {
  series: readonly NetSeries[];
  version: number;
  /** the epoch on screen: losses up to it, and a marker there */
  upTo?: number;
  /** the previous run's losses and its legend label */
  ghost?: { readonly series: readonly NetSeries[]; readonly label: string } | null;
  bands?: readonly BandSeries[];
}): ReactNode {
  const ref = useRef<Chart<'scatter', XY[]> | null>(null);
  useEffect(() => {
    registerChart('loss', () => ref.current);
    return () => registerChart('loss', null);
  }, []);

  // The series arrays grow in place; `version` says when they changed.
  const chartData = useMemo((): ChartData<'scatter', XY[]> => {
    void version;
    return {
      datasets: [
        ...lossChartSeries(series, { upTo, ghost, maxPoints: MAX_POINTS }).map((s) => ({
          label: s.label,
          data: s.points,
          showLine: true,
          pointRadius: pointRadius(s),
          borderWidth: borderWidth(s),
          borderDash: s.dash,
          borderColor: s.color,
          backgroundColor: s.color,
        })),
        ...bandDatasets(bands),
      ] as ChartData<'scatter', XY[]>['datasets'],
    };
  }, [series, version, upTo, ghost, bands]);

  const options = useMemo(
    (): ChartOptions<'scatter'> => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      scales: {
        // grows with the run (a fixed 0..Epochs axis would squash the start of a long run)
        x: { type: 'linear', min: 0, suggestedMax: 10, title: { display: true, text: 'epoch' } },
        y: {
          type: 'logarithmic',
          title: { display: true, text: 'MSE / penalty (log)' },
          // at least a decade around the data: one checkpoint (epoch 0) would give 0.531…0.532
          afterDataLimits: (scale) => {
            const { min, max } = widenLogRange(scale.min, scale.max);
            scale.min = min;
            scale.max = max;
          },
          ticks: {
            // label 1/2/5 × 10^k (or every tick when fewer than two are such), never a label twice
            callback: (_v, i, ticks) => logTickLabels(ticks.map((t) => t.value))[i] ?? '',
          },
        },
      },
      plugins: {
        legend: {
          position: 'top',
          labels: {
            boxWidth: 26,
            boxHeight: 0,
            font: { size: 11 },
            filter: (item) => notBandEdge(item) && !item.text.startsWith('epoch '),
          },
        },
        tooltip: { enabled: true, mode: 'nearest', intersect: false },
      },
    }),
    [],
  );

  return (
    <div className="chart-box loss-chart-box">
      <Scatter ref={ref} data={chartData} options={options} updateMode="none" aria-label="Loss against epoch" role="img" />
    </div>
  );
}
