// The curves' tween on a stand-in for a chart.js chart: elements start where they were drawn, move
// along easeOutCubic, end at the new data's places; new or resized datasets and a resized chart
// are left alone.

import { describe, expect, it } from 'vitest';
import { ElementTween, easeOutCubic, elementPositions, type TweenableChart } from '../../src/ui/chart-tween';

/** As chart.js's line element: a path built on the first draw and kept until the points are set. */
class FakeLine {
  private pts: { y: number }[];
  path: string | null = null;
  constructor(points: { y: number }[]) {
    this.pts = points;
  }
  get points(): { y: number }[] {
    return this.pts;
  }
  set points(points: { y: number }[]) {
    this.pts = points;
    this.path = null;
  }
  draw(): void {
    this.path ??= this.pts.map((p) => p.y).join(',');
  }
}

class FakeChart implements TweenableChart {
  width = 600;
  height = 400;
  draws = 0;
  readonly lines = new Map<number, FakeLine>();
  readonly data: { datasets: { label?: string }[] };
  constructor(
    readonly metas: { y: number }[][],
    labels: string[],
  ) {
    this.data = { datasets: labels.map((label) => ({ label })) };
  }
  getDatasetMeta(i: number): { data: { y: number }[]; dataset: FakeLine } {
    let line = this.lines.get(i);
    if (!line || line.points !== this.metas[i]) this.lines.set(i, (line = new FakeLine(this.metas[i])));
    return { data: this.metas[i], dataset: line };
  }
  draw(): void {
    this.draws++;
    this.metas.forEach((_, i) => this.getDatasetMeta(i).dataset.draw());
  }
  /** the y values each line's path was drawn through */
  drawnPath(i: number): string | null {
    return this.lines.get(i)?.path ?? null;
  }
  /** what chart.update('none') does to the elements: puts them at the new data's pixels */
  place(ys: number[][]): void {
    ys.forEach((col, i) => {
      this.metas[i] = col.map((y, j) => this.metas[i][j] ?? { y }).map((e, j) => Object.assign(e, { y: col[j] }));
    });
  }
}

const ys = (chart: FakeChart, i: number): number[] => chart.metas[i].map((e) => e.y);

describe('ElementTween', () => {
  it('starts at the drawn places, follows easeOutCubic, ends at the new ones, drawing each step', () => {
    const chart = new FakeChart([[{ y: 10 }, { y: 20 }]], ['net']);
    const from = elementPositions(chart);
    chart.place([[30, 0]]);
    const tween = new ElementTween(chart, from, 1000, 200);
    expect(tween.moving).toBe(true);
    expect(ys(chart, 0)).toEqual([10, 20]);

    expect(tween.step(1100)).toBe(true);
    const e = easeOutCubic(0.5);
    expect(e).toBeCloseTo(0.875, 12);
    expect(ys(chart, 0)[0]).toBeCloseTo(10 + 20 * e, 12);
    expect(ys(chart, 0)[1]).toBeCloseTo(20 - 20 * e, 12);
    expect(chart.draws).toBe(1);

    expect(tween.step(1250)).toBe(false);
    expect(ys(chart, 0)).toEqual([30, 0]);
    expect(chart.draws).toBe(2);
  });

  it('redraws the line through the moved points at every step (the line’s cached path is dropped)', () => {
    const chart = new FakeChart([[{ y: 10 }, { y: 20 }]], ['net']);
    const from = elementPositions(chart);
    chart.place([[30, 0]]);
    const tween = new ElementTween(chart, from, 0, 200);
    const drawn: (string | null)[] = [];
    for (const t of [50, 100, 150, 200]) {
      tween.step(t);
      drawn.push(chart.drawnPath(0));
    }
    expect(new Set(drawn).size).toBe(4);
    expect(drawn[3]).toBe('30,0');
  });

  it('matches datasets by label and occurrence, and leaves new, resized or undrawn ones where the update put them', () => {
    const chart = new FakeChart([[{ y: 1 }], [{ y: 2 }], [{ y: 3 }, { y: 3 }], [{ y: NaN }]], ['curve', 'curve', 'grows', 'undrawn']);
    const from = elementPositions(chart);
    chart.metas[2].push({ y: 3 });
    chart.place([[11], [12], [13, 13, 13], [14]]);
    chart.data.datasets.push({ label: 'new' });
    chart.metas.push([{ y: 5 }]);
    const tween = new ElementTween(chart, from, 0, 100);
    // both "curve" datasets start at their own old places
    expect(ys(chart, 0)).toEqual([1]);
    expect(ys(chart, 1)).toEqual([2]);
    expect(ys(chart, 2)).toEqual([13, 13, 13]);
    expect(ys(chart, 3)).toEqual([14]);
    expect(ys(chart, 4)).toEqual([5]);
    tween.step(100);
    expect(ys(chart, 0)).toEqual([11]);
    expect(ys(chart, 1)).toEqual([12]);
  });

  it('does not move when nothing changed', () => {
    const chart = new FakeChart([[{ y: 4 }]], ['net']);
    const tween = new ElementTween(chart, elementPositions(chart), 0, 100);
    expect(tween.moving).toBe(false);
  });

  it('stops without drawing once the chart was resized (its resize placed the elements anew)', () => {
    const chart = new FakeChart([[{ y: 0 }]], ['net']);
    const from = elementPositions(chart);
    chart.place([[100]]);
    const tween = new ElementTween(chart, from, 0, 100);
    chart.width = 300;
    chart.place([[50]]);
    expect(tween.step(50)).toBe(false);
    expect(chart.draws).toBe(0);
    expect(ys(chart, 0)).toEqual([50]);
  });
});
