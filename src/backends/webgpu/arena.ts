// Packs every plan buffer into a few large GPU buffers ("arenas"). Kernels address a plan buffer
// by (arena, element offset, model stride) baked into their WGSL, so the whole plan needs one
// bind group, any kernel may touch any number of buffers, and the 8-storage-buffers-per-stage
// limit never bites. Buffers are placed in plan order; an arena is closed when the next buffer
// would exceed the device's storage binding size.

import { BackendError } from '../backend';
import { bufferLength, type BufferId, type Plan } from '../../engine/plan';

/** Where a plan buffer lives: element offset in its arena; model m's copy starts at offset + m*modelStride. */
export interface BufferLocation {
  readonly arena: number;
  readonly offset: number;
  readonly modelStride: number;
  /** elements across all models (or of the shared copy) */
  readonly length: number;
}

export interface ArenaLayout {
  /** size of each arena in f32 elements */
  readonly arenaElems: readonly number[];
  /** indexed by BufferId */
  readonly locations: readonly BufferLocation[];
}

/** Element alignment of each buffer's start (256 bytes). */
const ALIGN = 64;

/** A buffer the backend adds for itself (per model), e.g. partial sums; its id follows the plan's. */
export interface ScratchSpec {
  readonly name: string;
  readonly elemsPerModel: number;
}

/** Places the plan's buffers, then `scratch` (ids plan.buffers.length, +1, ...). */
export function layoutArenas(plan: Plan, maxArenaBytes: number, maxArenas: number, scratch: readonly ScratchSpec[] = []): ArenaLayout {
  const maxElems = Math.floor(maxArenaBytes / 4 / ALIGN) * ALIGN;
  const arenaElems: number[] = [0];
  const locations: BufferLocation[] = [];
  const specs = [
    ...plan.buffers.map((spec) => ({
      id: spec.id,
      name: spec.name,
      shared: spec.shared,
      elemsPerModel: spec.elemsPerModel,
      length: bufferLength(plan, spec),
    })),
    ...scratch.map((s, i) => ({
      id: plan.buffers.length + i,
      name: s.name,
      shared: false,
      elemsPerModel: s.elemsPerModel,
      length: s.elemsPerModel * plan.models,
    })),
  ];
  for (const spec of specs) {
    const length = spec.length;
    if (length > maxElems) {
      throw new BackendError(
        'out-of-memory',
        `buffer "${spec.name}" needs ${length * 4} bytes, more than the device's storage binding limit of ${maxElems * 4} bytes`,
      );
    }
    let arena = arenaElems.length - 1;
    let offset = Math.ceil(arenaElems[arena] / ALIGN) * ALIGN;
    if (offset + length > maxElems) {
      arenaElems.push(0);
      arena++;
      offset = 0;
    }
    arenaElems[arena] = offset + length;
    locations[spec.id] = { arena, offset, modelStride: spec.shared ? 0 : spec.elemsPerModel, length };
  }
  if (arenaElems.length > maxArenas) {
    throw new BackendError(
      'out-of-memory',
      `the plan needs ${arenaElems.length} arenas of at most ${maxElems * 4} bytes; the device binds at most ${maxArenas}`,
    );
  }
  return { arenaElems: arenaElems.map((n) => Math.max(n, ALIGN)), locations };
}

export function locationOf(layout: ArenaLayout, id: BufferId): BufferLocation {
  const loc = layout.locations[id];
  if (!loc) throw new BackendError('validation', `plan: no buffer with id ${id}`);
  return loc;
}
