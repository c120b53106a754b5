// The matmul's operand indexing and fused epilogue (MatmulKernel in plan.ts), shared by the two
// matmul kernels (matmul.wgsl, matmul-direct.wgsl): each kernel body is the baked constants, this
// file, then the kernel file. Baked: ROWS INNER COLS TRANS_A TRANS_B, the operand locations
// X_AR/X_OFF/X_MS and the epilogue switches (DROP and DGRAD hold a DROPOUT_* mode from the
// prelude; DGRAD = DROPOUT_GATED only with HAS_GATE, see src/backends/webgpu/kernels/gated-masks.ts).

fn a_index(r: u32, k: u32) -> u32 {
  if (TRANS_A) { return k * ROWS + r; }
  return r * INNER + k;
}

fn b_index(k: u32, c: u32) -> u32 {
  if (TRANS_B) { return c * INNER + k; }
  return k * COLS + c;
}

/** keep of element e = r*COLS + c at step t, from a Threefry stream or the recorded masks at off. */
fn mask_keep(src: u32, stream: u32, ar: u32, off: u32, steps: u32, m: u32, t: u32, e: u32, p: f32) -> bool {
  if (src == DROPOUT_THREEFRY) { return keep_unit(hyper_u32(m, H_SEED), stream, t, e, p); }
  let block = ((t - 1u) % steps) * ROWS * COLS;
  return ld(ar, off + block + e) != 0.0;
}

/** The fused epilogue on one output element, in plan.ts order. */
fn epilogue(m: u32, r: u32, c: u32, acc: f32) -> f32 {
  var v = acc;
  let e = r * COLS + c;
  let t = step_t();
  if (HAS_BIAS) { v = v + ld(BIAS_AR, BIAS_OFF + m * BIAS_MS + c); }
  if (DROP == DROPOUT_THREEFRY || DROP == DROPOUT_RECORDED) {
    let keep = mask_keep(DROP, DROP_STREAM, DM_AR, DM_OFF + m * DM_MS, DM_STEPS, m, t, e, hyper_f32(m, H_P_DROP));
    v = v * select(0.0, hyper_f32(m, H_TRAIN_SCALE), keep);
  } else if (DROP == DROPOUT_EVAL_SCALE) {
    v = v * hyper_f32(m, H_EVAL_SCALE);
  }
  if (RELU) { v = select(0.0, v, !(v <= 0.0)); } // max(v, 0) that keeps a NaN visible
  if (HAS_GATE) { v = select(0.0, v, ld(GATE_AR, GATE_OFF + m * GATE_MS + e) > 0.0); }
  if (DGRAD == DROPOUT_GATED) {
    v = v * hyper_f32(m, H_TRAIN_SCALE); // the gate above let through kept units only
  } else if (DGRAD != DROPOUT_NONE) {
    let keep = mask_keep(DGRAD, DGRAD_STREAM, GM_AR, GM_OFF + m * GM_MS, GM_STEPS, m, t, e, hyper_f32(m, H_P_DROP));
    v = v * select(0.0, hyper_f32(m, H_TRAIN_SCALE), keep);
  }
  return v;
}

/** Stores one finished output element (bounds-checked), through the epilogue. */
fn mm_out(m: u32, r: u32, c: u32, acc: f32) {
  if (r < ROWS && c < COLS) { st(OUT_AR, OUT_OFF + m * OUT_MS + r * COLS + c, epilogue(m, r, c, acc)); }
}

/** Stores one row sum (bounds-checked). */
fn mm_rowsum(m: u32, r: u32, v: f32) {
  if (r < ROWS) { st(RS_AR, RS_OFF + m * RS_MS + r, v); }
}
