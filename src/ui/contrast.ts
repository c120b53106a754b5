// WCAG contrast: the relative luminance of an sRGB colour, the contrast ratio of two colours, and
// the text colour (black or white) readable on a background. Black or white always reaches at
// least 4.58:1, above the 4.5:1 that WCAG AA asks of small text.

export type Rgb = readonly [number, number, number];

/** "#1e7d1e" or "rgb(30, 125, 30)" as [r, g, b] (0–255); null for anything else. */
export function parseColor(text: string): Rgb | null {
  const hex = /^#([0-9a-f]{6})$/i.exec(text.trim());
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/i.exec(text.trim());
  if (rgb) {
    const c = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] as const;
    return c.every((v) => v <= 255) ? c : null;
  }
  return null;
}

/** WCAG 2 relative luminance (0 black … 1 white). */
export function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio (1 … 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** '#000000' or '#ffffff', whichever contrasts more with the background. */
export function readableTextOn(background: Rgb): '#000000' | '#ffffff' {
  return contrastRatio(background, [0, 0, 0]) >= contrastRatio(background, [255, 255, 255]) ? '#000000' : '#ffffff';
}
