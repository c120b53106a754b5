// Loss chart: train MSE (solid), test MSE (dashed, markers at the checkpoints) and the L1/L2
// penalty (dotted) of every net against epoch, on a log axis, up to the epoch on screen (marked),
// with the previous run's losses faded beside them. Per-epoch series are thinned for drawing.

import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Chart, ChartData, ChartOptions } from 'chart.js';
import { Scatter } from 'react-chartjs-2';
import { bandDatasets, notBandEdge, registerChart } from './chart-setup';
import { lossChartSeries, type BandSeries, type LossSeries } from './chart-data';
import { useChartInOwnTask } from './hooks/useChartInOwnTask';
import { useLocale } from './i18n/useLocale';
import { logTickLabels, widenLogRange } from './log-axis';
import type { NetSeries } from './run-store';

type XY = { x: number; y: number };
const NO_BANDS: readonly BandSeries[] = [];
/** points per per-epoch series drawn (bucket means beyond) */
const MAX_POINTS = 300;

/** A dataset the legend leaves out (the epoch marker). */
function isHidden(dataset: unknown): boolean {
  return typeof dataset === 'object' && dataset !== null && (dataset as { hideInLegend?: unknown }).hideInLegend === true;
}

function pointRadius(s: LossSeries): number {
  return s.kind === 'test' ? 2.5 : s.kind === 'ghost-test' ? 1.5 : 0;
}

function borderWidth(s: LossSeries): number {
  return s.kind === 'penalty' || s.kind === 'marker' ? 1.5 : s.kind.startsWith('ghost') ? 1.5 : 2;
}

function LossChartView({
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
  const { t } = useLocale();
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
        ...lossChartSeries(t, series, { upTo, ghost, maxPoints: MAX_POINTS }).map((s) => ({
          label: s.label,
          // the epoch marker has no legend entry
          hideInLegend: s.kind === 'marker',
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
  }, [t, series, version, upTo, ghost, bands]);

  const options = useMemo(
    (): ChartOptions<'scatter'> => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      scales: {
        // grows with the run (a fixed 0..Epochs axis would squash the start of a long run)
        x: { type: 'linear', min: 0, suggestedMax: 10, title: { display: true, text: t('chart.epoch') } },
        y: {
          type: 'logarithmic',
          title: { display: true, text: t('chart.lossAxis') },
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
            filter: (item, data) => notBandEdge(item) && !isHidden(data.datasets[item.datasetIndex ?? -1]),
          },
        },
        tooltip: { enabled: true, mode: 'nearest', intersect: false },
      },
    }),
    [t],
  );

  const drawn = useChartInOwnTask(ref, chartData, options);
  return (
    <div className="chart-box loss-chart-box">
      <Scatter ref={ref} {...drawn} aria-label={t('chart.lossAria')} role="img" />
    </div>
  );
}

/** (memo: a parent re-rendered with the same props, e.g. by a deferred render's first pass, leaves it alone) */
export const LossChart = memo(LossChartView);
