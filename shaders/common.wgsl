// Shared by every kernel. One bind group serves the whole plan: the per-model hyperparameter
// table, the control uniform (the step of the submit's first replay, the bias table's width), the
// replay index (a dynamic uniform offset, so t = t0 + replay needs neither a per-step write nor an
// advance dispatch), the bias-correction table and the arenas that hold every plan buffer. The
// TypeScript side prepends (src/backends/webgpu/wgsl.ts) the constants it shares with the shaders
// (WG, BIND_*, CTL_*, DROPOUT_*, OPT_*, HYPER_STRIDE and the H_* field indices), the arena
// bindings, ld/st and the workgroup array `sm`, sized to what the dispatch's kernels need (WebGPU
// zeroes workgroup memory at every workgroup start). Each kernel file defines
// fn kernel(wg, nwg, li) (its own workgroup id and grid, the local index); the generated entry
// point (@workgroup_size(WG)) calls it, or several kernels' (renamed) functions in one dispatch.

@group(0) @binding(BIND_HYPER) var<storage, read> hyper: array<u32>;
@group(0) @binding(BIND_CTL) var<uniform> ctl: vec4<u32>;
@group(0) @binding(BIND_REPLAY) var<uniform> replay: vec4<u32>;
// Adam's bias corrections (f32(1 - β1^t), f32(sqrt(1 - β2^t))) per replay of the submit and per
// distinct (β1, β2) of the plan's optimizers (ctl[CTL_BIAS_COLUMNS] of them), computed in double on
// the host.
@group(0) @binding(BIND_BIAS_TABLE) var<storage, read> bias_table: array<vec2<f32>>;

fn hyper_f32(m: u32, field: u32) -> f32 {
  return bitcast<f32>(hyper[m * HYPER_STRIDE + field]);
}

fn hyper_u32(m: u32, field: u32) -> u32 {
  return hyper[m * HYPER_STRIDE + field];
}

/** The optimizer step t of the replay being run (1-based). */
fn step_t() -> u32 {
  return ctl[CTL_T0] + replay.x;
}

/** (1 - β1^t, sqrt(1 - β2^t)) of the replay being run for the plan's `pair`-th (β1, β2). */
fn bias_corrections(pair: u32) -> vec2<f32> {
  return bias_table[replay.x * ctl[CTL_BIAS_COLUMNS] + pair];
}

/** Ring slot (t-1) mod len of a history buffer. */
fn ring_slot(len: u32) -> u32 {
  return (step_t() - 1u) % len;
}
