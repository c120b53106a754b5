// Slider <-> value mapping driven by the settings schema (linear and "log0" scales).
//
// A log0 slider is logarithmic between spec.minPositive and spec.max and offers exactly 0 at its
// leftmost position (when the spec allows 0). A log0 spec whose min is already positive is a plain
// logarithmic slider from min to max.

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
