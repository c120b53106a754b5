import { describe, expect, it } from 'vitest';
import { clampPos, gridMove } from '../../src/ui/grid-nav';

describe('heatmap grid keys', () => {
  it('arrows move one cell and stop at the edges', () => {
    expect(gridMove({ row: 2, col: 3 }, 'ArrowRight', 8, 8)).toEqual({ row: 2, col: 4 });
    expect(gridMove({ row: 2, col: 3 }, 'ArrowLeft', 8, 8)).toEqual({ row: 2, col: 2 });
    expect(gridMove({ row: 2, col: 3 }, 'ArrowDown', 8, 8)).toEqual({ row: 3, col: 3 });
    expect(gridMove({ row: 2, col: 3 }, 'ArrowUp', 8, 8)).toEqual({ row: 1, col: 3 });
    expect(gridMove({ row: 0, col: 0 }, 'ArrowUp', 8, 8)).toEqual({ row: 0, col: 0 });
    expect(gridMove({ row: 0, col: 0 }, 'ArrowLeft', 8, 8)).toEqual({ row: 0, col: 0 });
    expect(gridMove({ row: 7, col: 7 }, 'ArrowRight', 8, 8)).toEqual({ row: 7, col: 7 });
    expect(gridMove({ row: 7, col: 7 }, 'ArrowDown', 8, 8)).toEqual({ row: 7, col: 7 });
  });

  it('Home/End go to the row ends, with Ctrl to the grid corners; PageUp/PageDown to the column ends', () => {
    expect(gridMove({ row: 2, col: 3 }, 'Home', 4, 5)).toEqual({ row: 2, col: 0 });
    expect(gridMove({ row: 2, col: 3 }, 'End', 4, 5)).toEqual({ row: 2, col: 4 });
    expect(gridMove({ row: 2, col: 3 }, 'Home', 4, 5, true)).toEqual({ row: 0, col: 0 });
    expect(gridMove({ row: 2, col: 3 }, 'End', 4, 5, true)).toEqual({ row: 3, col: 4 });
    expect(gridMove({ row: 2, col: 3 }, 'PageUp', 4, 5)).toEqual({ row: 0, col: 3 });
    expect(gridMove({ row: 2, col: 3 }, 'PageDown', 4, 5)).toEqual({ row: 3, col: 3 });
  });

  it('a position left over from a larger grid is pulled inside; other keys and empty grids move nothing', () => {
    expect(clampPos({ row: 7, col: 7 }, 4, 4)).toEqual({ row: 3, col: 3 });
    expect(gridMove({ row: 7, col: 7 }, 'ArrowLeft', 4, 4)).toEqual({ row: 3, col: 2 });
    expect(gridMove({ row: 0, col: 0 }, 'Enter', 4, 4)).toBeNull();
    expect(gridMove({ row: 0, col: 0 }, 'ArrowRight', 0, 0)).toBeNull();
  });
});
