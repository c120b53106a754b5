// The experiment's data: the tutorial's exact PyTorch points, or fresh points y = x + σ·N(0,1) on
// x ∈ [-1, 1] drawn from the project's generator (key (seed, STREAM_DATA); train noise uses
// counters 0..N-1, test noise N..2N-1).

import { STREAM_DATA } from '../engine/plan';
import { normalAt } from '../engine/random/threefry';
import tutorial from './tutorial-data.json';
import type { Dataset } from './types';

const f = Math.fround;

/** PyTorch's 20 train and 20 test points of the tutorial (torch.manual_seed(1)). */
export function tutorialData(): Dataset {
  return { x: tutorial.x.map(f), y: tutorial.y.map(f), testX: tutorial.test_x.map(f), testY: tutorial.test_y.map(f) };
}

export function linspace(from: number, to: number, n: number): number[] {
  if (n === 1) return [f(from)];
  return Array.from({ length: n }, (_, i) => f(from + ((to - from) * i) / (n - 1)));
}

export function generateData(points: number, noise: number, seed: number): Dataset {
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`data: points must be a whole number ≥ 2, got ${points}`);
  if (!Number.isFinite(noise) || noise < 0) throw new RangeError(`data: noise must be a finite number ≥ 0, got ${noise}`);
  const x = linspace(-1, 1, points);
  const y = x.map((xi, i) => f(xi + noise * normalAt(seed, STREAM_DATA, i)));
  const testY = x.map((xi, i) => f(xi + noise * normalAt(seed, STREAM_DATA, points + i)));
  return { x, y, testX: [...x], testY };
}

/** Checks user-supplied data (own points, CSV) before it reaches the engine. */
export function validateDataset(d: Dataset): void {
  const check = (name: string, v: readonly number[]) => {
    if (v.length < 1) throw new RangeError(`data: ${name} is empty`);
    v.forEach((e, i) => {
      if (!Number.isFinite(e)) throw new RangeError(`data: ${name}[${i}] = ${e} is not a finite number`);
    });
  };
  check('x', d.x);
  check('y', d.y);
  check('testX', d.testX);
  check('testY', d.testY);
  if (d.x.length !== d.y.length) throw new RangeError(`data: ${d.x.length} x values but ${d.y.length} y values`);
  if (d.testX.length !== d.testY.length) throw new RangeError(`data: ${d.testX.length} test x values but ${d.testY.length} test y values`);
}
