// onlyPointsMove: which chart data changes the fit chart may apply by moving its elements alone
// (no layout, no scales) — a frame of the same run — and which need chart.js's whole update.
import { describe, expect, it } from 'vitest';
import type { ChartData } from 'chart.js';
import { onlyPointsMove } from '../../src/ui/hooks/useChartInOwnTask';

type Datasets = ChartData<'scatter', { x: number; y: number }[]>['datasets'];
const DASH = [6, 4];
const curve = (label: string, ys: number[], extra: object = {}) => ({
  label,
  data: ys.map((y, x) => ({ x, y })),
  showLine: true,
  borderColor: '#d62728',
  borderDash: DASH,
  ...extra,
});

describe('onlyPointsMove', () => {
  const before: Datasets = [curve('Plain net', [1, 2, 3]), curve('Regularized net', [0, 0, 0])];

  it('holds for the next frame of the same datasets: new points, same labels, styles and lengths', () => {
    expect(onlyPointsMove(before, [curve('Plain net', [1.5, 2, 2.5]), curve('Regularized net', [0, 1, 0])])).toBe(true);
  });

  it('fails when a dataset comes or goes, is renamed, is reordered, or changes its number of points', () => {
    expect(onlyPointsMove(before, [curve('Plain net', [1, 2, 3])])).toBe(false);
    expect(onlyPointsMove(before, [...before, curve('Regularized net · before: dropout 0.5', [0, 0, 0])])).toBe(false);
    expect(onlyPointsMove(before, [curve('普通网络', [1, 2, 3]), curve('Regularized net', [0, 0, 0])])).toBe(false);
    expect(onlyPointsMove(before, [before[1], before[0]])).toBe(false);
    expect(onlyPointsMove(before, [curve('Plain net', [1, 2]), curve('Regularized net', [0, 0, 0])])).toBe(false);
  });

  it('fails when a style changes (a new value, or a new array for the dash), and for filled datasets', () => {
    expect(onlyPointsMove(before, [curve('Plain net', [1, 2, 3], { borderColor: '#000' }), before[1]])).toBe(false);
    expect(onlyPointsMove(before, [curve('Plain net', [1, 2, 3], { borderDash: [6, 4] }), before[1]])).toBe(false);
    const band = [curve('band', [0, 1, 2], { fill: '+1' })];
    expect(onlyPointsMove(band, [curve('band', [0, 1, 3], { fill: '+1' })])).toBe(false);
  });
});
