// The gap, its kind, and what may be claimed, on real CPU-backend runs (fixtures/lesson-runs.json:
// each preset's main run and its K = 16 seed bands, a diverging run). The seed verdict must be the
// page's own (compareBeyondSpread), and only for seed bands of the same setting.
import { describe, expect, it } from 'vitest';
import {
  MEMORISES_RATIO,
  MILD_RATIO,
  generalisationReport,
  nearestCheckpoint,
  netGap,
  sameSetting,
  type ResultsInput,
} from '../../src/analysis/generalisation';
import type { Settings } from '../../src/experiment/settings';
import { LESSON_RUNS, netAt, seedEvidence, type RunRecord } from './fixtures/lesson-runs';

const { k, presets, diverging } = LESSON_RUNS;
const tutorial = presets.tutorial;
const dropoutHelps = presets['dropout-helps'];
const decayHelps = presets['weight-decay-helps'];

/** mean and sample std computed here, independently of src/analysis/bands.ts */
function stats(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) };
}

function inputOf(run: { settings: Settings; main: RunRecord }, epoch: number, seeds: ResultsInput['seeds'] = null): ResultsInput {
  return { epoch, settings: run.settings, dataKey: '', plain: netAt(run.main, 0, epoch), regularized: netAt(run.main, 1, epoch), seeds };
}

describe('the generalisation gap of one run', () => {
  it('tutorial at epoch 500: the plain net memorises (ratio ≈ 15), the dropout net has a mild gap', () => {
    const r = generalisationReport(inputOf(tutorial, 500));
    const p = tutorial.main.trainMseEval[0].at(-1)!,
      pt = tutorial.main.testMse[0].at(-1)!;
    expect(r.plain.gap).toBeCloseTo(pt - p, 12);
    expect(r.plain.ratio).toBeCloseTo(pt / p, 9);
    expect(r.plain.ratio).toBeGreaterThan(14);
    expect(r.plain.ratio).toBeLessThan(16);
    expect(r.plain.kind).toBe('memorises');
    expect(r.plain.nearExact).toBe(false);
    expect(r.regularized.ratio).toBeGreaterThanOrEqual(MILD_RATIO);
    expect(r.regularized.ratio).toBeLessThan(MEMORISES_RATIO);
    expect(r.regularized.kind).toBe('mild');
  });

  it('"Dropout helps" at epoch 1000: the plain net fits its 10 points almost exactly, the dropout net does not over-fit', () => {
    const r = generalisationReport(inputOf(dropoutHelps, 1000));
    expect(r.plain.trainMse).toBeLessThan(1e-5);
    expect(r.plain.kind).toBe('memorises');
    expect(r.plain.nearExact).toBe(true);
    expect(r.regularized.ratio).toBeLessThan(MILD_RATIO);
    expect(r.regularized.kind).toBe('no-overfitting');
  });

  it('a diverged net has no gap; before it diverged it had one', () => {
    const at51 = generalisationReport(inputOf(diverging, 51));
    expect(at51.regularized.kind).toBe('diverged');
    expect(at51.regularized.divergedAt).toBe(5);
    expect(at51.regularized.gap).toBeNaN();
    expect(at51.comparison.difference).toBeNaN();
    expect(at51.plain.kind).toBe('no-overfitting'); // SGD at lr 0.01 after 51 updates: ratio 1.36
    expect(at51.plain.ratio).toBeCloseTo(0.0925571 / 0.0680006, 5);
    const at1 = generalisationReport(inputOf(diverging, 1));
    expect(at1.regularized.kind).toBe('no-overfitting');
    expect(Number.isFinite(at1.comparison.difference)).toBe(true);
  });

  it('edge values: zero, NaN, infinite and negative MSEs never throw', () => {
    expect(netGap({ trainMse: 0, testMse: 0, divergedAt: null }, 10).kind).toBe('fits-both');
    expect(netGap({ trainMse: 0, testMse: 0.2, divergedAt: null }, 10)).toMatchObject({
      kind: 'memorises',
      ratio: Infinity,
      nearExact: true,
    });
    expect(netGap({ trainMse: NaN, testMse: NaN, divergedAt: null }, 0).kind).toBe('unknown');
    expect(netGap({ trainMse: 0.1, testMse: Infinity, divergedAt: null }, 3).kind).toBe('diverged');
    expect(netGap({ trainMse: -0, testMse: 1e-9, divergedAt: null }, 3).kind).toBe('fits-both');
    // a playhead before the divergence shows the net as it was
    expect(netGap({ trainMse: 0.1, testMse: 0.3, divergedAt: 40 }, 20).kind).toBe('mild');
  });
});

describe('claims between the nets come only from seed bands of the same setting', () => {
  it('without seed bands the comparison is one run, with no evidence', () => {
    const r = generalisationReport(inputOf(tutorial, 500));
    expect(r.comparison.evidence).toBe('none');
    expect(r.comparison.seeds).toBeNull();
    expect(r.comparison.difference).toBeCloseTo(tutorial.main.testMse[1].at(-1)! - tutorial.main.testMse[0].at(-1)!, 12);
  });

  it('tutorial (exact): its own K = 16 bands overlap; the noise of one run is the sum of the two stds', () => {
    const r = generalisationReport(inputOf(tutorial, 500, seedEvidence(tutorial.settings, tutorial.seeds, k)));
    const last = tutorial.seeds.testMse.map((row) => row.at(-1)!);
    const plain = stats(last.slice(0, k)),
      reg = stats(last.slice(k));
    expect(r.comparison.evidence).toBe('same-setting');
    expect(r.comparison.seeds?.epoch).toBe(500);
    expect(r.comparison.seeds?.comparison.verdict).toBe('within-spread');
    expect(r.comparison.seeds?.comparison.plain.mean).toBeCloseTo(plain.mean, 12);
    expect(r.comparison.seeds?.comparison.regularized.std).toBeCloseTo(reg.std, 12);
    expect(r.comparison.seeds?.noise).toBeCloseTo(plain.std + reg.std, 12);
    // the one run's difference (0.019) is about the size of that noise (0.0185)
    expect(Math.abs(r.comparison.difference)).toBeLessThan(1.1 * r.comparison.seeds!.noise);
  });

  it('"Dropout helps" and "Weight decay helps": their own bands say lower, beyond the spread', () => {
    for (const run of [dropoutHelps, decayHelps]) {
      const r = generalisationReport(inputOf(run, 1000, seedEvidence(run.settings, run.seeds, k)));
      const last = run.seeds.testMse.map((row) => row.at(-1)!);
      const plain = stats(last.slice(0, k)),
        reg = stats(last.slice(k));
      expect(reg.mean + reg.std).toBeLessThan(plain.mean - plain.std); // the bands do not overlap
      expect(r.comparison.seeds?.comparison.verdict).toBe('lower');
    }
  });

  it('bands of another setting or other points make no claim', () => {
    const otherPreset = generalisationReport(inputOf(decayHelps, 1000, seedEvidence(dropoutHelps.settings, dropoutHelps.seeds, k)));
    expect(otherPreset.comparison).toMatchObject({ evidence: 'other-setting', seeds: null });
    const ownPoints = generalisationReport({
      ...inputOf(tutorial, 500, seedEvidence(tutorial.settings, tutorial.seeds, k)),
      dataKey: '-1,0.2;1,0.9',
    });
    expect(ownPoints.comparison).toMatchObject({ evidence: 'other-setting', seeds: null });
  });

  it('the schedule alone (preset label, epochs, checkpoint spacing) does not make another setting', () => {
    const s = tutorial.settings;
    expect(sameSetting(s, '', { ...s, preset: 'custom', epochs: 2000, every: 10 }, '')).toBe(true);
    expect(sameSetting(s, '', { ...s, dropout: 0.4 }, '')).toBe(false);
    expect(sameSetting(s, '', { ...s, seed: 2 }, '')).toBe(false);
    expect(sameSetting(s, '', s, 'x')).toBe(false);
  });

  it('a seed job still running is judged at its checkpoint nearest the displayed epoch, and says which', () => {
    const partial = seedEvidence(tutorial.settings, tutorial.seeds, k, 101); // the checkpoints up to epoch 101
    const r = generalisationReport(inputOf(tutorial, 500, partial));
    expect(r.comparison.seeds?.epoch).toBe(101);
    expect(nearestCheckpoint([1, 51, 101], 76)).toBe(1); // a tie goes to the earlier one
    expect(nearestCheckpoint([], 76)).toBe(-1);
    const none = generalisationReport(inputOf(tutorial, 500, seedEvidence(tutorial.settings, tutorial.seeds, k, -1)));
    expect(none.comparison).toMatchObject({ evidence: 'none', seeds: null });
  });
});
