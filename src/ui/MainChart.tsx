// The main chart: train/test points and both nets' prediction curves on the dense grid.

import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Chart, ChartData, ChartOptions } from 'chart.js';
import { Scatter } from 'react-chartjs-2';
import type { Dataset } from '../experiment/types';
import { registerChart } from './chart-setup';
import { mainChartSeries, mainYRange } from './chart-data';
import type { Frame } from './run-store';

type XY = { x: number; y: number };

export function MainChart({
  data,
  frame,
  animationMs,
  registryName,
  height = 380,
}: {
  data: Dataset | null;
  frame: Frame | null;
  animationMs: number;
  registryName?: string;
  height?: number;
}): ReactNode {
  const ref = useRef<Chart<'scatter', XY[]> | null>(null);
  useEffect(() => {
    if (!registryName) return;
    registerChart(registryName, () => ref.current);
    return () => registerChart(registryName, null);
  }, [registryName]);

  const chartData = useMemo((): ChartData<'scatter', XY[]> => {
    const series = mainChartSeries(data, frame);
    return {
      datasets: series.map((s) =>
        s.kind === 'curve'
          ? {
              label: s.label,
              data: s.points,
              showLine: true,
              pointRadius: 0,
              pointHoverRadius: 0,
              borderWidth: 2.5,
              borderColor: s.color,
              backgroundColor: s.color,
              order: 0,
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
    };
  }, [data, frame]);

  const yRange = useMemo(() => mainYRange(data), [data]);
  const xRange = useMemo(() => {
    const xs = frame?.gridX ?? [];
    return xs.length > 0 ? { min: xs[0], max: xs[xs.length - 1] } : { min: -1.1, max: 1.1 };
  }, [frame?.gridX]);

  const options = useMemo(
    (): ChartOptions<'scatter'> => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: animationMs > 0 ? { duration: animationMs, easing: 'easeOutCubic' } : false,
      scales: {
        x: { type: 'linear', min: xRange.min, max: xRange.max, title: { display: true, text: 'x' } },
        y: { type: 'linear', min: yRange.min, max: yRange.max, title: { display: true, text: 'y' } },
      },
      plugins: {
        legend: { position: 'top', labels: { usePointStyle: true, pointStyleWidth: 18 } },
        tooltip: { enabled: true, mode: 'nearest', intersect: true },
      },
    }),
    [animationMs, xRange, yRange],
  );

  return (
    <div className="chart-box" style={{ height }}>
      <Scatter ref={ref} data={chartData} options={options} aria-label="Training and test points with both nets' predictions" role="img" />
    </div>
  );
}
