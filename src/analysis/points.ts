// Editing own training points on the chart: nearest point under the pointer, add, move, delete.

export interface EditablePoints {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** Index of the point nearest to (px, py) in pixel space within `radius` pixels, else -1. */
export function nearestPoint(pixels: readonly { x: number; y: number }[], px: number, py: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  pixels.forEach((p, i) => {
    const d = (p.x - px) ** 2 + (p.y - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

export function addPoint(p: EditablePoints, x: number, y: number): EditablePoints {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return p;
  return { x: [...p.x, x], y: [...p.y, y] };
}

export function movePoint(p: EditablePoints, index: number, x: number, y: number): EditablePoints {
  if (index < 0 || index >= p.x.length || !Number.isFinite(x) || !Number.isFinite(y)) return p;
  const nx = [...p.x],
    ny = [...p.y];
  nx[index] = x;
  ny[index] = y;
  return { x: nx, y: ny };
}

/** Delete one point; at least `keep` points always stay (the engine needs data). */
export function deletePoint(p: EditablePoints, index: number, keep = 2): EditablePoints {
  if (index < 0 || index >= p.x.length || p.x.length <= keep) return p;
  return { x: p.x.filter((_, i) => i !== index), y: p.y.filter((_, i) => i !== index) };
}
