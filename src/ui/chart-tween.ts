// The curves' tween between two frames. chart.js draws; this moves its point elements' y from where
// they were drawn to where the new data put them, one step per animation frame, and redraws.
// chart.js's own animations would do the same, but they resolve an animation configuration for every
// point element on every update and cannot cache it (the resolver carries the element's context):
// 10-20 ms for the fit chart's ~700 points on a slow machine, each frame, in one task.
// chart.js's line element caches its path (a Path2D) while its animations are off, until its
// points are set again: each step sets them, or the curves would stay where the step before the
// cache was built drew them.

/** What the tween needs of a chart.js chart. */
export interface TweenableChart {
  readonly width: number;
  readonly height: number;
  readonly data: { readonly datasets: readonly { readonly label?: string }[] };
  getDatasetMeta(index: number): { readonly data: readonly { y: number }[]; readonly dataset?: object };
  draw(): void;
}

/** Each dataset's element y pixels, by label (and occurrence, for labels that repeat). */
export type ElementPositions = ReadonlyMap<string, Float64Array>;

/** How the move eases (as chart.js's easeOutCubic). */
export const easeOutCubic = (p: number): number => 1 - (1 - p) ** 3;

function datasetKeys(chart: TweenableChart): string[] {
  const seen = new Map<string, number>();
  return chart.data.datasets.map((d) => {
    const label = d.label ?? '';
    const n = seen.get(label) ?? 0;
    seen.set(label, n + 1);
    return `${label}#${n}`;
  });
}

/** The y of every element as drawn now. */
export function elementPositions(chart: TweenableChart): ElementPositions {
  const out = new Map<string, Float64Array>();
  datasetKeys(chart).forEach((key, i) =>
    out.set(
      key,
      Float64Array.from(chart.getDatasetMeta(i).data, (e) => e.y),
    ),
  );
  return out;
}

interface Move {
  readonly elements: readonly { y: number }[];
  /** the dataset's line element: setting its points drops its cached path */
  readonly line: object | undefined;
  readonly from: Float64Array;
  readonly to: Float64Array;
}

/**
 * One tween: built right after the chart was updated to the new data (its elements at their new
 * places, `from` the places they were drawn at before), it puts the elements back at `from`, and
 * `step(now)` moves them along until `durationMs` has passed. Datasets that are new, whose number
 * of points changed, or that were never drawn simply appear at their new places.
 */
export class ElementTween {
  private readonly moves: Move[] = [];
  private readonly width: number;
  private readonly height: number;

  constructor(
    private readonly chart: TweenableChart,
    from: ElementPositions,
    private readonly startMs: number,
    private readonly durationMs: number,
  ) {
    this.width = chart.width;
    this.height = chart.height;
    datasetKeys(chart).forEach((key, i) => {
      const before = from.get(key);
      const meta = chart.getDatasetMeta(i);
      const elements = meta.data;
      if (!before || before.length !== elements.length || elements.length === 0 || !before.every(Number.isFinite)) return;
      const to = Float64Array.from(elements, (e) => e.y);
      if (to.every((y, j) => y === before[j])) return;
      this.moves.push({ elements, line: meta.dataset, from: before, to });
    });
    this.place(0);
  }

  /** Whether anything moves at all. */
  get moving(): boolean {
    return this.moves.length > 0;
  }

  private place(p: number): void {
    const e = easeOutCubic(Math.min(1, Math.max(0, p)));
    for (const { elements, line, from, to } of this.moves) {
      for (let j = 0; j < elements.length; j++) elements[j].y = from[j] + (to[j] - from[j]) * e;
      if (line && 'points' in line) {
        const points = line.points;
        line.points = points;
      }
    }
  }

  /**
   * Moves the elements to where they are at `nowMs` and draws. False once the tween is over, or
   * once the chart was resized meanwhile (its resize placed the elements anew: the tween stops
   * there and leaves them).
   */
  step(nowMs: number): boolean {
    if (this.chart.width !== this.width || this.chart.height !== this.height) return false;
    const p = this.durationMs > 0 ? (nowMs - this.startMs) / this.durationMs : 1;
    this.place(p);
    this.chart.draw();
    return p < 1;
  }
}
