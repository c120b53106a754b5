// The settings schema: clamping with reasons, strict CLI validation (its URL form: tests/ui/url-state.test.ts).
import { describe, expect, it } from 'vitest';
import { SCHEMA, coerceSetting, defaultSettings, requireValidSettings, resolveSettings } from '../../src/experiment/settings';

describe('settings schema', () => {
  it('clamps out-of-range values and says why', () => {
    const { value, correction } = coerceSetting('dropout', '1.5');
    expect(value).toBe(SCHEMA.dropout.max);
    expect(correction?.reason).toMatch(/above the maximum 0.9/);
    expect(coerceSetting('hidden', '3').value).toBe(8);
    expect(coerceSetting('hidden', '12.6')).toMatchObject({ value: 13, correction: { reason: 'rounded to a whole number' } });
  });

  it('replaces garbage with the default and reports it', () => {
    expect(coerceSetting('lrPlain', 'abc')).toMatchObject({ value: 0.001, correction: { reason: 'not a finite number' } });
    expect(coerceSetting('optimizer', 'rmsprop')).toMatchObject({
      value: 'adam',
      correction: { reason: 'must be one of adam, adamw, sgd' },
    });
    expect(coerceSetting('weightDecay', 'Infinity').value).toBe(0);
  });

  it('log0 sliders keep exact 0 and lift tiny positives to their smallest step', () => {
    expect(coerceSetting('weightDecay', '0')).toEqual({ value: 0 });
    expect(coerceSetting('weightDecay', '1e-9').value).toBe(1e-6);
  });

  it('strict validation (CLI) throws with the flag name', () => {
    expect(() => requireValidSettings({ dropout: '2' })).toThrow(/Dropout rate \(--dropout\) = 2: above the maximum 0.9/);
    expect(() => requireValidSettings({ nope: 1 })).toThrow(/unknown setting "nope"/);
    expect(resolveSettings({}).settings).toEqual(defaultSettings());
  });
});
