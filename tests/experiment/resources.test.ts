// Resource estimates: the CPU figure is checked against the WebAssembly.Memory the CPU backend
// really creates for the same job (and against the raw error, 220455 pages), the WebGPU
// figure against the backend's own arena layout rules; the answers name what to reduce.
import { englishText } from '../../src/ui/i18n/english';
import { afterEach, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { gridNets, seedNets } from '../../src/experiment/grid';
import { McDropout } from '../../src/experiment/mc-dropout';
import {
  checkResources,
  cpuPages,
  gpuNeeds,
  jobPlan,
  largestFitting,
  mcDropoutGroups,
  WASM_MAX_PAGES,
  type GpuLimits,
  type Job,
} from '../../src/experiment/resources';
import { Experiment, linspaceGrid, tutorialNets, withTrainingPoints } from './resources-helpers';
import { defaultSettings, type Settings } from '../../src/experiment/settings';

const MAX: Settings = { ...defaultSettings(), hidden: 1024, layers: 4 };
const CPU = { backend: 'cpu' } as const;
/** SwiftShader's limits in Chromium (128 MiB bindings, 8 storage buffers per stage) */
const SWIFTSHADER: GpuLimits = { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28, maxStorageBuffersPerShaderStage: 8 };
const GPU = { backend: 'webgpu', limits: SWIFTSHADER } as const;

/** Pages of every WebAssembly.Memory created while `run` runs. */
async function memoriesDuring(run: () => Promise<void>): Promise<number[]> {
  const Real = WebAssembly.Memory;
  const pages: number[] = [];
  class Recording extends Real {
    constructor(d: WebAssembly.MemoryDescriptor) {
      super(d);
      pages.push(d.initial);
    }
  }
  WebAssembly.Memory = Recording;
  try {
    await run();
  } finally {
    WebAssembly.Memory = Real;
  }
  return pages;
}
afterEach(() => expect(WebAssembly.Memory.name).toBe('Memory'));

describe('CPU estimate = what the CPU backend allocates', () => {
  const backend = createCpuBackend();
  const s: Settings = { ...defaultSettings(), hidden: 24, layers: 3, every: 1200, points: 30 };
  const cases: [string, Job, () => Promise<{ dispose(): void }>][] = [
    ['training run', { kind: 'training', settings: s }, () => Experiment.create(s, backend)],
    [
      'training run on 7 own points',
      { kind: 'training', settings: s, trainN: 7 },
      () => Experiment.create(s, backend, { data: withTrainingPoints(s, { x: [0, 1, 2, 3, 4, 5, 6], y: [0, 1, 2, 3, 4, 5, 6] }) }),
    ],
    ['3×5 sweep', { kind: 'sweep', settings: s, rows: 3, cols: 5 }, () => Experiment.create(s, backend, { nets: gridNets(s, 3, 5) })],
    ['seeds K=4', { kind: 'seeds', settings: s, k: 4 }, () => Experiment.create(s, backend, { nets: seedNets(s, 4) })],
    [
      'MC-dropout T=9',
      { kind: 'mc-dropout', settings: s, samples: 9 },
      () => McDropout.create(backend, s, tutorialNets(s)[1], 9, linspaceGrid()),
    ],
  ];
  for (const [name, job, create] of cases) {
    it(name, async () => {
      const pages = await memoriesDuring(async () => (await create()).dispose());
      expect(pages.at(-1)).toBe(cpuPages(jobPlan(job)));
      expect(checkResources(job, CPU)).toEqual({ fits: true, bytes: cpuPages(jobPlan(job)) * 65536 });
    });
  }
});

describe('CPU limits', () => {
  it('MC-dropout T=256 at 1024×4 needs the 220455 pages the issue saw refused, and says what fits', () => {
    const job: Job = { kind: 'mc-dropout', settings: MAX, samples: 256 };
    expect(cpuPages(jobPlan(job))).toBe(220455);
    const r = checkResources(job, CPU);
    expect(r.fits).toBe(false);
    if (r.fits) return;
    expect(englishText(r.message)).toBe(
      'MC-dropout with T=256 at 1024×4 needs 13 GB; the CPU backend holds 4.0 GB. Use T ≤ 76, or it runs in 4 groups of 64.',
    );
    expect(r.largest).toEqual({ ...job, samples: 76 });
    expect(r.groups).toEqual([64, 64, 64, 64]);
    // the largest fits, one more does not: it is the largest
    expect(cpuPages(jobPlan({ ...job, samples: 76 }))).toBeLessThanOrEqual(WASM_MAX_PAGES);
    expect(cpuPages(jobPlan({ ...job, samples: 77 }))).toBeGreaterThan(WASM_MAX_PAGES);
  });

  it('groups add up to T, differ by at most one, and each fits', () => {
    for (const samples of [2, 77, 100, 255, 256]) {
      const groups = mcDropoutGroups(MAX, samples, CPU);
      expect(groups).not.toBeNull();
      if (!groups) continue;
      expect(groups.reduce((a, b) => a + b, 0)).toBe(samples);
      expect(Math.max(...groups) - Math.min(...groups)).toBeLessThanOrEqual(1);
      for (const g of new Set(groups)) expect(checkResources({ kind: 'mc-dropout', settings: MAX, samples: g }, CPU).fits).toBe(true);
    }
  });

  it('sweeps and seeds: the largest that fits', () => {
    const sweep = checkResources({ kind: 'sweep', settings: MAX, rows: 16, cols: 16 }, CPU);
    expect(sweep.fits ? '' : englishText(sweep.message)).toBe(
      'A 16×16 sweep at 1024×4 needs 13 GB; the CPU backend holds 4.0 GB. Use a grid of at most 8×8, or fewer hidden units.',
    );
    const seeds = checkResources({ kind: 'seeds', settings: MAX, k: 64 }, CPU);
    expect(seeds.fits ? '' : englishText(seeds.message)).toBe(
      'Seed bands with K=64 at 1024×4 needs 6.4 GB; the CPU backend holds 4.0 GB. Use K ≤ 39 seeds.',
    );
    expect(checkResources({ kind: 'seeds', settings: MAX, k: 40 }, CPU).fits).toBe(false);
    expect(checkResources({ kind: 'seeds', settings: MAX, k: 39 }, CPU).fits).toBe(true);
    // every training run the schema allows fits the CPU backend
    expect(checkResources({ kind: 'training', settings: { ...MAX, points: 500, every: 10000 } }, CPU).fits).toBe(true);
  });
});

describe('WebGPU limits', () => {
  it('counts arenas as the backend lays them out, and refuses a plan with more than the device binds', () => {
    const tutorialSweep: Job = { kind: 'sweep', settings: defaultSettings(), rows: 16, cols: 16 };
    const needs = gpuNeeds(jobPlan(tutorialSweep), SWIFTSHADER);
    expect(needs.maxArenas).toBe(6);
    expect(needs.arenas).toBeGreaterThanOrEqual(4);
    expect(needs.arenas).toBeLessThanOrEqual(6);
    // one arena fewer than the plan needs: it does not fit, and the answer says the largest grid
    const tight = { ...SWIFTSHADER, maxStorageBuffersPerShaderStage: needs.arenas + 1 };
    const r = checkResources(tutorialSweep, { backend: 'webgpu', limits: tight });
    expect(r.fits).toBe(false);
    expect(r.fits ? '' : englishText(r.message)).toMatch(
      new RegExp(
        `^A 16×16 sweep at 300×2 needs 477 MB; this GPU binds ${needs.arenas - 1} buffers of at most 128 MB \\(.*\\); it would need ${needs.arenas}\\. Use a grid of at most 1[0-5]×1[0-5], or fewer hidden units\\.$`,
      ),
    );
    const largest = r.fits ? null : r.largest;
    expect(largest && checkResources(largest, { backend: 'webgpu', limits: tight }).fits).toBe(true);
  });

  it('a single buffer larger than a binding is named', () => {
    const r = checkResources({ kind: 'seeds', settings: MAX, k: 64 }, GPU);
    expect(r.fits ? '' : englishText(r.message)).toBe(
      'Seed bands with K=64 at 1024×4 needs 6.4 GB; its buffer "W2" alone needs 512 MB, and this GPU binds at most 128 MB at once. Use K ≤ 5 seeds.',
    );
    expect(largestFitting({ kind: 'seeds', settings: MAX, k: 64 }, GPU)).toEqual({ kind: 'seeds', settings: MAX, k: 5 });
  });
});
