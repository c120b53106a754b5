// scheduleGroups (kernels/schedule.ts) on the CPU: the dispatch groups never let two kernels that
// share a written buffer run side by side, every kernel joins the earliest group its hazards allow,
// and a per-model kernel whose one hazard is the end of a per-model chain runs right after it in
// that chain. Checked on hand-made programs and, against an independent checker, on random ones.
import { describe, expect, it } from 'vitest';
import { scheduleGroups, type Schedulable } from '../../../src/backends/webgpu/kernels/schedule';
import { Rng, testSeed } from '../../helpers/random';

interface K extends Schedulable {
  readonly name: string;
}
const k = (name: string, reads: number[], writes: number[], perModel = false): K => ({ name, reads, writes, perModel });
const names = (groups: K[][][]) => groups.map((g) => g.map((chain) => chain.map((x) => x.name)));

/** One kernel writes what the other reads or writes (read-after-write, write-after-read, write-after-write). */
function hazard(a: Schedulable, b: Schedulable): boolean {
  const meets = (x: readonly number[], y: readonly number[]) => x.some((id) => y.includes(id));
  return meets(a.writes, b.reads) || meets(a.reads, b.writes) || meets(a.writes, b.writes);
}

/** Where each kernel landed: group index, chain, position in the chain. */
function placements(kernels: readonly K[], groups: K[][][]) {
  const at = new Map<K, { group: number; chain: K[]; pos: number }>();
  groups.forEach((g, group) =>
    g.forEach((chain) =>
      chain.forEach((x, pos) => {
        expect(at.has(x), `${x.name} scheduled twice`).toBe(false);
        at.set(x, { group, chain, pos });
      }),
    ),
  );
  expect(at.size, 'every kernel scheduled once').toBe(kernels.length);
  return kernels.map((x) => {
    const p = at.get(x);
    if (!p) throw new Error(`${x.name} not scheduled`);
    return p;
  });
}

/** The schedule's contract, checked independently of how scheduleGroups gets there. */
function expectValidSchedule(kernels: readonly K[], groups: K[][][]): void {
  const where = placements(kernels, groups);
  expect(
    groups.every((g) => g.length > 0),
    'no empty group',
  ).toBe(true);
  for (let j = 0; j < kernels.length; j++) {
    const pj = where[j];
    const hazards = kernels.slice(0, j).flatMap((other, i) => (hazard(other, kernels[j]) ? [i] : []));
    for (const i of hazards) {
      const pi = where[i];
      const ordered = pi.group < pj.group || (pi.chain === pj.chain && pi.pos < pj.pos);
      expect(ordered, `${kernels[j].name} must run after ${kernels[i].name}`).toBe(true);
    }
    if (pj.pos > 0) {
      // chained: per-model, its only hazard is the chain member right before it
      const before = pj.chain[pj.pos - 1];
      expect(kernels[j].perModel && before.perModel, `${kernels[j].name} chained but not per-model`).toBe(true);
      expect(
        hazards.map((i) => kernels[i]),
        `${kernels[j].name} chained after a kernel that is not its one hazard`,
      ).toEqual([before]);
    } else {
      // a chain's head joins the earliest group after all of its hazards
      const earliest = hazards.reduce((g, i) => Math.max(g, where[i].group + 1), 0);
      expect(pj.group, `${kernels[j].name}: earliest group`).toBe(earliest);
    }
    // plan order within a chain
    pj.chain.forEach((x, pos) => pos > 0 && expect(kernels.indexOf(pj.chain[pos - 1])).toBeLessThan(kernels.indexOf(x)));
  }
}

describe('scheduleGroups', () => {
  it('without merging: one single-kernel group per kernel, in plan order', () => {
    const ks = [k('a', [0], [1]), k('b', [2], [3]), k('c', [1], [4])];
    expect(names(scheduleGroups(ks, false))).toEqual([[['a']], [['b']], [['c']]]);
  });

  it('a layer backward pass: dW and dX share a group, the optimizer waits for both', () => {
    // buffers: 0 x, 1 W, 2 dZ, 3 dW, 4 dX, 5 m
    const ks = [k('dW = dZᵀ·x', [2, 0], [3]), k('dX = dZ·W', [2, 1], [4]), k('adam', [3, 1, 5], [1, 5])];
    const groups = scheduleGroups(ks, true);
    expect(names(groups)).toEqual([[['dW = dZᵀ·x'], ['dX = dZ·W']], [['adam']]]);
    expectValidSchedule(ks, groups);
  });

  it('each hazard kind orders the kernels: read after write, write after read, write after write', () => {
    const raw = [k('w', [], [7]), k('r', [7], [8])];
    const war = [k('r', [7], [8]), k('w', [], [7])];
    const waw = [k('w1', [], [7]), k('w2', [], [7])];
    const none = [k('r1', [7], [8]), k('r2', [7], [9])]; // reading the same buffer is no hazard
    expect(names(scheduleGroups(raw, true))).toEqual([[['w']], [['r']]]);
    expect(names(scheduleGroups(war, true))).toEqual([[['r']], [['w']]]);
    expect(names(scheduleGroups(waw, true))).toEqual([[['w1']], [['w2']]]);
    expect(names(scheduleGroups(none, true))).toEqual([[['r1'], ['r2']]]);
  });

  it('a kernel joins the earliest group its hazards allow, not the last one', () => {
    // c depends only on a (group 0); b is a longer chain of work; c must land in group 1 beside b2
    const ks = [k('a', [], [1]), k('b1', [], [2]), k('b2', [2], [3]), k('b3', [3], [4]), k('c', [1], [5])];
    const groups = scheduleGroups(ks, true);
    expect(names(groups)).toEqual([[['a'], ['b1']], [['b2'], ['c']], [['b3']]]);
    expectValidSchedule(ks, groups);
  });

  it('per-model kernels chain: the loss runs right after the output matmul, in the same group', () => {
    // 0 h, 1 W3, 2 pred, 3 y, 4 loss; the eval program's test and grid chains are independent
    const ks = [
      k('test pred', [0, 1], [2], true),
      k('test mse', [2, 3], [4], true),
      k('grid pred', [5, 1], [6], true),
      k('train loss read', [4], [7], true),
    ];
    const groups = scheduleGroups(ks, true);
    expect(names(groups)).toEqual([[['test pred', 'test mse', 'train loss read'], ['grid pred']]]);
    expectValidSchedule(ks, groups);
  });

  it('no chain across a kernel that is not per-model, with two hazards, or behind a chain that moved on', () => {
    const notPerModel = [k('pred', [0], [2], true), k('mse', [2], [4], false)];
    expect(names(scheduleGroups(notPerModel, true))).toEqual([[['pred']], [['mse']]]);
    const twoHazards = [k('p1', [], [1], true), k('p2', [], [2], true), k('both', [1, 2], [3], true)];
    expect(names(scheduleGroups(twoHazards, true))).toEqual([[['p1'], ['p2']], [['both']]]);
    // 'second' depends only on 'head', but 'first' already follows 'head' in its chain
    const moved = [k('head', [], [1], true), k('first', [1], [2], true), k('second', [1], [3], true)];
    const groups = scheduleGroups(moved, true);
    expect(names(groups)).toEqual([[['head', 'first']], [['second']]]);
    expectValidSchedule(moved, groups);
  });

  it('random programs: every hazard is ordered and every kernel is as early as allowed', () => {
    const rng = new Rng(testSeed('schedule'));
    for (let trial = 0; trial < 300; trial++) {
      const buffers = rng.int(2, 12);
      const ids = () => Array.from({ length: rng.int(0, 3) }, () => rng.int(0, buffers - 1));
      const ks = Array.from({ length: rng.int(1, 14) }, (_, i) => k(`k${i}`, ids(), ids(), rng.bool(0.6)));
      const merged = scheduleGroups(ks, true);
      expectValidSchedule(ks, merged);
      expect(scheduleGroups(ks, false).flat(2)).toEqual(ks);
    }
  });
});
