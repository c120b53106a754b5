// Orders a program's kernels into dispatch groups. Kernel j conflicts with an earlier kernel i when
// one writes a buffer the other reads or writes; j then runs in a later group than i. Each kernel
// joins the earliest group its conflicts allow, so independent kernels (dW and dX of a layer; the
// eval program's test, train and grid forward chains) share one dispatch. A per-model kernel
// (one workgroup per model) whose only conflict is the per-model kernel at the end of a chain
// joins that chain instead: it runs in the same workgroups right after it (e.g. the output
// layer's matmul, then the loss on its predictions), in the same dispatch.

import type { BufferId } from '../../../engine/plan';

export interface Schedulable {
  readonly reads: readonly BufferId[];
  readonly writes: readonly BufferId[];
  readonly perModel: boolean;
}

function conflicts(a: Schedulable, b: Schedulable): boolean {
  const touches = (ids: readonly BufferId[], other: readonly BufferId[]) => ids.some((id) => other.includes(id));
  return touches(a.writes, b.reads) || touches(a.writes, b.writes) || touches(a.reads, b.writes);
}

/**
 * Groups in execution order; a group is a list of chains (kernels run back to back by the same
 * workgroups). Without `merge`, one single-kernel group per kernel, in plan order.
 */
export function scheduleGroups<T extends Schedulable>(kernels: readonly T[], merge: boolean): T[][][] {
  if (!merge) return kernels.map((k) => [[k]]);
  const level: number[] = [];
  const chainOf: T[][] = [];
  const groups: T[][][] = [];
  kernels.forEach((k, j) => {
    const deps = kernels.slice(0, j).flatMap((other, i) => (conflicts(other, k) ? [i] : []));
    if (deps.length === 1 && k.perModel && kernels[deps[0]].perModel) {
      const chain = chainOf[deps[0]];
      if (chain[chain.length - 1] === kernels[deps[0]]) {
        chain.push(k);
        chainOf.push(chain);
        level.push(level[deps[0]]);
        return;
      }
    }
    const l = deps.reduce((max, i) => Math.max(max, level[i] + 1), 0);
    const chain = [k];
    chainOf.push(chain);
    level.push(l);
    (groups[l] ??= []).push(chain);
  });
  return groups;
}
