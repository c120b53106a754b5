// layoutArenas (arena.ts) on the CPU: every plan buffer, then the backend's scratch buffers, packed
// in order into as few arenas as the storage-binding byte cap allows. Checked: 256-byte aligned
// starts, no overlap, no arena past the cap, a new arena only when the next buffer does not fit,
// shared buffers stored once, and typed errors when a buffer or the arena count is too large.
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../../src/backends/backend';
import { layoutArenas, locationOf, type ArenaLayout, type ScratchSpec } from '../../../src/backends/webgpu/arena';
import { PlanBuilder } from '../../../src/engine/plan-builder';
import type { Plan } from '../../../src/engine/plan';
import { thrownBackendError } from '../../helpers/backend-errors';
import { Rng, testSeed } from '../../helpers/random';

const ALIGN_BYTES = 256;

function planOf(models: number, buffers: readonly { elems: number; shared?: boolean }[]): Plan {
  const b = new PlanBuilder(models);
  buffers.forEach((spec, i) => b.buffer(`b${i}`, spec.elems, 'activation', spec.shared ?? false));
  return b.build();
}

/** The layout's contract, checked buffer by buffer against the plan and the cap. */
function expectValidLayout(plan: Plan, scratch: readonly ScratchSpec[], layout: ArenaLayout, maxArenaBytes: number): void {
  const capElems = Math.floor(maxArenaBytes / ALIGN_BYTES) * (ALIGN_BYTES / 4);
  const specs = [
    ...plan.buffers.map((s) => ({
      length: s.shared ? s.elemsPerModel : s.elemsPerModel * plan.models,
      stride: s.shared ? 0 : s.elemsPerModel,
    })),
    ...scratch.map((s) => ({ length: s.elemsPerModel * plan.models, stride: s.elemsPerModel })),
  ];
  expect(layout.locations).toHaveLength(specs.length);
  let previous = { arena: 0, end: 0 };
  specs.forEach((spec, id) => {
    const loc = locationOf(layout, id);
    expect(loc.length, `buffer ${id} length`).toBe(spec.length);
    expect(loc.modelStride, `buffer ${id} model stride`).toBe(spec.stride);
    expect((loc.offset * 4) % ALIGN_BYTES, `buffer ${id} start aligned`).toBe(0);
    expect(loc.offset + loc.length, `buffer ${id} inside its arena`).toBeLessThanOrEqual(layout.arenaElems[loc.arena]);
    // plan order, one arena after the other
    if (loc.arena === previous.arena) {
      expect(loc.offset, `buffer ${id} after the previous one`).toBeGreaterThanOrEqual(previous.end);
      expect(loc.offset - previous.end, `buffer ${id}: no gap beyond the alignment`).toBeLessThan(ALIGN_BYTES / 4);
    } else {
      expect(loc.arena, `buffer ${id}: next arena`).toBe(previous.arena + 1);
      expect(loc.offset).toBe(0);
      // it opened a new arena only because it did not fit behind the previous buffer
      const alignedEnd = Math.ceil(previous.end / (ALIGN_BYTES / 4)) * (ALIGN_BYTES / 4);
      expect(alignedEnd + loc.length, `buffer ${id} would have fitted in arena ${previous.arena}`).toBeGreaterThan(capElems);
    }
    previous = { arena: loc.arena, end: loc.offset + loc.length };
  });
  for (const elems of layout.arenaElems) {
    expect(elems * 4, 'arena within the byte cap').toBeLessThanOrEqual(Math.max(maxArenaBytes, ALIGN_BYTES));
    expect(elems).toBeGreaterThanOrEqual(ALIGN_BYTES / 4);
  }
  expect(layout.arenaElems).toHaveLength(previous.arena + 1);
}

describe('layoutArenas', () => {
  it('packs a small plan into one arena: aligned starts, per-model copies, shared buffers once', () => {
    const plan = planOf(3, [{ elems: 10 }, { elems: 100, shared: true }, { elems: 64 }, { elems: 1 }]);
    const layout = layoutArenas(plan, 1 << 20, 4);
    expect(layout.locations).toEqual([
      { arena: 0, offset: 0, modelStride: 10, length: 30 },
      { arena: 0, offset: 64, modelStride: 0, length: 100 },
      { arena: 0, offset: 192, modelStride: 64, length: 192 },
      { arena: 0, offset: 384, modelStride: 1, length: 3 },
    ]);
    expect(layout.arenaElems).toEqual([387]);
    expectValidLayout(plan, [], layout, 1 << 20);
  });

  it('opens a new arena when the next buffer would pass the byte cap, and places scratch after the plan', () => {
    // cap 4096 bytes = 1024 elements
    const plan = planOf(2, [{ elems: 200 }, { elems: 300 }, { elems: 100 }]);
    const scratch = [{ name: 'partials', elemsPerModel: 250 }];
    const layout = layoutArenas(plan, 4096, 8, scratch);
    expect(layout.locations.map((l) => [l.arena, l.offset, l.length])).toEqual([
      [0, 0, 400],
      [1, 0, 600], // 448 + 600 > 1024
      [1, 640, 200],
      [2, 0, 500], // the scratch buffer, id 3: 896 + 500 > 1024
    ]);
    expect(layout.arenaElems).toEqual([400, 840, 500]);
    expect(locationOf(layout, 3)).toEqual({ arena: 2, offset: 0, modelStride: 250, length: 500 });
    expectValidLayout(plan, scratch, layout, 4096);
  });

  it('rounds an unaligned cap down to the alignment', () => {
    // 1000 bytes hold 250 elements, but an arena may only use 192 (768 bytes) of them
    const plan = planOf(1, [{ elems: 192 }, { elems: 1 }]);
    const layout = layoutArenas(plan, 1000, 4);
    expect(layout.locations.map((l) => l.arena)).toEqual([0, 1]);
    expect(() => layoutArenas(planOf(1, [{ elems: 193 }]), 1000, 4)).toThrow(BackendError);
  });

  it('a buffer larger than the cap, or more arenas than the device binds, is an out-of-memory error', () => {
    const big = thrownBackendError(() => layoutArenas(planOf(4, [{ elems: 10 }, { elems: 300 }]), 4096, 8));
    expect(big.kind).toBe('out-of-memory');
    expect(big.message).toBe('buffer "b1" needs 4800 bytes, more than the device\'s storage binding limit of 4096 bytes');
    const many = thrownBackendError(() => layoutArenas(planOf(1, [{ elems: 1000 }, { elems: 1000 }, { elems: 1000 }]), 4096, 2));
    expect(many.kind).toBe('out-of-memory');
    expect(many.message).toMatch(/needs 3 arenas of at most 4096 bytes; the device binds at most 2/);
    expect(thrownBackendError(() => locationOf(layoutArenas(planOf(1, [{ elems: 1 }]), 4096, 1), 5)).kind).toBe('validation');
  });

  it('random plans: every layout keeps the contract', () => {
    const rng = new Rng(testSeed('arena'));
    for (let trial = 0; trial < 200; trial++) {
      const models = rng.int(1, 9);
      const cap = rng.pick([4096, 16384, 65536, rng.int(1024, 100_000)]);
      const capElems = Math.floor(cap / ALIGN_BYTES) * (ALIGN_BYTES / 4);
      const fits = (perModel: number, shared: boolean) => (shared ? perModel : perModel * models) <= capElems;
      const buffers = Array.from({ length: rng.int(1, 25) }, () => {
        const shared = rng.bool(0.2);
        let elems = rng.pick([1, 63, 64, 65, rng.int(1, 4000)]);
        while (!fits(elems, shared)) elems = Math.ceil(elems / 2);
        return { elems, shared };
      });
      const scratch = Array.from({ length: rng.int(0, 3) }, (_, i) => ({
        name: `s${i}`,
        elemsPerModel: Math.max(1, Math.floor(capElems / models / rng.int(1, 5))),
      }));
      const plan = planOf(models, buffers);
      expectValidLayout(plan, scratch, layoutArenas(plan, cap, 1000, scratch), cap);
    }
  });
});
