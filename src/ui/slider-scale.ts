// Slider <-> value mapping driven by the settings schema (linear and "log0" scales).
//
// A log0 slider is logarithmic between spec.minPositive and spec.max and offers exactly 0 at its
// leftmost position (when the spec allows 0). A log0 spec whose min is already positive is a plain
// logarithmic slider from min to max. Keys: a log slider steps by a tenth of a decade per arrow key
// and a decade per PageUp/PageDown; a linear one by a round step and ten of them.

import type { NumberSpec } from '../experiment/settings';

/** Number of discrete positions of a logarithmic slider (0..LOG_STEPS). */
export const LOG_STEPS = 1000;

export interface SliderGeometry {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** Round to `digits` significant digits (kills float noise such as 0.30000000000000004). */
export function roundSignificant(v: number, digits = 3): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(digits));
}

/** A "nice" linear step: the power of ten closest to range/100 (0.01 for 0–0.9, 1 for integers). */
export function linearStep(spec: NumberSpec): number {
  if (spec.kind === 'integer') return 1;
  const range = spec.max - spec.min;
  if (!(range > 0)) return 1;
  return 10 ** Math.round(Math.log10(range / 100));
}

function logBounds(spec: NumberSpec): { zero: boolean; lo: number; hi: number } {
  const zero = spec.min <= 0;
  const lo = spec.min > 0 ? spec.min : (spec.minPositive ?? spec.max / 1e6);
  return { zero, lo, hi: spec.max };
}

export function sliderGeometry(spec: NumberSpec): SliderGeometry {
  if (spec.scale === 'log0') return { min: 0, max: LOG_STEPS, step: 1 };
  return { min: spec.min, max: spec.max, step: linearStep(spec) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The setting value at a slider position. */
export function sliderToValue(spec: NumberSpec, position: number): number {
  if (spec.scale !== 'log0') {
    const step = linearStep(spec);
    const stepped = spec.min + Math.round((position - spec.min) / step) * step;
    const v = spec.kind === 'integer' ? Math.round(stepped) : roundSignificant(stepped, 6);
    return clamp(v, spec.min, spec.max);
  }
  const { zero, lo, hi } = logBounds(spec);
  const pos = clamp(Math.round(position), 0, LOG_STEPS);
  if (zero && pos === 0) return 0;
  const frac = zero ? (pos - 1) / (LOG_STEPS - 1) : pos / LOG_STEPS;
  const v = roundSignificant(lo * (hi / lo) ** frac, 3);
  return clamp(v, lo, hi);
}

/** The slider position showing a setting value (nearest position for values between steps). */
export function valueToSlider(spec: NumberSpec, value: number): number {
  if (spec.scale !== 'log0') return clamp(value, spec.min, spec.max);
  // 0 (or below): the leftmost position, which is exactly 0 or, without a zero, the minimum
  if (!(value > 0)) return 0;
  const { zero, lo, hi } = logBounds(spec);
  const t = Math.log(clamp(value, lo, hi) / lo) / Math.log(hi / lo);
  return zero ? 1 + Math.round(t * (LOG_STEPS - 1)) : Math.round(t * LOG_STEPS);
}

/** Compact display of a setting value: 0, 0.5, 0.001, 1e-5, 3.2e-6, 300, 4294967295. */
export function formatValue(spec: NumberSpec, value: number): string {
  if (spec.kind === 'integer') return String(Math.round(value));
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e5) {
    const [mant, exp] = roundSignificant(value, 3).toExponential().split('e');
    return `${Number(mant)}e${Number(exp)}`;
  }
  return String(roundSignificant(value, 3));
}

/** Arrow keys move a log slider to the next tenth of a decade (1e-5, 1.26e-5, 1.58e-5, …). */
export const LOG_ARROW_DECADES = 0.1;
/** PageUp/PageDown multiply or divide a log slider's value by 10. */
export const LOG_PAGE_FACTOR = 10;

/** The keys a slider handles itself, and what each does. */
export type SliderKey = 'ArrowUp' | 'ArrowRight' | 'ArrowDown' | 'ArrowLeft' | 'PageUp' | 'PageDown' | 'Home' | 'End';
const SLIDER_KEYS: ReadonlySet<string> = new Set<SliderKey>([
  'ArrowUp',
  'ArrowRight',
  'ArrowDown',
  'ArrowLeft',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

function isSliderKey(key: string): key is SliderKey {
  return SLIDER_KEYS.has(key);
}

/** k·step without float noise (51 · 0.01 = 0.51, not 0.51000000000000001). */
function multipleOf(k: number, step: number): number {
  return step < 1 ? k / Math.round(1 / step) : k * step;
}

/** The power of ten nearest to x (x > 0). */
function nearestPowerOfTen(x: number): number {
  return 10 ** Math.round(Math.log10(x));
}

/** The arrow-key and page-key steps of a linear slider: a hundredth and a tenth of its range, rounded to powers of ten. */
export function linearKeySteps(spec: NumberSpec): { arrow: number; page: number } {
  const range = spec.max - spec.min;
  if (!(range > 0)) return { arrow: 1, page: 1 };
  const arrow = spec.kind === 'integer' ? Math.max(1, nearestPowerOfTen(range / 100)) : linearStep(spec);
  return { arrow, page: Math.max(arrow, nearestPowerOfTen(range / 10)) };
}

/** The next multiple of `step` above (dir 1) or below (dir -1) v; v itself never counts. */
function nextMultiple(v: number, step: number, dir: 1 | -1): number {
  const k = v / step;
  const eps = 1e-9;
  return multipleOf(dir > 0 ? Math.floor(k + eps) + 1 : Math.ceil(k - eps) - 1, step);
}

function linearKeyValue(spec: NumberSpec, value: number, key: SliderKey): number {
  const { arrow, page } = linearKeySteps(spec);
  switch (key) {
    case 'Home':
      return spec.min;
    case 'End':
      return spec.max;
    case 'ArrowUp':
    case 'ArrowRight':
      return clamp(nextMultiple(value, arrow, 1), spec.min, spec.max);
    case 'ArrowDown':
    case 'ArrowLeft':
      return clamp(nextMultiple(value, arrow, -1), spec.min, spec.max);
    case 'PageUp':
      return clamp(nextMultiple(value, page, 1), spec.min, spec.max);
    case 'PageDown':
      return clamp(nextMultiple(value, page, -1), spec.min, spec.max);
  }
}

/** The tenth-of-a-decade mark next above (dir 1) or below (dir -1) v > 0, at 3 significant digits. */
function nextLogMark(v: number, dir: 1 | -1): number {
  const tenths = Math.log10(v) / LOG_ARROW_DECADES;
  // a mark rounded to 3 digits lies up to 0.015 tenths off the exact one: within 0.05 counts as on it
  const eps = 0.05;
  const n = dir > 0 ? Math.floor(tenths + eps) + 1 : Math.ceil(tenths - eps) - 1;
  return roundSignificant(10 ** (n * LOG_ARROW_DECADES), 3);
}

function logKeyValue(spec: NumberSpec, value: number, key: SliderKey): number {
  const { zero, lo, hi } = logBounds(spec);
  const bottom = zero ? 0 : lo;
  /** a value below the smallest positive one: that one when coming from above it, else the bottom */
  const floorAt = (v: number, from: number): number => (v >= lo ? v : from > lo ? lo : bottom);
  if (key === 'Home') return bottom;
  if (key === 'End') return hi;
  const up = key === 'ArrowUp' || key === 'ArrowRight' || key === 'PageUp';
  const current = clamp(value, bottom, hi);
  if (!(current > 0)) return up ? lo : bottom;
  const page = key === 'PageUp' || key === 'PageDown';
  const next = page ? roundSignificant(up ? current * LOG_PAGE_FACTOR : current / LOG_PAGE_FACTOR, 3) : nextLogMark(current, up ? 1 : -1);
  return up ? Math.min(hi, Math.max(lo, next)) : floorAt(next, current);
}

/**
 * The setting value after a key press on its slider, or null for a key the slider leaves to the
 * browser. Log sliders: ×10^0.1 per arrow (to the next tenth-of-a-decade mark), ×10 per page key,
 * 0 below the smallest positive value when the spec allows 0. Linear sliders: a hundredth of the
 * range per arrow and a tenth per page key, as round numbers.
 */
export function sliderKeyValue(spec: NumberSpec, value: number, key: string): number | null {
  if (!isSliderKey(key)) return null;
  return spec.scale === 'log0' ? logKeyValue(spec, value, key) : linearKeyValue(spec, value, key);
}
