import { describe, expect, it } from 'vitest';
import { SCHEMA } from '../../src/experiment/settings';
import { LOG_STEPS, formatValue, linearStep, sliderGeometry, sliderToValue, valueToSlider } from '../../src/ui/slider-scale';

const wd = SCHEMA.weightDecay;
const l1 = SCHEMA.l1;
const lr = SCHEMA.lrPlain;
const dropout = SCHEMA.dropout;
const hidden = SCHEMA.hidden;

describe('log0 sliders', () => {
  it('offer exactly 0 at the left end and the maximum at the right end', () => {
    expect(sliderGeometry(wd)).toEqual({ min: 0, max: LOG_STEPS, step: 1 });
    expect(sliderToValue(wd, 0)).toBe(0);
    expect(sliderToValue(wd, LOG_STEPS)).toBe(wd.max);
    expect(sliderToValue(l1, 0)).toBe(0);
    expect(sliderToValue(l1, LOG_STEPS)).toBe(l1.max);
  });

  it('start at the smallest non-zero value right after 0', () => {
    expect(sliderToValue(wd, 1)).toBe(wd.minPositive);
    expect(sliderToValue(l1, 1)).toBe(l1.minPositive);
  });

  it('are logarithmic: equal steps multiply the value by the same factor', () => {
    const a = sliderToValue(wd, 200);
    const b = sliderToValue(wd, 400);
    const c = sliderToValue(wd, 600);
    expect(b / a).toBeCloseTo(c / b, 1);
    expect(b).toBeGreaterThan(a);
  });

  it('round-trip: value -> position -> value stays within one step', () => {
    for (const v of [0, 1e-6, 1e-5, 3e-4, 0.001, 0.01, 0.05, 0.1]) {
      const back = sliderToValue(wd, valueToSlider(wd, v));
      if (v === 0) expect(back).toBe(0);
      else expect(Math.abs(Math.log(back / v))).toBeLessThan(0.02);
    }
  });

  it('a log0 spec with a positive minimum is plain log from min to max (no zero)', () => {
    expect(sliderToValue(lr, 0)).toBe(lr.min);
    expect(sliderToValue(lr, LOG_STEPS)).toBe(lr.max);
    expect(valueToSlider(lr, lr.default)).toBeGreaterThan(0);
    expect(sliderToValue(lr, valueToSlider(lr, 0.001))).toBeCloseTo(0.001, 6);
    expect(sliderToValue(lr, valueToSlider(lr, 0.01))).toBeCloseTo(0.01, 6);
  });

  it('values stay within the schema range', () => {
    for (let p = 0; p <= LOG_STEPS; p += 37) {
      const v = sliderToValue(wd, p);
      expect(v).toBeGreaterThanOrEqual(wd.min);
      expect(v).toBeLessThanOrEqual(wd.max);
    }
  });
});

describe('linear sliders', () => {
  it('use the schema range and a nice step', () => {
    expect(sliderGeometry(dropout)).toEqual({ min: 0, max: 0.9, step: 0.01 });
    expect(linearStep(hidden)).toBe(1);
    expect(sliderGeometry(hidden)).toEqual({ min: 8, max: 1024, step: 1 });
  });

  it('snap to the step without float noise and clamp', () => {
    expect(sliderToValue(dropout, 0.30000000000000004)).toBe(0.3);
    expect(sliderToValue(dropout, 2)).toBe(0.9);
    expect(sliderToValue(hidden, 16.4)).toBe(16);
    expect(valueToSlider(dropout, 0.5)).toBe(0.5);
  });
});

describe('formatValue', () => {
  it('is compact', () => {
    expect(formatValue(wd, 0)).toBe('0');
    expect(formatValue(dropout, 0.5)).toBe('0.5');
    expect(formatValue(lr, 0.001)).toBe('0.001');
    expect(formatValue(lr, 1e-5)).toBe('1e-5');
    expect(formatValue(wd, 3.16e-6)).toBe('3.16e-6');
    expect(formatValue(hidden, 300)).toBe('300');
  });
});
