import { describe, expect, it } from 'vitest';
import { defaultSettings, presetSettings, type Settings } from '../../src/experiment/settings';
import {
  applyChange,
  applyPreset,
  backendPreferenceOf,
  buildHash,
  buildLink,
  buildQuery,
  decodePoints,
  encodePoints,
  matchesPreset,
  parseUrlState,
  roundPoints,
} from '../../src/ui/url-state';
import { TOUR_LENGTH } from '../../src/ui/tour-steps';

describe('parseUrlState', () => {
  it('an empty URL gives the defaults with no notice', () => {
    const s = parseUrlState('', '');
    expect(s.settings).toEqual(defaultSettings());
    expect(s.backend).toBe('auto');
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
    expect(s.backend).toBe('auto');
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
    expect(corrections.map((c) => c.name)).toEqual(['hidden', 'epochs', 'every']);
    expect(notices).toContain('Dropout rate (dropout): “NaN” is not a finite number; it was ignored');
    expect(notices).toContain('Ignored unknown setting “bogus”');
  });

  it('a preset in the URL fixes its values, explicit values override them', () => {
    expect(parseUrlState('?preset=strong-overfitting').settings.lrPlain).toBe(0.01);
    expect(parseUrlState('?preset=strong-overfitting&lrPlain=0.003').settings.lrPlain).toBe(0.003);
  });
});

describe('buildQuery', () => {
  it('writes nothing for the defaults', () => {
    expect(buildQuery(defaultSettings(), 'auto')).toBe('');
  });

  it('writes only the values that differ from the defaults, in schema order', () => {
    const s: Settings = { ...defaultSettings(), hidden: 64, optimizer: 'sgd', dropout: 0.3 };
    const q = buildQuery(s, 'auto');
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

describe('the backend in the link', () => {
  it('keeps auto, webgpu and cpu; auto is the default and is not written', () => {
    for (const b of ['auto', 'webgpu', 'cpu'] as const) {
      const q = buildQuery(defaultSettings(), b);
      expect(q).toBe(b === 'auto' ? '' : `backend=${b}`);
      expect(parseUrlState(`?${q}`).backend).toBe(b);
    }
    expect(parseUrlState('?backend=WebGPU').backend).toBe('webgpu');
    expect(parseUrlState('?backend=%20Auto%20').backend).toBe('auto');
    expect(parseUrlState('?backend=tpu').notices).toEqual(['Backend: “tpu” → auto (must be one of auto, webgpu, cpu)']);
    expect(backendPreferenceOf('cpu')).toBe('cpu');
    expect(backendPreferenceOf('gpu')).toBe('auto');
  });
});

describe('own training points in the link', () => {
  it('round-trips rounded points through the hash, next to the settings in the query', () => {
    const settings: Settings = { ...defaultSettings(), dropout: 0.25 };
    const points = { x: [-0.91234567, 0, 0.5, 1e-7], y: [0.123456, -0.00004, -2.5, 3] };
    const q = buildQuery(settings, 'cpu');
    const h = buildHash(points);
    expect(buildLink(settings, 'cpu', points)).toBe(`?${q}#${h}`);
    expect(q).not.toContain('pts');
    const back = parseUrlState(`?${q}`, `#${h}`);
    expect(back.settings).toEqual(settings);
    expect(back.backend).toBe('cpu');
    expect(back.points).toEqual({ x: [-0.9123, 0, 0.5, 0], y: [0.1235, 0, -2.5, 3] });
    expect(back.notices).toEqual([]);
    // "-0" never appears, and the rounded points are what the run uses: rounding again changes nothing
    expect(h).toBe('pts=-0.9123,0.1235;0,0;0.5,-2.5;0,3');
    expect(roundPoints(back.points ?? { x: [], y: [] })).toEqual(back.points);
  });

  it('no points: no pts parameter and null', () => {
    expect(buildLink(defaultSettings(), 'auto', null)).toBe('');
    expect(parseUrlState('?dropout=0.1').points).toBeNull();
  });

  it('bad points are named by position and skipped; the valid ones are kept', () => {
    const d = decodePoints('0.1,0.2;abc,1;0.3;0.5,0.6');
    expect(d.points).toEqual({ x: [0.1, 0.5], y: [0.2, 0.6] });
    expect(d.warning).toBeNull();
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

describe('links of the older forms', () => {
  it('points in the query (`?…&pts=…`) still open, and the canonical link moves them to the hash', () => {
    const old = parseUrlState('?dropout=0.2&pts=0.1,0.2;0.3,0.4&backend=cpu');
    expect(old.notices).toEqual([]);
    expect(old.points).toEqual({ x: [0.1, 0.3], y: [0.2, 0.4] });
    expect(buildLink(old.settings, old.backend, old.points)).toBe('?dropout=0.2&backend=cpu#pts=0.1,0.2;0.3,0.4');
  });
  it('settings in the hash with no query, own points with them', () => {
    const s = parseUrlState('', '#backend=cpu&seed=7&pts=0,0;1,1');
    expect(s.backend).toBe('cpu');
    expect(s.settings.seed).toBe(7);
    expect(s.points).toEqual({ x: [0, 1], y: [0, 1] });
    expect(s.notices).toEqual([]);
  });
});

describe('validation that cannot be walked around', () => {
  it('prototype-named keys are unknown settings and never reach the settings', () => {
    const s = parseUrlState('?toString=1&hasOwnProperty=2&constructor=3&__proto__=1&valueOf=abc');
    expect(s.notices).toEqual([
      'Ignored unknown setting “toString”',
      'Ignored unknown setting “hasOwnProperty”',
      'Ignored unknown setting “constructor”',
      'Ignored unknown setting “__proto__”',
      'Ignored unknown setting “valueOf”',
    ]);
    expect(s.settings).toEqual(defaultSettings());
    expect(Object.keys(s.settings).sort()).toEqual(Object.keys(defaultSettings()).sort());
    expect(Object.getPrototypeOf(s.settings)).toBe(Object.prototype);
    expect(JSON.stringify(s.settings)).toBe(JSON.stringify(defaultSettings()));
  });

  it('duplicate keys: says which one was used', () => {
    const s = parseUrlState('?convention=1.2.3&convention=vanilla');
    expect(s.settings.convention).toBe('vanilla');
    expect(s.notices).toEqual(['Dropout convention: given 2 times (“1.2.3”, “vanilla”); the last one, “vanilla”, was used']);
    expect(parseUrlState('?backend=cpu&backend=webgpu').notices).toEqual([
      'Backend: given 2 times (“cpu”, “webgpu”); the last one, “webgpu”, was used',
    ]);
  });

  it('a query and a hash that both carry settings: the hash’s are ignored, #pts= still works', () => {
    const s = parseUrlState('?seed=3', '#dropout=0.2&pts=0,0;0.5,0.5');
    expect(s.settings.seed).toBe(3);
    expect(s.settings.dropout).toBe(0.5);
    expect(s.points).toEqual({ x: [0, 0.5], y: [0, 0.5] });
    expect(s.notices).toEqual(['The link’s hash also holds settings (dropout); they were ignored: the settings come from the query']);
    expect(parseUrlState('?seed=3', '#pts=0,0;0.5,0.5').notices).toEqual([]);
  });

  it('non-decimal number notation gets a notice naming the setting and is not used', () => {
    const cases: [string, string][] = [
      ['epochs=0o7', 'Epochs (epochs): “0o7” is not a decimal number (hex, octal and binary notations are not read); it was ignored'],
      ['epochs=0x10', 'Epochs (epochs): “0x10” is not a decimal number (hex, octal and binary notations are not read); it was ignored'],
      ['hidden=0b1', 'Hidden units (hidden): “0b1” is not a decimal number (hex, octal and binary notations are not read); it was ignored'],
      ['dropout=Infinity', 'Dropout rate (dropout): “Infinity” is not a finite number; it was ignored'],
      ['seed=', 'Seed (seed): “” is empty, not a number; it was ignored'],
      ['noise=1e999', 'Noise (noise): “1e999” is not a finite number (too large); it was ignored'],
    ];
    for (const [q, notice] of cases) {
      const s = parseUrlState(`?${q}`);
      expect(s.notices).toEqual([notice]);
      expect(s.settings).toEqual(defaultSettings());
    }
    expect(parseUrlState('?epochs=1e3&dropout=.25').settings).toMatchObject({ epochs: 1000, dropout: 0.25 });
  });
});

describe('bounds', () => {
  it('lists at most 20 notices, then “… and N more”', () => {
    const s = parseUrlState(`?${Array.from({ length: 5000 }, (_, i) => `u${i}=1`).join('&')}`);
    expect(s.notices).toHaveLength(21);
    expect(s.notices[0]).toBe('Ignored unknown setting “u0”');
    expect(s.notices[20]).toBe('… and 4,980 more');
  });

  it('a 300k-point link: the first 500 points are read, the rest counted, the other settings kept', () => {
    const pts = Array.from({ length: 300_000 }, (_, i) => `${((i % 200) / 100 - 1).toFixed(2)},1`).join(';');
    const t0 = performance.now();
    const s = parseUrlState(`?backend=cpu&hidden=16&pts=${pts}`);
    const ms = performance.now() - t0;
    expect(s.backend).toBe('cpu');
    expect(s.settings.hidden).toBe(16);
    expect(s.points?.x).toHaveLength(500);
    expect(s.notices).toEqual([
      'Training points (pts): the link holds 300,000 points; only the first 500 were read (the most a run takes)',
    ]);
    expect(ms).toBeGreaterThan(0); // no timing assertion: the measurement script reports it
  });

  it('points outside ±1000 are refused by position; outside the chart’s x range they get a warning', () => {
    const s = parseUrlState('', '#pts=3.5e38,1;0,0;1,1;1e3,2');
    expect(s.points).toEqual({ x: [0, 1, 1000], y: [0, 1, 2] });
    expect(s.pointWarning).toMatch(
      /^Training points \(pts\): 1 point lies outside the chart's x range \[-1\.1, 1\.1\] \(first: point 4, x = 1000\)/,
    );
    expect(s.notices).toEqual(['Training points (pts): point 1: x = 3.5e38 is outside ±1000; rescale the data', s.pointWarning]);
  });

  it('a pts list too long for its 500 points is refused by its size', () => {
    const s = parseUrlState(`?seed=4&pts=${'1'.repeat(70_000)},1;0,0`);
    expect(s.settings.seed).toBe(4);
    expect(s.points).toBeNull();
    expect(s.notices[0]).toMatch(/^Training points \(pts\): refused, using the settings’ data\. The text is 68 KB/);
  });
});

describe('the tour step in the link (?tour=N)', () => {
  it('reads 1…6, writes it back, and leaves it out when the tour is closed', () => {
    for (let n = 1; n <= TOUR_LENGTH; n++) {
      const s = parseUrlState(`?tour=${n}`);
      expect(s.tour).toBe(n);
      expect(s.notices).toEqual([]);
      expect(buildQuery(s.settings, s.backend, s.tour)).toBe(`tour=${n}`);
    }
    expect(parseUrlState('').tour).toBeUndefined();
    expect(buildLink(defaultSettings(), 'auto', null, null)).toBe('');
    const link = buildLink({ ...defaultSettings(), dropout: 0.2 }, 'cpu', { x: [0.5, -0.25], y: [1, 2] }, 3);
    expect(link).toBe('?dropout=0.2&backend=cpu&tour=3#pts=0.5,1;-0.25,2');
    const back = parseUrlState(link.slice(0, link.indexOf('#')), link.slice(link.indexOf('#')));
    expect([back.tour, back.settings.dropout, back.backend, back.notices]).toEqual([3, 0.2, 'cpu', []]);
  });

  it('anything else opens no tour and says so; the settings are unaffected', () => {
    for (const bad of ['0', '7', '-1', '2.5', 'abc', '', '0x3', '1e0', '999999', ' ']) {
      const s = parseUrlState(`?tour=${encodeURIComponent(bad)}&dropout=0.3`);
      expect(s.tour, bad).toBeUndefined();
      expect(s.settings.dropout).toBe(0.3);
      expect(s.notices).toHaveLength(1);
      expect(s.notices[0]).toMatch(/^Tour step \(tour\): “.*” must be a whole number from 1 to 6; the tour was not opened$/);
    }
    // given twice: the last one, said
    const twice = parseUrlState('?tour=2&tour=5');
    expect(twice.tour).toBe(5);
    expect(twice.notices[0]).toMatch(/Tour step: given 2 times/);
    // an out-of-range step is never written
    expect(buildQuery(defaultSettings(), 'auto', 9)).toBe('');
  });
});
