// The pure helpers of `npm run bench:peers`: the timing protocol's arithmetic, the job's schedule
// and layouts, the checks against PyTorch, timing.txt parsing, judging targets and the docs splice.
import { describe, expect, it } from 'vitest';
import { baselineOf, cellKey, judgeTargets, type CellId, type Target } from '../peers/cells';
import { gridCheck, seedCheck, seedCheckWith } from '../peers/checks';
import {
  epochsWithinBudget,
  extrapolate,
  extrapolationDoubt,
  measure,
  median,
  probeEpochs,
  trainerOf,
  type RunResult,
  type Trainer,
} from '../peers/harness';
import { checkpointUpdates, gridJob, seedJob, transposed, type SeedJobFile } from '../peers/job';
import { parseTimingTxt } from '../peers/pytorch-timing';
import { selfTimes } from '../peers/profile';
import {
  BEGIN,
  END,
  SECTION,
  bestOfKind,
  usable,
  verdictsOf,
  markdownTable,
  poolLines,
  poolSpeedup,
  ratioOf,
  spliceSection,
  type Row,
} from '../peers/report';

const zeros = (n: number) => Array<number>(n).fill(0);
function fakeFile(): SeedJobFile {
  const params = { W1: zeros(300), b1: zeros(300), W2: zeros(90000), b2: zeros(300), W3: zeros(300), b3: zeros(1) };
  return {
    data: { x: zeros(20), y: zeros(20), test_x: zeros(20), test_y: zeros(20) },
    init_params: { overfitting: params, dropped: params },
    checkpoints: {
      epochs: [0, 50, 100, 150, 200, 250, 300, 350, 400, 450],
      test_mse: { overfitting: [0.278, 0.117, 0.134, 0.136, 0.135, 0.134, 0.132, 0.131, 0.13, 0.1301], dropped: zeros(10) },
    },
    dropped_band: {
      mean: [1.28, 0.124, 0.125, 0.132, 0.129, 0.131, 0.131, 0.139, 0.132, 0.13],
      std: [0.5, 0.0075, 0.0077, 0.0136, 0.0093, 0.0137, 0.0113, 0.0188, 0.0126, 0.0116],
    },
  };
}

describe('timing protocol', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('keeps the whole job when a run fits the budget, else ends a shorter run right after a checkpoint', () => {
    expect(epochsWithinBudget(10, 8_000, 500, 50)).toBe(500); // 5 s ≤ 8 s
    expect(epochsWithinBudget(100, 8_000, 500, 50)).toBe(51); // 80 epochs fit → 51
    expect(epochsWithinBudget(20, 8_000, 500, 50)).toBe(351); // 400 fit → 351
    expect(epochsWithinBudget(1000, 8_000, 500, 50)).toBe(8); // fewer than a checkpoint interval
    expect(epochsWithinBudget(60_000, 8_000, 500, 50)).toBe(1); // never below 1
  });

  it('prices the checkpoints of a short run separately when it scales it up to the job', () => {
    // a 1-epoch run is one epoch plus one checkpoint; the job is 500 epochs plus 11 checkpoints
    const { jobMs, extrapolation } = extrapolate(1000, 1, 500, 50, 400);
    expect(extrapolation).toEqual({ trainMsPerEpoch: 600, checkpointMs: 400, checkpointsTimed: 1, checkpointsJob: 11 });
    expect(jobMs).toBe(600 * 500 + 11 * 400);
    expect(extrapolate(1000, 51, 500, 50, 0).jobMs).toBeCloseTo((1000 / 51) * 500);
    expect(extrapolate(100, 1, 500, 50, 400).extrapolation.trainMsPerEpoch).toBe(0); // never negative
  });

  it('does not trust a scaled-up run whose checkpoints, timed alone, leave under a quarter of it for training', () => {
    // 2 epochs, checkpoints at updates 1 and 2: 1,900 ms run, 1,048 ms per checkpoint timed alone → 0 ms of training
    const bad = extrapolate(1900, 2, 500, 50, 1048);
    expect(bad.extrapolation.trainMsPerEpoch).toBe(0);
    expect(extrapolationDoubt(1900, bad.extrapolation)).toBe(
      '2 checkpoints × 1048 ms (timed alone) leave 0% of the 1900 ms run for training',
    );
    const ok = extrapolate(3600, 4, 500, 50, 740); // 2 checkpoints → 2,120 ms of training (59 %)
    expect(extrapolationDoubt(3600, ok.extrapolation)).toBeUndefined();
    expect(extrapolationDoubt(1000, extrapolate(1000, 2, 500, 50, 380).extrapolation)).toMatch(/leave 24% of the 1000 ms run/);
  });

  it('probes with about half a run budget, 2 to 51 epochs, or not at all when one epoch is already too slow', () => {
    expect(probeEpochs(10, 8_000, 500)).toBe(51);
    expect(probeEpochs(500, 8_000, 500)).toBe(8);
    expect(probeEpochs(3_000, 8_000, 500)).toBe(2);
    expect(probeEpochs(5_000, 8_000, 500)).toBe(0);
    expect(probeEpochs(10, 8_000, 1)).toBe(0);
    expect(probeEpochs(10, 8_000, 20)).toBe(20);
  });

  it('warms up, then times the median of the runs, extrapolating when a run would exceed its budget', async () => {
    const calls: number[] = [];
    const trainer: Trainer = {
      description: 'fake',
      run(epochs): Promise<RunResult> {
        calls.push(epochs);
        return Promise.resolve({ ms: epochs * 100, epochs, checkpoints: [{ updates: epochs, testMse: [1] }] });
      },
      split: () => Promise.resolve({ epochs: 0, issueMs: 0, totalMs: 0, readbackMs: 0 }),
      checkpointMs: () => Promise.resolve(0),
      dispose() {},
    };
    const m = await measure(trainer, { epochs: 500, every: 50, runs: 3, runBudgetMs: 8_000 });
    // two 1-epoch warm-ups, a 40-epoch probe, then 3 runs of 51 epochs (80 fit the budget)
    expect(calls).toEqual([1, 1, 40, 51, 51, 51]);
    expect(m.extrapolated).toBe(true);
    expect(m.msPerEpoch).toBeCloseTo(100);
    expect(m.jobMs).toBeCloseTo(50_000);
    expect(m.extrapolation).toMatchObject({ checkpointsTimed: 2, checkpointsJob: 11 });
    expect(m.warmups).toEqual([
      { epochs: 1, ms: 100 },
      { epochs: 1, ms: 100 },
      { epochs: 40, ms: 4000 },
    ]);

    calls.length = 0;
    const fast = await measure(
      {
        ...trainer,
        run: (e) => {
          calls.push(e);
          return Promise.resolve({ ms: e, epochs: e, checkpoints: [] });
        },
      },
      { epochs: 500, every: 50, runs: 3, runBudgetMs: 8_000 },
    );
    expect(calls).toEqual([1, 1, 51, 500, 500, 500]);
    expect(fast.extrapolated).toBe(false);
    expect(fast.jobMs).toBe(500);

    // compilation makes the first epoch slow: the second decides
    calls.length = 0;
    let first = true;
    await measure(
      {
        ...trainer,
        run: (e) => {
          calls.push(e);
          const ms = first ? 9_000 : e * 300;
          first = false;
          return Promise.resolve({ ms, epochs: e, checkpoints: [] });
        },
      },
      { epochs: 500, every: 50, runs: 3, runBudgetMs: 8_000 },
    );
    expect(calls).toEqual([1, 1, 13, 26, 26, 26]);
  });
});

describe('the shared training loop', () => {
  it('trains between the checkpoints and reads back at each, from a reset state', async () => {
    const log: string[] = [];
    let epoch = 0;
    const trainer = trainerOf(
      {
        description: 'fake',
        reset: () => {
          log.push('reset');
          epoch = 0;
          return Promise.resolve();
        },
        train: (n) => {
          log.push(`train ${n}`);
          epoch += n;
        },
        evaluate: () => {
          log.push('eval');
          return Promise.resolve([epoch]);
        },
        dispose() {},
      },
      50,
    );
    const r = await trainer.run(120);
    expect(log).toEqual(['reset', 'train 1', 'eval', 'train 50', 'eval', 'train 50', 'eval', 'train 19', 'eval']);
    expect(r.checkpoints).toEqual([
      { updates: 1, testMse: [1] },
      { updates: 51, testMse: [51] },
      { updates: 101, testMse: [101] },
      { updates: 120, testMse: [120] },
    ]);
    log.length = 0;
    const s = await trainer.split(30);
    expect(log).toEqual(['reset', 'eval', 'eval', 'eval', 'train 30', 'eval']);
    expect(s.epochs).toBe(30);
    expect(s.totalMs).toBeGreaterThanOrEqual(s.issueMs);
  });
});

describe('job', () => {
  it('evaluates after updates 1, 51, …, 451 and after the last epoch, like the tutorial plus a final read', () => {
    expect(checkpointUpdates(500, 50)).toEqual([1, 51, 101, 151, 201, 251, 301, 351, 401, 451, 500]);
    expect(checkpointUpdates(2, 50)).toEqual([1, 2]);
    expect(checkpointUpdates(1, 50)).toEqual([1]);
  });

  it('transposes PyTorch weights [out][in] into [in][out]', () => {
    expect(Array.from(transposed(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => transposed(new Float32Array(5), 2, 3)).toThrow(RangeError);
  });

  it('builds the seed run and the 8×8 grid from the same initial weights', () => {
    const seed = seedJob(fakeFile());
    expect(seed.nets.map((n) => [n.lr, n.pDrop])).toEqual([
      [0.001, 0],
      [0.01, 0.5],
    ]);
    const grid = gridJob(fakeFile());
    expect(grid.nets).toHaveLength(64);
    expect(grid.nets[0]).toMatchObject({ pDrop: 0, weightDecay: 0, lr: 0.01 });
    expect(new Set(grid.nets.map((n) => `${n.pDrop}/${n.weightDecay}`)).size).toBe(64);
    expect(gridJob(fakeFile(), 500, 50, 4).nets).toHaveLength(4);
    expect(() => gridJob(fakeFile(), 500, 50, 65)).toThrow(RangeError);
  });
});

describe('checks against PyTorch', () => {
  const file = fakeFile();
  it('holds the plain net to PyTorch at its last comparable checkpoint, the dropout net to the band', () => {
    const ok = seedCheck(
      [
        { updates: 1, testMse: [0.278, 1.2] },
        { updates: 451, testMse: [0.131, 0.13] },
        { updates: 500, testMse: [0.2, 0.2] },
      ],
      file,
    );
    expect(ok.ok).toBe(true);
    expect(ok.text).toContain('@451 '); // after 451 updates: the product's epoch 451 (PyTorch's t = 450)
    expect(seedCheck([{ updates: 451, testMse: [0.15, 0.13] }], file).ok).toBe(false); // +15 %
    expect(seedCheck([{ updates: 451, testMse: [0.1301, 0.5] }], file).ok).toBe(false); // dropout net far outside
    expect(seedCheck([{ updates: 451, testMse: [NaN, 0.13] }], file).ok).toBe(false);
    expect(
      seedCheck(
        [
          { updates: 51, testMse: [0.117, 0.12] },
          { updates: 60, testMse: [9, 9] },
        ],
        file,
      ).text,
    ).toContain('@51 ');
    expect(seedCheck([{ updates: 7, testMse: [1, 1] }], file).ok).toBeUndefined();
  });

  it('holds the nets without dropout to the reference trained for exactly as many epochs', () => {
    const ref = { updates: 51, nets: [0, 2], testMse: [0.2, 0.3] };
    expect(
      gridCheck(
        [
          { updates: 1, testMse: [1, 1, 1] },
          { updates: 51, testMse: [0.201, 5, 0.299] },
        ],
        ref,
      ),
    ).toMatchObject({ ok: true });
    expect(gridCheck([{ updates: 51, testMse: [0.2, 5, 0.4] }], ref).ok).toBe(false); // net 2 is 33 % off
    expect(gridCheck([{ updates: 51, testMse: [0.2, NaN, 0.3] }], ref).ok).toBe(false); // a dropout model diverged
    expect(gridCheck([{ updates: 11, testMse: [0.2, 1, 0.3] }], ref).ok).toBeUndefined(); // reference for another length
    expect(gridCheck([{ updates: 51, testMse: [0.2, 1, 0.3] }]).ok).toBeUndefined();
  });

  it('adds the reference to the seed check when the run ended between PyTorch checkpoints', () => {
    const ref = { updates: 21, nets: [0], testMse: [0.15] };
    const run = [
      { updates: 1, testMse: [0.278, 1.2] },
      { updates: 21, testMse: [0.151, 0.5] },
    ];
    const c = seedCheckWith(run, file, 50, ref);
    expect(c.ok).toBe(true);
    expect(c.text).toMatch(/@1 .*; net 0 @21 within 0\.7% of Dropout Lab CPU/);
    expect(
      seedCheckWith(
        [
          { updates: 1, testMse: [0.278, 1.2] },
          { updates: 21, testMse: [0.2, 0.5] },
        ],
        file,
        50,
        ref,
      ).ok,
    ).toBe(false);
    // this project's rows: a reference with the same masks holds the dropout net instead of PyTorch's band
    const at101 = [{ updates: 101, testMse: [0.1343, 0.2117] }];
    expect(seedCheck(at101, file).ok).toBe(false); // 0.2117 is outside 0.125 ± 4·0.0077
    const both = { updates: 101, nets: [0, 1], testMse: [0.1343, 0.2117], what: 'both nets (same masks)' };
    const own = seedCheckWith(at101, file, 50, both);
    expect(own.ok).toBe(true);
    expect(own.text).toBe('plain 0.1343 @101 (PyTorch 0.1340, +0.2%); both nets (same masks) @101 within 0.0% of Dropout Lab CPU');
    expect(seedCheckWith(at101, file, 50, { ...both, testMse: [0.1343, 0.19] }).ok).toBe(false); // the dropout net 11 % off its reference
    expect(seedCheckWith([{ updates: 101, testMse: [0.16, 0.2117] }], file, 50, both).ok).toBe(false); // the plain net still answers to PyTorch
    // at a PyTorch checkpoint, PyTorch alone decides
    expect(seedCheckWith([{ updates: 451, testMse: [0.1301, 0.13] }], file, 50, { updates: 451, nets: [0], testMse: [9] }).ok).toBe(true);
  });
});

describe('PyTorch timing.txt', () => {
  it('reads the medians, runs and context of each thread setting', () => {
    const t = parseTimingTxt(
      [
        'machine: AMD EPYC, 2 logical CPUs, Linux',
        'software: python 3.11.2, torch 1.13.0a0; Debian packages: x',
        'load average (1/5/15 min) before timing: 1.09 1.83 2.05, after the timed runs: 1.33',
        'torch.set_num_threads(2): train median 4.665 s (min 3.506, max 4.951); per epoch 9.330 ms; total median 4.668 s',
        '    runs (train s): 3.506, 4.951, 4.665, 4.882, 4.571',
        'torch.set_num_threads(1): train median 4.489 s (min 3.239, max 4.869); per epoch 8.978 ms; total median 4.492 s',
        '    runs (train s): 3.239, 4.869, 4.713, 4.381, 4.489',
      ].join('\n'),
    );
    expect(t.settings.map((s) => [s.threads, s.medianMs, s.msPerEpoch])).toEqual([
      [2, 4665, 9.33],
      [1, 4489, 8.978],
    ]);
    expect(t.settings[1].runsMs).toHaveLength(5);
    expect(t.machine).toBe('AMD EPYC, 2 logical CPUs, Linux');
    expect(t.loadAverage).toMatch(/^1\.09 1\.83 2\.05/);
    expect(() => parseTimingTxt('nothing')).toThrow();
  });
});

describe('targets, ratios and the docs section', () => {
  const ours: CellId = { system: 'dropout-lab', backend: 'webgpu', where: 'chromium' };
  /** A measured grid row of 500 epochs timed in full (`extra` changes any field). */
  const measuredRow = (cell: CellId, jobMs: number, extra: Partial<Row> = {}): Row => ({
    job: 'grid',
    cell,
    description: '',
    jobMs,
    extrapolated: false,
    epochsTimed: 500,
    runsMs: [jobMs],
    check: '',
    source: 'measured',
    ...extra,
  });
  it('compares each peer with this project on the same kind of backend in the same place', () => {
    expect(cellKey(baselineOf({ system: 'tfjs', backend: 'webgl', where: 'chromium' }))).toBe(cellKey(ours));
    expect(cellKey(baselineOf({ system: 'jaxjs', backend: 'wasm', where: 'chromium' }))).toBe('dropout-lab/cpu@chromium');
    expect(cellKey(baselineOf({ system: 'pytorch', backend: 'cpu', where: 'python' }))).toBe('dropout-lab/cpu@node');
    const row = (cell: CellId, jobMs: number): Row => measuredRow(cell, jobMs, { job: 'seed' });
    const rows = [row(ours, 100), row({ system: 'tfjs', backend: 'webgpu', where: 'chromium' }, 700)];
    expect(ratioOf(rows[1], rows)).toBe(7);
  });

  it('judges each target as peer time ÷ our time against its factor', () => {
    const cpu: CellId = { system: 'dropout-lab', backend: 'cpu', where: 'chromium' };
    const targets: Target[] = [
      { job: 'seed', ours: [ours], peer: { system: 'tfjs', backend: 'webgpu', where: 'chromium' }, factor: 5, text: 'tfjs' },
      { job: 'seed', ours: [ours], peer: { system: 'jaxjs', backend: 'webgpu', where: 'chromium' }, factor: 5, text: 'jax-js' },
      { job: 'seed', ours: [cpu], peer: { system: 'tfjs', backend: 'cpu', where: 'chromium' }, factor: 3, text: 'tfjs cpu' },
      { job: 'grid', ours: [ours], peer: { system: 'tfjs', backend: 'webgpu', where: 'chromium' }, factor: 1, text: 'grid' },
    ];
    const ms: Record<string, number> = { 'dropout-lab/webgpu@chromium': 100, 'tfjs/webgpu@chromium': 600, 'jaxjs/webgpu@chromium': 300 };
    const v = judgeTargets((job, c) => (job === 'seed' ? ms[cellKey(c)] : undefined), targets);
    expect(v.map((x) => x.met)).toEqual([true, false, undefined, undefined]);
    expect(v[0].speedup).toBe(6);
    expect(v[1].note).toBe('3.00× (missed)');
    expect(v[2].note).toBe('not measured (dropout-lab/cpu@chromium missing)');
    expect(v[3].note).toMatch(/not measured/);
  });

  it('judges the fastest of several candidate cells of ours, and names it', () => {
    const cpu = (where: 'chromium' | 'node', workers: number): CellId => ({ system: 'dropout-lab', backend: 'cpu', where, workers });
    const wasm: CellId = { system: 'tfjs', backend: 'wasm', where: 'chromium' };
    const target: Target = {
      job: 'grid',
      ours: [cpu('chromium', 1), cpu('chromium', 2), cpu('node', 2)],
      peer: wasm,
      factor: 2,
      text: 'wasm',
    };
    const ms: Record<string, number> = {
      'dropout-lab/cpu×1@chromium': 400,
      'dropout-lab/cpu×2@chromium': 250,
      'dropout-lab/cpu×2@node': 300,
      'tfjs/wasm@chromium': 600,
    };
    const [v] = judgeTargets((_, c) => ms[cellKey(c)], [target]);
    expect(v.speedup).toBe(2.4);
    expect(v.ours).toEqual(cpu('chromium', 2));
    expect(v.note).toBe('2.40× (met; best of ours: dropout-lab/cpu×2@chromium)');
    // a candidate that was not measured is skipped; none measured: not judged
    const [w] = judgeTargets(
      (_, c) => (cellKey(c) === 'dropout-lab/cpu×1@chromium' ? undefined : ms[cellKey(c)]),
      [{ ...target, ours: [cpu('chromium', 1), cpu('node', 2)] }],
    );
    expect(w.note).toBe('2.00× (met; best of ours: dropout-lab/cpu×2@node)');
    expect(judgeTargets(() => undefined, [target])[0].note).toMatch(/^not measured \(dropout-lab\/cpu×1@chromium, /);
  });

  it('gives a pooled CPU row its speed-up over 1 worker, and compares peers with our fastest row of the kind', () => {
    const row = (cell: CellId, jobMs: number, job: 'seed' | 'grid' = 'grid'): Row => measuredRow(cell, jobMs, { job });
    const one = row({ system: 'dropout-lab', backend: 'cpu', where: 'chromium', workers: 1 }, 300);
    const two = row({ system: 'dropout-lab', backend: 'cpu', where: 'chromium', workers: 2 }, 200);
    const node2 = row({ system: 'dropout-lab', backend: 'cpu', where: 'node', workers: 2 }, 100, 'seed');
    const wasm = row({ system: 'tfjs', backend: 'wasm', where: 'chromium' }, 500);
    const rows = [one, two, node2, wasm];
    expect(poolSpeedup(two, rows)).toBe(1.5);
    expect(poolSpeedup(one, rows)).toBeUndefined();
    expect(poolSpeedup(node2, rows)).toBeUndefined(); // no 1-worker row in Node
    expect(bestOfKind('grid', baselineOf(wasm.cell), rows)).toBe(two);
    expect(ratioOf(wasm, rows)).toBe(2.5);
    expect(poolLines(rows)).toEqual(['', 'CPU pool speed-up over 1 worker: grid 1.50× (Chromium, 2 workers).']);
    expect(poolLines([one, wasm])).toEqual([]);
    const md = markdownTable(rows);
    expect(md).toContain('| grid | Dropout Lab | cpu ×2 workers | Chromium | 200 |');
    expect(md).toContain('1.50× the speed of 1 worker');
    expect(md).toContain('2.50× vs cpu ×2 workers |');
  });

  it('leaves an unreliable, failed or unchecked-bad row out of speed-ups, ratios and targets', () => {
    const row = (cell: CellId, jobMs: number, extra: Partial<Row> = {}): Row =>
      measuredRow(cell, jobMs, { extrapolated: true, epochsTimed: 2, checkOk: true, ...extra });
    const one = row({ system: 'dropout-lab', backend: 'cpu', where: 'chromium', workers: 1 }, 270_000);
    const two = row({ system: 'dropout-lab', backend: 'cpu', where: 'chromium', workers: 2 }, 11_000, { unreliable: '0% left' });
    const wasm = row({ system: 'tfjs', backend: 'wasm', where: 'chromium' }, 540_000);
    const rows = [one, two, wasm];
    expect([one, two, wasm].map(usable)).toEqual([true, false, true]);
    expect(usable({ ...one, checkOk: false })).toBe(false);
    expect(poolSpeedup(two, rows)).toBeUndefined();
    expect(ratioOf(wasm, rows)).toBe(2);
    const target: Target = { job: 'grid', ours: [one.cell, two.cell], peer: wasm.cell, factor: 2, text: 'wasm' };
    expect(verdictsOf(rows, [target])[0].note).toBe('2.00× (met; best of ours: dropout-lab/cpu×1@chromium)');
    expect(markdownTable(rows)).toContain('UNRELIABLE (left out of ratios and targets): 0% left; ok: ');
  });

  it('replaces only the generated block and keeps everything around it', () => {
    const first = spliceSection(undefined, `${BEGIN}\nA\n${END}`);
    expect(first).toContain(SECTION);
    const withNotes = `${first}\n### Where the time goes\nhand-written\n\n## Other section\nkeep\n`;
    const second = spliceSection(withNotes, `${BEGIN}\nB\n${END}`);
    expect(second).toContain('B');
    expect(second).not.toContain('\nA\n');
    expect(second).toContain('hand-written');
    expect(second).toContain('## Other section\nkeep');
    const fresh = spliceSection(`# Benchmarks\n\n${SECTION}\n\nnotes\n`, `${BEGIN}\nC\n${END}`);
    expect(fresh.indexOf('C')).toBeLessThan(fresh.indexOf('notes'));
  });
});

describe('CPU profile summary', () => {
  it('adds up self time per function from the samples and their time deltas', () => {
    const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
    const hot = selfTimes(
      {
        nodes: [
          { id: 1, callFrame: frame('(root)', '') },
          { id: 2, callFrame: frame('matmul', 'file:///repo/src/k.ts', 9) },
          { id: 3, callFrame: frame('', 'file:///repo/src/k.ts') },
        ],
        samples: [2, 2, 3, 2],
        timeDeltas: [0, 3000, 1000, 2000], // a sample lasts until the next one; the last has no end
      },
      '/repo/',
    );
    expect(hot[0]).toMatchObject({ name: 'matmul', where: 'src/k.ts:10', ms: 4 });
    expect(hot[1]).toMatchObject({ name: '(anonymous)', where: 'src/k.ts', ms: 2 });
    expect(hot[0].share).toBeCloseTo(4 / 6);
  });
});
