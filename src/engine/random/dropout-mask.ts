// The dropout mask, stated once: which unit of which training row a Dropout layer keeps at an
// optimizer step. The CPU kernels apply exactly this function (and shaders/matmul.wgsl its WGSL
// twin, bit-identical), and the page's dropout diagram draws with it, so what the diagram shows
// is what trained.
//
// Key = (the model's seed, STREAM_DROPOUT + the layer's slot), counter = (step t, element), where
// t is the 1-based optimizer step (update t uses step t) and element = row · width + unit: the
// layer's output is [rows = training points][width = hidden units]. A unit is kept iff its
// uniform u >= p (P(keep) = 1 − p).

import { STREAM_DROPOUT } from '../plan';
import { keepUnit } from './threefry';

/** The counter word of (row, unit) in a layer of `width` units. */
export function maskElement(row: number, unit: number, width: number): number {
  return row * width + unit;
}

/** Does Dropout layer `slot` keep `element` at step `step` for a model seeded `seed`, at drop probability `pDrop`? */
export function dropoutKeeps(seed: number, slot: number, step: number, element: number, pDrop: number): boolean {
  return keepUnit(seed, STREAM_DROPOUT + slot, step, element, pDrop);
}
