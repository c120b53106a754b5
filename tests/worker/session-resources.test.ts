// The training session against the backend's memory (resources.ts wired in): a run that does not
// fit starts nothing and offers the largest that does; MC-dropout too large for one experiment runs
// in groups that fit, one per turn of the loop, and gives exactly the samples of one experiment.
import { englishText } from '../../src/ui/i18n/english';
import { afterEach, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import type { Backend } from '../../src/backends/backend';
import { McDropout } from '../../src/experiment/mc-dropout';
import { checkResources, mcDropoutGroups, type GpuLimits } from '../../src/experiment/resources';
import { Experiment, tutorialNets } from '../../src/experiment/runner';
import type { Settings } from '../../src/experiment/settings';
import { SMALL, startHarness, type Harness } from './session-harness';

let open: Harness[] = [];
afterEach(async () => {
  for (const h of open) await h.close();
  open = [];
});

/** The CPU backend reporting a GPU's limits (the checks run, the numbers stay the CPU's). */
function limited(limits: GpuLimits): () => Backend {
  return () => ({ ...createCpuBackend(), memoryLimits: { kind: 'gpu', ...limits } });
}

/** A session on `backend`; `onTurn` runs at each turn of its loop (where it yields to the event loop). */
function harness(settings: Settings, backend: () => Backend, onTurn?: (h: Harness) => void): Harness {
  const h = startHarness(settings, {
    pick: () => Promise.resolve({ backend: backend() }),
    // each turn of the loop is then an MC-dropout group's (no warm-up pieces before the first)
    warmUpMs: 0,
    yieldTask: () => {
      onTurn?.(h);
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
  open.push(h);
  return h;
}

const ARENA_64K: GpuLimits = { maxStorageBufferBindingSize: 64 * 1024, maxBufferSize: 64 * 1024, maxStorageBuffersPerShaderStage: 8 };

describe('TrainingSession and the backend’s memory', () => {
  it('MC-dropout that does not fit one experiment runs in groups and gives the samples of one experiment of all T', async () => {
    const s: Settings = { ...SMALL, epochs: 20 };
    const T = 24;
    const target = { backend: 'webgpu', limits: ARENA_64K } as const;
    expect(checkResources({ kind: 'training', settings: s }, target).fits).toBe(true);
    expect(checkResources({ kind: 'mc-dropout', settings: s, samples: T, gridN: 121 }, target).fits).toBe(false);
    const groups = mcDropoutGroups(s, T, target, 121);
    expect(groups?.length).toBeGreaterThan(1);
    const yields = { count: 0 };
    const h = harness(s, limited(ARENA_64K), () => yields.count++);
    await h.session.whenIdle();
    const before = yields.count;
    h.send({ type: 'mc-dropout', samples: T });
    await h.session.whenIdle();
    const [mc] = h.of('mc-dropout');
    expect(mc.predictions).toHaveLength(T);
    expect(mc.epoch).toBe(0);
    // one turn of the loop per group, at least as many as the memory needs
    expect(yields.count - before).toBeGreaterThanOrEqual(groups?.length ?? Infinity);
    // the same numbers as one experiment of all T copies (the first request's draw is 1)
    const exp = await Experiment.create(s, createCpuBackend());
    const params = await exp.parameters(1);
    const net = tutorialNets(s)[1];
    const whole = await McDropout.create(createCpuBackend(), s, net, T, exp.gridX);
    const expected = await whole.sample(
      exp.parameterNames.map((n) => params[n]),
      net.hyper,
      0,
      1,
    );
    expect(mc.predictions).toEqual(expected);
    whole.dispose();
    exp.dispose();
  });

  it('a Reset between two groups drops the MC-dropout job of the old run', async () => {
    const s: Settings = { ...SMALL, epochs: 20 };
    let sent = false;
    const h = harness(s, limited(ARENA_64K), (session) => {
      if (!sent && session.of('ready').length === 1 && session.of('mc-dropout').length === 0) {
        sent = true;
        session.send({ type: 'reset' });
      }
    });
    await h.session.whenIdle();
    h.send({ type: 'mc-dropout', samples: 24 });
    await h.session.whenIdle();
    expect(sent).toBe(true);
    expect(h.of('ready')).toHaveLength(2);
    expect(h.of('mc-dropout')).toEqual([]);
  });

  it('MC-dropout switched off (samples 0) stops between two groups', async () => {
    const s: Settings = { ...SMALL, epochs: 20 };
    let sent = false;
    const h = harness(s, limited(ARENA_64K), (session) => {
      if (!sent && session.of('ready').length === 1) {
        sent = true;
        session.send({ type: 'mc-dropout', samples: 0 });
      }
    });
    await h.session.whenIdle();
    h.send({ type: 'mc-dropout', samples: 24 });
    await h.session.whenIdle();
    expect(sent).toBe(true);
    expect(h.of('mc-dropout')).toEqual([]);
    // a later request computes all of its samples
    h.send({ type: 'mc-dropout', samples: 3 });
    await h.session.whenIdle();
    expect(h.of('mc-dropout').map((m) => m.predictions.length)).toEqual([3]);
  });

  it('a run too big for the memory starts nothing, says what to reduce and offers the largest that fits', async () => {
    const limits: GpuLimits = { maxStorageBufferBindingSize: 512 * 1024, maxBufferSize: 512 * 1024, maxStorageBuffersPerShaderStage: 8 };
    const wide: Settings = { ...SMALL, hidden: 512 };
    const check = checkResources({ kind: 'training', settings: wide }, { backend: 'webgpu', limits });
    if (check.fits) throw new Error('512 hidden units should not fit');
    const h = harness(wide, limited(limits));
    await h.session.whenIdle();
    expect(h.of('ready')).toEqual([]);
    expect(h.of('fatal')).toEqual([]);
    const [notice] = h.of('notice');
    const hidden = check.largest?.kind === 'training' ? check.largest.settings.hidden : NaN;
    expect({
      ...notice,
      text: englishText(notice.text),
      action: notice.action && { ...notice.action, label: englishText(notice.action.label) },
    }).toEqual({
      type: 'notice',
      level: 'error',
      text: `${englishText(check.message)} Nothing was started.`,
      action: { label: `Use ${hidden} hidden units`, settings: { hidden } },
    });
    expect(englishText(notice.text)).toMatch(
      /^A training run at 512×2 needs .* Use Hidden units ≤ \d+, or fewer hidden layers\. Nothing was started\.$/,
    );
    // the offered setting starts a run
    h.send({ type: 'settings', settings: { ...wide, hidden }, change: 'replay', atEpoch: 0 });
    await h.session.whenIdle();
    expect(h.of('ready').map((r) => r.settings.hidden)).toEqual([hidden]);
  });

  it('a backend that fails while the first run is built gives a plain fatal sentence, the raw message only as details', async () => {
    const raw = "WebAssembly.Memory(): Property 'initial': value 220455 is above the upper bound 65536";
    const h = harness(SMALL, () => ({
      ...createCpuBackend(),
      compile: () => Promise.reject(new RangeError(raw)),
    }));
    await h.session.whenIdle();
    expect(h.of('ready')).toEqual([]);
    expect(h.of('fatal').map((f) => ({ ...f, message: typeof f.message === 'string' ? f.message : englishText(f.message) }))).toEqual([
      {
        type: 'fatal',
        message: 'Training needs more memory than the browser gave the CPU backend. Use fewer hidden units or layers, or a smaller job.',
        details: raw,
      },
    ]);
  });
});
