import { describe, expect, it } from 'vitest';
import { addPoint, deletePoint, movePoint, nearestPoint } from '../../src/analysis/points';

describe('own points', () => {
  const p = { x: [0, 1, 2], y: [0, 1, 4] };
  it('finds the nearest point within the radius', () => {
    const px = [
      { x: 10, y: 10 },
      { x: 20, y: 10 },
      { x: 40, y: 40 },
    ];
    expect(nearestPoint(px, 18, 11, 6)).toBe(1);
    expect(nearestPoint(px, 30, 25, 6)).toBe(-1);
  });
  it('adds, moves and deletes without touching the input', () => {
    expect(addPoint(p, 3, 9)).toEqual({ x: [0, 1, 2, 3], y: [0, 1, 4, 9] });
    expect(addPoint(p, NaN, 1)).toBe(p);
    expect(movePoint(p, 1, 0.5, -1)).toEqual({ x: [0, 0.5, 2], y: [0, -1, 4] });
    expect(movePoint(p, 7, 0, 0)).toBe(p);
    expect(deletePoint(p, 0)).toEqual({ x: [1, 2], y: [1, 4] });
    expect(deletePoint({ x: [1, 2], y: [1, 2] }, 0)).toEqual({ x: [1, 2], y: [1, 2] });
    expect(p).toEqual({ x: [0, 1, 2], y: [0, 1, 4] });
  });
});
