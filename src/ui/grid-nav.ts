// Keyboard movement in a roving-tabindex grid (the sweep heatmap): arrows move one cell, Home/End
// to the row's ends, Ctrl+Home/End to the first and last cell, PageUp/PageDown to the column's
// ends. Pure: the component keeps the position and moves focus.

export interface GridPos {
  readonly row: number;
  readonly col: number;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** A position inside a rows×cols grid (the nearest one to `p`); (0, 0) for an empty grid. */
export function clampPos(p: GridPos, rows: number, cols: number): GridPos {
  if (rows < 1 || cols < 1) return { row: 0, col: 0 };
  return { row: clamp(p.row, 0, rows - 1), col: clamp(p.col, 0, cols - 1) };
}

/** Where a key moves the active cell, or null when the key is not a grid movement. */
export function gridMove(p: GridPos, key: string, rows: number, cols: number, ctrl = false): GridPos | null {
  if (rows < 1 || cols < 1) return null;
  const at = clampPos(p, rows, cols);
  switch (key) {
    case 'ArrowRight':
      return { ...at, col: Math.min(cols - 1, at.col + 1) };
    case 'ArrowLeft':
      return { ...at, col: Math.max(0, at.col - 1) };
    case 'ArrowDown':
      return { ...at, row: Math.min(rows - 1, at.row + 1) };
    case 'ArrowUp':
      return { ...at, row: Math.max(0, at.row - 1) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { ...at, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { ...at, col: cols - 1 };
    case 'PageUp':
      return { ...at, row: 0 };
    case 'PageDown':
      return { ...at, row: rows - 1 };
    default:
      return null;
  }
}
