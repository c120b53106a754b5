// The GPU objects of one compiled plan: the arenas, the hyper table, the control uniform
// (t0 of the submit, bias-table stride), the bias-correction table and the single bind group
// that every dispatch of every program uses.

import { HYPER_STRIDE } from '../../engine/plan';
import type { ArenaLayout } from './arena';
import { BiasTable } from './bias-table';
import type { BackendContext } from './context';
import { BufferUsage } from './gpu-flags';
import { Binding } from './shared-constants';

export interface PlanResources {
  readonly arenas: readonly GPUBuffer[];
  readonly hyper: GPUBuffer;
  readonly ctl: GPUBuffer;
  readonly biasTable: BiasTable;
  readonly bindGroup: GPUBindGroup;
  destroy(): void;
}

/** Creates everything (call inside error scopes); on failure, whatever was created is destroyed. */
export function createPlanResources(
  ctx: BackendContext,
  models: number,
  layout: ArenaLayout,
  biasPairs: readonly (readonly [number, number])[],
): PlanResources {
  const device = ctx.device;
  const owned: GPUBuffer[] = [];
  const buffer = (label: string, size: number, usage: number) => {
    const b = device.createBuffer({ label, size, usage });
    owned.push(b);
    return b;
  };
  const destroy = () => {
    for (const b of owned) b.destroy();
  };
  try {
    const arenas = layout.arenaElems.map((elems, a) =>
      buffer(`arena${a}`, elems * 4, BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST),
    );
    const hyper = buffer('hyper', models * HYPER_STRIDE * 4, BufferUsage.STORAGE | BufferUsage.COPY_DST);
    const ctl = buffer('ctl', 16, BufferUsage.UNIFORM | BufferUsage.COPY_DST);
    const table = buffer('bias-table', BiasTable.bytes(biasPairs.length, ctx.replayChunk), BufferUsage.STORAGE | BufferUsage.COPY_DST);
    const bindGroup = device.createBindGroup({
      label: 'plan',
      layout: ctx.layoutsFor(arenas.length).bindGroupLayout,
      entries: [
        { binding: Binding.hyper, resource: { buffer: hyper } },
        { binding: Binding.ctl, resource: { buffer: ctl } },
        { binding: Binding.replay, resource: { buffer: ctx.replay, offset: 0, size: 16 } },
        { binding: Binding.biasTable, resource: { buffer: table } },
        ...arenas.map((b, a) => ({ binding: Binding.arena0 + a, resource: { buffer: b } })),
      ],
    });
    return { arenas, hyper, ctl, biasTable: new BiasTable(table, biasPairs, ctx.replayChunk), bindGroup, destroy };
  } catch (e) {
    destroy();
    throw e;
  }
}
