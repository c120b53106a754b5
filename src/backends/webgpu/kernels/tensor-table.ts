// WGSL lookups over parameter tensors flattened per model (penalty and optimizer kernels): element e
// of a model's concatenated tensors -> the (arena, index) of that element in each of several
// aligned buffer lists (param, grad, moments). Generated as a chain of constant comparisons.

import type { BufferId } from '../../../engine/plan';
import { locationOf } from '../arena';
import type { KernelContext } from './program';

/** `(arena, offset + m * stride + i)` of buffer `id` as a WGSL vec2<u32> expression. */
function slotExpr(ctx: KernelContext, id: BufferId, m: string, i: string): string {
  const loc = locationOf(ctx.layout, id);
  return `vec2<u32>(${loc.arena}u, ${loc.offset}u + ${m} * ${loc.modelStride}u + ${i})`;
}

/**
 * `fn name(e: u32, m: u32) -> Struct`: Struct(slot in lists[0], slot in lists[1], ...) of element e,
 * where tensor j spans lengths[j] elements; Struct is declared by the kernel file.
 */
export function flatSlots(
  ctx: KernelContext,
  name: string,
  struct: string,
  lists: readonly (readonly BufferId[])[],
  lengths: readonly number[],
): string {
  const lines = [`fn ${name}(e: u32, m: u32) -> ${struct} {`];
  let start = 0;
  lengths.forEach((n, j) => {
    const i = start === 0 ? 'e' : `(e - ${start}u)`;
    lines.push(`  if (e < ${start + n}u) { return ${struct}(${lists.map((ids) => slotExpr(ctx, ids[j], 'm', i)).join(', ')}); }`);
    start += n;
  });
  lines.push(`  return ${struct}(${lists.map(() => 'vec2<u32>(0u, 0u)').join(', ')});`, '}');
  return lines.join('\n');
}
