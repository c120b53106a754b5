// Numbers the host code and the WGSL must agree on, named once here. wgsl.ts writes each of them
// into every shader's prelude as a WGSL `const` (the engine's hyper-table layout and optimizer
// codes, from plan.ts, join them there), so no shader file and no TypeScript module repeats one as
// a bare `0u` or `@binding(3)`. tests/backends/webgpu/shared-constants.test.ts checks both sides.

/** Threads per workgroup of every dispatch (WGSL `WG`); the tree reductions assume a power of two. */
export const WORKGROUP_SIZE = 256;

/**
 * Bind group 0, the one every dispatch of a plan uses (WGSL `BIND_*`): the hyper table, the
 * control uniform, the replay index (a dynamic uniform offset), the bias-correction table, then
 * one storage binding per arena from `arena0` on.
 */
export const Binding = { hyper: 0, ctl: 1, replay: 2, biasTable: 3, arena0: 4 } as const;

/** u32 words of the control uniform `ctl` (a vec4<u32>; WGSL `CTL_*`), written once per submit. */
export const CtlWord = {
  /** the optimizer step t of the submit's first replay */
  t0: 0,
  /** columns of the bias-correction table: the plan's distinct (β1, β2) */
  biasColumns: 1,
} as const;

/**
 * How a matmul epilogue applies dropout (WGSL `DROPOUT_*`, the matmul's baked DROP and DGRAD):
 * not at all, with a Threefry mask, with a recorded mask buffer, as eval mode's scale, or (DGRAD
 * only) as trainScale alone, where the ReLU gate already applied implies the mask (gated-masks.ts).
 */
export const DropoutMode = {
  none: 0,
  threefry: 1,
  recorded: 2,
  evalScale: 3,
  gated: 4,
} as const;
export type DropoutModeCode = (typeof DropoutMode)[keyof typeof DropoutMode];
