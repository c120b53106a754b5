import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/experiment/types';
import {
  downsampleSeries,
  filmFrameIndices,
  finitePoints,
  formatLogTick,
  formatLoss,
  lossChartSeries,
  mainChartSeries,
  sameTraining,
  mainYRange,
  svgDots,
  svgPath,
} from '../../src/ui/chart-data';
import type { NetSeries, PageFrame } from '../../src/ui/run-store';
import { englishT } from '../../src/ui/i18n/english';

const data: Dataset = { x: [-1, 0, 1], y: [-1.2, 0.1, 0.9], testX: [-1, 0, 1], testY: [-0.8, -0.1, 1.3] };
const frame: PageFrame = {
  epoch: 51,
  checkpoint: true,
  gridX: [-1, 0, 1],
  elapsedMs: 10,
  nets: [
    {
      name: 'overfitting',
      label: 'Plain net',
      trainMse: 0.1,
      testMse: 0.2,
      trainMseEval: 0.1,
      penalty: 0,
      testPred: [0, 0, 0],
      gridPred: [-1, 0, 1],
      divergedAt: null,
    },
    {
      name: 'dropout',
      label: 'Regularized net',
      trainMse: NaN,
      testMse: NaN,
      trainMseEval: NaN,
      penalty: 0,
      testPred: [0, 0, 0],
      gridPred: [NaN, Infinity, 1],
      divergedAt: 42,
    },
  ],
};

describe('main chart', () => {
  it('has train and test scatter and one curve per net', () => {
    const s = mainChartSeries(englishT, data, frame);
    expect(s.map((d) => [d.kind, d.label])).toEqual([
      ['train', 'Train points'],
      ['test', 'Test points'],
      ['curve', 'Plain net'],
      ['curve', 'Regularized net'],
    ]);
    expect(s[0].color).not.toBe(s[1].color);
    expect(s[2].points).toEqual([
      { x: -1, y: -1 },
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
    // a diverged net's non-finite predictions are left out
    expect(s[3].points).toEqual([{ x: 1, y: 1 }]);
  });

  it('draws the ghost’s curves after the current ones, labelled with what differed, faded; not one identical to the current', () => {
    const before: PageFrame = { ...frame, nets: [frame.nets[0], { ...frame.nets[1], gridPred: [0.5, 0.25, 0] }] };
    const s = mainChartSeries(englishT, data, frame, { frame: before, label: 'before: dropout 0.5' });
    expect(s.map((d) => [d.kind, d.label])).toEqual([
      ['train', 'Train points'],
      ['test', 'Test points'],
      ['curve', 'Plain net'],
      ['curve', 'Regularized net'],
      ['ghost', 'Regularized net · before: dropout 0.5'],
    ]);
    expect(s[4].points).toEqual([
      { x: -1, y: 0.5 },
      { x: 0, y: 0.25 },
      { x: 1, y: 0 },
    ]);
    expect(s[4].color).toBe(`${s[3].color}73`);
  });

  it('draws no ghost of a net the change did not touch, even from a frame at another epoch (untouched)', () => {
    // the previous run's frame at an earlier epoch: the plain net's curve differs there, but it trained the same
    const before: PageFrame = {
      ...frame,
      epoch: 5,
      nets: [
        { ...frame.nets[0], gridPred: [-0.9, 0, 0.9] },
        { ...frame.nets[1], gridPred: [0.5, 0.25, 0] },
      ],
    };
    const labels = (untouched?: boolean[]) =>
      mainChartSeries(englishT, data, frame, { frame: before, label: 'before: dropout 0.5', untouched }).map((d) => d.label);
    expect(labels()).toContain('Plain net · before: dropout 0.5');
    expect(labels([true, false])).not.toContain('Plain net · before: dropout 0.5');
    expect(labels([true, false])).toContain('Regularized net · before: dropout 0.5');
  });

  it('without a frame shows just the points; without data nothing', () => {
    expect(mainChartSeries(englishT, data, null)).toHaveLength(2);
    expect(mainChartSeries(englishT, null, null)).toEqual([]);
  });

  it('keeps a fixed y-range around the data', () => {
    const r = mainYRange(data);
    expect(r.min).toBeLessThan(-1.2);
    expect(r.max).toBeGreaterThan(1.3);
  });
});

describe('loss chart', () => {
  const series: NetSeries[] = [
    {
      name: 'overfitting',
      label: 'Plain net',
      trainLoss: [1, 0.5, 0.25],
      penalty: [0, 0, 0],
      test: [{ x: 3, y: 0.3 }],
      trainEval: [],
      divergedAt: null,
    },
    {
      name: 'dropout',
      label: 'Regularized net',
      trainLoss: [1, NaN, 0.5],
      penalty: [0.1, 0.1, 0.1],
      test: [{ x: 3, y: 0.2 }],
      trainEval: [],
      divergedAt: null,
    },
  ];

  it('has train and test MSE per net, and the penalty only when it is non-zero', () => {
    const s = lossChartSeries(englishT, series);
    expect(s.map((d) => d.label)).toEqual([
      'Plain net · train MSE',
      'Plain net · test MSE',
      'Regularized net · train MSE',
      'Regularized net · test MSE',
      'Regularized net · penalty (L1/L2)',
    ]);
    expect(s[0].points).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 0.5 },
      { x: 3, y: 0.25 },
    ]);
    expect(s[2].points).toEqual([
      { x: 1, y: 1 },
      { x: 3, y: 0.5 },
    ]);
    // data loss and penalty look different
    const dashes = new Set(s.map((d) => d.dash.join(',')));
    expect(dashes.size).toBe(3);
  });

  it('up to the epoch on screen: shorter series, test MSE at the checkpoints so far, a marker at that epoch', () => {
    const s = lossChartSeries(englishT, series, { upTo: 2 });
    expect(s.find((d) => d.id === 'train:overfitting')?.points).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 0.5 },
    ]);
    expect(s.find((d) => d.id === 'test:overfitting')?.points).toEqual([]);
    const marker = s.find((d) => d.kind === 'marker');
    expect(marker?.points).toEqual([
      { x: 2, y: 0.1 },
      { x: 2, y: 1 },
    ]);
  });

  it('sameTraining: the same train loss every epoch up to the epoch, both runs that far', () => {
    const [plain, reg] = series;
    expect(sameTraining(plain, { ...plain, trainLoss: [1, 0.5, 0.9] }, 2)).toBe(true);
    expect(sameTraining(plain, { ...plain, trainLoss: [1, 0.5, 0.9] }, 3)).toBe(false);
    expect(sameTraining(plain, reg, 3)).toBe(false);
    // a previous run shorter than the epoch asked
    expect(sameTraining(plain, { ...plain, trainLoss: [1] }, 2)).toBe(false);
    expect(sameTraining(undefined, plain, 2)).toBe(false);
  });

  it('draws no ghost losses of a net whose losses so far are the current run’s', () => {
    const s = lossChartSeries(englishT, series, { upTo: 3, ghost: { series, label: 'before: dropout 0.2' } });
    expect(s.filter((d) => d.kind.startsWith('ghost'))).toEqual([]);
  });

  it('draws the previous run’s train and test MSE up to the same epoch, faded and dashed', () => {
    const s = lossChartSeries(englishT, series.slice(0, 1), { upTo: 3, ghost: { series: series.slice(1), label: 'before: dropout 0.2' } });
    const ghostTest = s.find((d) => d.kind === 'ghost-test');
    expect(ghostTest?.label).toBe('Plain net · test MSE · before: dropout 0.2'.replace('Plain net', 'Regularized net'));
    expect(ghostTest?.points).toEqual([{ x: 3, y: 0.2 }]);
    expect(ghostTest?.color).toMatch(/^#[0-9a-f]{8}$/);
    expect(s.find((d) => d.kind === 'ghost-train')?.points).toEqual([
      { x: 1, y: 1 },
      { x: 3, y: 0.5 },
    ]);
  });

  it('downsamples long series to at most maxPoints and keeps the last epoch exact', () => {
    const values = Array.from({ length: 100000 }, (_, i) => 1 / (i + 1));
    const pts = downsampleSeries(values, 1, 500);
    expect(pts.length).toBeLessThanOrEqual(500);
    expect(pts[pts.length - 1]).toEqual({ x: 100000, y: 1 / 100000 });
    for (let i = 1; i < pts.length; i++) expect(pts[i].x).toBeGreaterThan(pts[i - 1].x);
  });

  it('skips values a log axis cannot show', () => {
    expect(downsampleSeries([0, -1, 2, Infinity], 1, 10)).toEqual([{ x: 3, y: 2 }]);
  });
});

describe('film-strip and formatting', () => {
  it('samples frames evenly, first and last included', () => {
    expect(filmFrameIndices(5, 24)).toEqual([0, 1, 2, 3, 4]);
    const idx = filmFrameIndices(1000, 24);
    expect(idx.length).toBe(24);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    expect(filmFrameIndices(0, 24)).toEqual([]);
  });

  it('finitePoints pairs finite coordinates', () => {
    expect(finitePoints([1, 2, 3], [NaN, 2])).toEqual([{ x: 2, y: 2 }]);
  });

  it('formatLogTick labels 1, 2, 5 × 10^k only', () => {
    expect(formatLogTick(1e14)).toBe('1e14');
    expect(formatLogTick(0.02)).toBe('0.02');
    expect(formatLogTick(0.5)).toBe('0.5');
    expect(formatLogTick(5e-6)).toBe('5e-6');
    expect(formatLogTick(100)).toBe('100');
    expect(formatLogTick(0.3)).toBe('');
    expect(formatLogTick(0)).toBe('');
  });

  it('formatLoss', () => {
    expect(formatLoss(0.123456)).toBe('0.123');
    expect(formatLoss(1.2e-5)).toBe('1.20e-5');
    expect(formatLoss(NaN)).toBe('—');
    expect(formatLoss(null)).toBe('—');
  });
});

describe('svgPath and svgDots', () => {
  it('one closed circle of radius r per point, at the point mapped into the box', () => {
    const box = { x: { min: -1, max: 1 }, y: { min: 0, max: 2 } };
    const d = svgDots(
      [
        { x: -1, y: 0 },
        { x: 0.5, y: 1.5 },
      ],
      box.x,
      box.y,
      120,
      80,
      2,
    );
    // (−1, 0) is the box's lower left corner, (0.5, 1.5) is at (90, 20); each circle starts r left of its centre
    expect(d).toBe('M-2.0 80.0a2 2 0 1 0 4 0a2 2 0 1 0 -4 0M88.0 20.0a2 2 0 1 0 4 0a2 2 0 1 0 -4 0');
    expect(svgDots([], box.x, box.y, 120, 80, 2)).toBe('');
  });

  it('svgPath maps into the same box, clamping y to its range (svgDots does not)', () => {
    const box = { x: { min: -1, max: 1 }, y: { min: 0, max: 2 } };
    const pts = [
      { x: -1, y: 0 },
      { x: 0.5, y: 1.5 },
      { x: 1, y: 5 },
      { x: 0, y: -3 },
    ];
    expect(svgPath(pts, box.x, box.y, 120, 80)).toBe('0.0,80.0 90.0,20.0 120.0,0.0 60.0,80.0');
    expect(svgDots(pts.slice(2, 3), box.x, box.y, 120, 80, 2)).toBe('M118.0 -120.0a2 2 0 1 0 4 0a2 2 0 1 0 -4 0');
  });
});
