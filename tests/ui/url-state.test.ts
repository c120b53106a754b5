import { describe, expect, it } from 'vitest';
import { defaultSettings, presetSettings, type Settings } from '../../src/experiment/settings';
import {
  applyChange,
  applyPreset,
  buildQuery,
  decodePoints,
  encodePoints,
  matchesPreset,
  parseUrlState,
  roundPoints,
} from '../../src/ui/url-state';

describe('parseUrlState', () => {
  it('an empty URL gives the defaults with no notice', () => {
    const s = parseUrlState('', '');
    expect(s.settings).toEqual(defaultSettings());
    expect(s.backend).toBe('webgpu');
    expect(s.notices).toEqual([]);
  });

  it('reads valid values from the query', () => {
    const s = parseUrlState('?dropout=0.2&hidden=16&epochs=100&every=10&optimizer=sgd&weightDecay=0.001&backend=cpu');
    expect(s.settings).toMatchObject({ dropout: 0.2, hidden: 16, epochs: 100, every: 10, optimizer: 'sgd', weightDecay: 0.001 });
    expect(s.backend).toBe('cpu');
    expect(s.notices).toEqual([]);
  });

  it('reads the hash when there is no query', () => {
    expect(parseUrlState('', '#dropout=0.3&seed=7').settings).toMatchObject({ dropout: 0.3, seed: 7 });
  });

  it('clamps bad values and says what it corrected', () => {
    const s = parseUrlState('?dropout=5&hidden=abc&layers=9&epochs=10&every=50&optimizer=rmsprop&weightDecay=1e-9&backend=tpu&foo=1');
    expect(s.settings.dropout).toBe(0.9);
    expect(s.settings.hidden).toBe(defaultSettings().hidden);
    expect(s.settings.layers).toBe(4);
    expect(s.settings.every).toBe(10);
    expect(s.settings.optimizer).toBe('adam');
    expect(s.settings.weightDecay).toBe(1e-6);
    expect(s.backend).toBe('webgpu');
    const text = s.notices.join('\n');
    expect(text).toContain('Dropout rate');
    expect(text).toContain('above the maximum 0.9');
    expect(text).toContain('Hidden units');
    expect(text).toContain('Optimizer');
    expect(text).toContain('Checkpoint every');
    expect(text).toContain('Backend');
    expect(text).toContain('foo');
  });

  it('never throws on garbage', () => {
    for (const q of [
      '?%%%',
      '?dropout=%E0%A4%A',
      '?=&=&&&',
      '?dropout=Infinity&seed=-1e400',
      `?${'a'.repeat(5000)}=1`,
      '?hidden=1e999999',
    ]) {
      expect(() => parseUrlState(q)).not.toThrow();
      const s = parseUrlState(q).settings;
      expect(Number.isFinite(s.dropout)).toBe(true);
      expect(Number.isFinite(s.hidden)).toBe(true);
    }
  });

  it('a hand-edited link in the hash is clamped, never NaN, and Checkpoint every follows Epochs', () => {
    const { settings, corrections, notices } = parseUrlState('', '#hidden=100000&dropout=NaN&epochs=-5&bogus=1');
    expect(settings.hidden).toBe(1024);
    expect(settings.dropout).toBe(0.5);
    expect(settings.epochs).toBe(1);
    expect(settings.every).toBe(1); // cannot exceed Epochs
    expect(corrections.map((c) => c.name)).toEqual(['hidden', 'dropout', 'epochs', 'every']);
    expect(notices).toContain('Ignored unknown setting “bogus”');
  });

  it('a preset in the URL fixes its values, explicit values override them', () => {
    expect(parseUrlState('?preset=strong-overfitting').settings.lrPlain).toBe(0.01);
    expect(parseUrlState('?preset=strong-overfitting&lrPlain=0.003').settings.lrPlain).toBe(0.003);
  });
});

describe('buildQuery', () => {
  it('writes nothing for the defaults', () => {
    expect(buildQuery(defaultSettings(), 'webgpu')).toBe('');
  });

  it('writes only the values that differ from the defaults, in schema order', () => {
    const s: Settings = { ...defaultSettings(), hidden: 64, optimizer: 'sgd', dropout: 0.3 };
    const q = buildQuery(s, 'webgpu');
    expect(q).toBe('dropout=0.3&optimizer=sgd&hidden=64');
    expect(parseUrlState(`?${q}`)).toMatchObject({ settings: s, corrections: [], notices: [] });
  });

  it('round-trips through parseUrlState', () => {
    const cases: Settings[] = [
      { ...defaultSettings(), dropout: 0.25, hidden: 16, epochs: 100, every: 10, weightDecay: 3.16e-4 },
      { ...defaultSettings(), ...presetSettings('strong-overfitting') },
      { ...defaultSettings(), ...presetSettings('strong-overfitting'), lrPlain: 0.001 },
      { ...defaultSettings(), preset: 'custom', seed: 42, noise: 0.5, points: 40, optimizer: 'adamw', convention: 'vanilla' },
    ];
    for (const s of cases) {
      const q = buildQuery(s, 'cpu');
      const back = parseUrlState(`?${q}`);
      expect(back.settings).toEqual(s);
      expect(back.backend).toBe('cpu');
      expect(back.notices).toEqual([]);
    }
  });
});

describe('own training points in the link', () => {
  it('round-trips rounded points through the query, next to the settings', () => {
    const settings: Settings = { ...defaultSettings(), dropout: 0.25 };
    const points = { x: [-0.91234567, 0, 0.5, 1e-7], y: [0.123456, -0.00004, -2.5, 3] };
    const q = buildQuery(settings, 'cpu', points);
    const back = parseUrlState(`?${q}`);
    expect(back.settings).toEqual(settings);
    expect(back.backend).toBe('cpu');
    expect(back.points).toEqual({ x: [-0.9123, 0, 0.5, 0], y: [0.1235, 0, -2.5, 3] });
    expect(back.notices).toEqual([]);
    // "-0" never appears, and the rounded points are what the run uses: rounding again changes nothing
    expect(new URLSearchParams(q).get('pts')).toBe('-0.9123,0.1235;0,0;0.5,-2.5;0,3');
    expect(roundPoints(back.points ?? { x: [], y: [] })).toEqual(back.points);
  });

  it('no points: no pts parameter and null', () => {
    expect(buildQuery(defaultSettings(), 'webgpu', null)).toBe('');
    expect(parseUrlState('?dropout=0.1').points).toBeNull();
  });

  it('bad points are named by position and skipped; the valid ones are kept', () => {
    const d = decodePoints('0.1,0.2;abc,1;0.3;0.5,0.6');
    expect(d.points).toEqual({ x: [0.1, 0.5], y: [0.2, 0.6] });
    expect(d.notices).toEqual([
      'Training points (pts): point 2: x "abc" is not a finite number',
      'Training points (pts): point 3: expected 2 values (x,y), found 1',
    ]);
  });

  it('fewer than 2 valid points: the settings’ data, and a notice that says so', () => {
    const s = parseUrlState('?pts=0.1,0.2;NaN,1');
    expect(s.points).toBeNull();
    expect(s.notices).toContain('Training points (pts): 1 valid point, at least 2 are needed; using the settings’ data');
  });

  it('encodes the rounded coordinates', () => {
    expect(encodePoints({ x: [0.123449, -1], y: [2, 0.00005] })).toBe('0.1234,2;-1,0.0001');
  });
});

describe('changes and presets', () => {
  it('applyChange clamps through the schema and keeps every <= epochs', () => {
    const s = { ...defaultSettings(), every: 50 };
    const r = applyChange(s, 'epochs', 20);
    expect(r.settings.epochs).toBe(20);
    expect(r.settings.every).toBe(20);
    expect(r.corrections.map((c) => c.name)).toContain('every');
    expect(applyChange(s, 'dropout', 3).settings.dropout).toBe(0.9);
  });

  it('applyPreset sets the preset values and matchesPreset notices edits', () => {
    const s = applyPreset({ ...defaultSettings(), hidden: 16 }, 'strong-overfitting');
    expect(s.preset).toBe('strong-overfitting');
    expect(s.lrPlain).toBe(0.01);
    expect(s.hidden).toBe(300);
    expect(matchesPreset(s)).toBe(true);
    expect(matchesPreset({ ...s, dropout: 0.2 })).toBe(false);
  });
});
