import { describe, expect, it } from 'vitest';
import { SCHEMA, type NumberSpec } from '../../src/experiment/settings';
import {
  LOG_STEPS,
  formatValue,
  linearKeySteps,
  linearStep,
  sliderGeometry,
  sliderKeyValue,
  sliderToValue,
  valueToSlider,
} from '../../src/ui/slider-scale';

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

describe('slider keys', () => {
  const press = (spec: NumberSpec, from: number, key: string, times = 1): number => {
    let v = from;
    for (let i = 0; i < times; i++) v = sliderKeyValue(spec, v, key) ?? NaN;
    return v;
  };

  it('log: an arrow key moves by a tenth of a decade (×10^0.1), ten of them by a decade', () => {
    for (const v of [1e-5, 1e-4, 1e-3]) {
      const up = press(wd, v, 'ArrowRight');
      expect(up / v).toBeCloseTo(10 ** 0.1, 2);
      expect(press(wd, v, 'ArrowLeft') / v).toBeCloseTo(10 ** -0.1, 2);
      expect(press(wd, v, 'ArrowUp', 10)).toBeCloseTo(v * 10, 12);
      expect(press(wd, v * 10, 'ArrowDown', 10)).toBeCloseTo(v, 12);
    }
    // the marks are round: 1e-4, 1.26e-4, 1.58e-4, 2e-4, 2.51e-4, 3.16e-4 …
    expect([1, 2, 3, 4, 5].map((n) => press(wd, 1e-4, 'ArrowRight', n))).toEqual([1.26e-4, 1.58e-4, 2e-4, 2.51e-4, 3.16e-4]);
  });

  it('log: a value between marks moves to the next mark, never by less than a step twice', () => {
    // 3e-4 lies between the marks 2.51e-4 and 3.16e-4
    expect(press(wd, 3e-4, 'ArrowRight')).toBe(3.16e-4);
    expect(press(wd, 3e-4, 'ArrowLeft')).toBe(2.51e-4);
  });

  it('log: PageUp/PageDown multiply and divide by 10', () => {
    expect(press(wd, 3e-4, 'PageUp')).toBe(3e-3);
    expect(press(wd, 3e-4, 'PageDown')).toBe(3e-5);
    expect(press(lr, 0.001, 'PageUp')).toBe(0.01);
    expect(press(lr, 0.01, 'PageDown')).toBe(0.001);
  });

  it('log: the ends, and 0 below the smallest positive value', () => {
    expect(press(wd, 0.05, 'Home')).toBe(0);
    expect(press(wd, 0.05, 'End')).toBe(wd.max);
    expect(press(wd, 0, 'ArrowRight')).toBe(wd.minPositive);
    expect(press(wd, 0, 'PageUp')).toBe(wd.minPositive);
    expect(press(wd, wd.minPositive ?? NaN, 'ArrowLeft')).toBe(0);
    expect(press(wd, 3e-6, 'PageDown')).toBe(wd.minPositive);
    expect(press(wd, 3e-6, 'PageDown', 2)).toBe(0);
    expect(press(wd, 0, 'ArrowLeft')).toBe(0);
    expect(press(wd, wd.max, 'PageUp')).toBe(wd.max);
    expect(press(wd, 0.08, 'ArrowUp')).toBe(wd.max);
    expect(press(l1, 0, 'ArrowUp')).toBe(l1.minPositive);
    // a learning rate has no 0: its bottom is its minimum
    expect(press(lr, lr.min, 'ArrowLeft')).toBe(lr.min);
    expect(press(lr, 0.5, 'Home')).toBe(lr.min);
  });

  it('log: every key press stays in range and round-trips through the slider position', () => {
    for (const spec of [wd, l1, lr])
      for (const key of ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown']) {
        let v = spec.default;
        for (let i = 0; i < 80; i++) {
          v = press(spec, v, key);
          expect(v).toBeGreaterThanOrEqual(spec.min);
          expect(v).toBeLessThanOrEqual(spec.max);
          if (v > 0) expect(Math.abs(Math.log(sliderToValue(spec, valueToSlider(spec, v)) / v))).toBeLessThan(0.01);
        }
      }
  });

  it('linear: a hundredth of the range per arrow, a tenth per page key, as round numbers', () => {
    expect(linearKeySteps(dropout)).toEqual({ arrow: 0.01, page: 0.1 });
    expect(linearKeySteps(hidden)).toEqual({ arrow: 10, page: 100 });
    expect(linearKeySteps(SCHEMA.layers)).toEqual({ arrow: 1, page: 1 });
    expect(press(dropout, 0.5, 'ArrowRight')).toBe(0.51);
    expect(press(dropout, 0.5, 'ArrowLeft', 3)).toBe(0.47);
    expect(press(dropout, 0.5, 'PageUp')).toBe(0.6);
    expect(press(dropout, 0.55, 'PageDown')).toBe(0.5);
    expect(press(dropout, 0.85, 'PageUp')).toBe(dropout.max);
    expect(press(dropout, 0.3, 'Home')).toBe(0);
    expect(press(hidden, 300, 'ArrowUp')).toBe(310);
    expect(press(hidden, 8, 'ArrowUp')).toBe(10);
    expect(press(hidden, 8, 'ArrowDown')).toBe(hidden.min);
    expect(press(hidden, 300, 'End')).toBe(hidden.max);
    expect(press(SCHEMA.layers, 2, 'PageUp')).toBe(3);
  });

  it('leaves other keys to the browser', () => {
    expect(sliderKeyValue(wd, 1e-4, 'Tab')).toBeNull();
    expect(sliderKeyValue(dropout, 0.5, 'a')).toBeNull();
  });
});
