import { describe, expect, it } from 'vitest';
import { heatColor } from '../../src/ui/batch-state';
import { COLORS, netColor } from '../../src/ui/chart-data';
import { contrastRatio, parseColor, readableTextOn, type Rgb } from '../../src/ui/contrast';

const WHITE: Rgb = [255, 255, 255];
const rgb = (text: string): Rgb => {
  const c = parseColor(text);
  if (!c) throw new Error(`not a colour: ${text}`);
  return c;
};

describe('contrast', () => {
  it('matches WCAG figures: black on white 21:1, matplotlib green #2ca02c on white 3.4:1', () => {
    expect(contrastRatio([0, 0, 0], WHITE)).toBeCloseTo(21, 6);
    expect(contrastRatio(rgb('#2ca02c'), WHITE)).toBeCloseTo(3.4, 1);
    expect(contrastRatio(rgb('#777777'), WHITE)).toBeCloseTo(4.48, 2);
    expect(parseColor('rgb(30, 125, 30)')).toEqual([30, 125, 30]);
    expect(parseColor('rgb(300, 0, 0)')).toBeNull();
    expect(parseColor('green')).toBeNull();
  });

  it('the nets named in text (plain red, regularized green) reach 4.5:1 on white and on the page background', () => {
    for (const i of [0, 1]) {
      expect(contrastRatio(rgb(netColor(i)), WHITE)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(rgb(netColor(i)), rgb('#f4f6f9'))).toBeGreaterThanOrEqual(4.5);
    }
    expect(COLORS.nets[1]).not.toBe('#2ca02c');
  });

  it('text on every heatmap colour is readable (≥ 4.5:1) in black or white', () => {
    for (let i = 0; i <= 200; i++) {
      const bg = rgb(heatColor(10 ** (i / 100), 1, 100));
      expect(contrastRatio(bg, rgb(readableTextOn(bg)))).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableTextOn(rgb(heatColor(1, 1, 100)))).toBe('#ffffff'); // dark blue end
    expect(readableTextOn(rgb(heatColor(100, 1, 100)))).toBe('#000000'); // yellow end
  });
});
