// out[m] = op(A[m]) · op(B[m]) with the fused epilogue of MatmulKernel (plan.ts), all models in
// one dispatch (workgroup_id.z = model). Each workgroup computes a TM x TN output tile; its
// threads form a KS x TMT x TNT grid: thread (ks, tm, tn) owns the RM x RN outputs
// (tm + i*TMT, tn + j*TNT) and the inner indices k = ks (mod KS); the KS partial sums are reduced
// through workgroup memory at the end. STAGED (GPUs): operands pass through workgroup memory in
// TK-deep tiles. Direct (CPU emulations such as SwiftShader, where barriers and workgroup memory
// are slow): each thread reads its operands straight from the arena.
// Baked (prepended by src/backends/webgpu/kernels/matmul.ts): ROWS INNER COLS TRANS_A TRANS_B TMT
// TNT KS RM RN TK STAGED NFIELDS, the operand locations X_AR/X_OFF/X_MS, the epilogue switches
// (DROP and DGRAD hold a DROPOUT_* mode from the prelude), and the register tile: struct Acc (one
// scalar field per owned output, plus its row sums) with the unrolled acc_step(_direct) /
// acc_store / acc_add / acc_write (no private arrays: those end up in slow memory on some
// implementations).

const TM: u32 = TMT * RM;
const TN: u32 = TNT * RN;
const TMP: u32 = TM + 1u;            // padded strides: conflict-free staging stores
const TNP: u32 = TN + 1u;
const B_BASE: u32 = TK * TMP;
const NTHREADS: u32 = TMT * TNT * KS;
const NTILES: u32 = (INNER + TK - 1u) / TK;
const KQ: u32 = TK / KS;
const RED_STRIDE: u32 = TMT * TNT;

fn a_index(r: u32, k: u32) -> u32 {
  if (TRANS_A) { return k * ROWS + r; }
  return r * INNER + k;
}

fn b_index(k: u32, c: u32) -> u32 {
  if (TRANS_B) { return c * INNER + k; }
  return k * COLS + c;
}

/** Stage op(A)[row0.., k0..] and op(B)[k0.., col0..] (zero-padded) into workgroup memory. */
fn stage_tiles(m: u32, row0: u32, col0: u32, k0: u32, li: u32) {
  for (var idx = li; idx < TK * TM; idx += WG) {
    var kk: u32;
    var rr: u32;
    if (TRANS_A) { kk = idx / TM; rr = idx % TM; } else { rr = idx / TK; kk = idx % TK; }
    let r = row0 + rr;
    let k = k0 + kk;
    var v = 0.0;
    if (r < ROWS && k < INNER) { v = ld(A_AR, A_OFF + m * A_MS + a_index(r, k)); }
    sm[kk * TMP + rr] = v;
  }
  for (var idx = li; idx < TK * TN; idx += WG) {
    var kk: u32;
    var cc: u32;
    if (TRANS_B) { cc = idx / TK; kk = idx % TK; } else { kk = idx / TN; cc = idx % TN; }
    let c = col0 + cc;
    let k = k0 + kk;
    var v = 0.0;
    if (c < COLS && k < INNER) { v = ld(B_AR, B_OFF + m * B_MS + b_index(k, c)); }
    sm[B_BASE + kk * TNP + cc] = v;
  }
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
  if (DGRAD != DROPOUT_NONE) {
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

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  let m = wg.z;
  let row0 = wg.y * TM;
  let col0 = wg.x * TN;
  let computes = li < NTHREADS;
  let tn = li % TNT;
  let tm = (li / TNT) % TMT;
  let ks = li / RED_STRIDE;

  var acc = Acc();
  if (STAGED) {
    for (var tile = 0u; tile < NTILES; tile++) {
      stage_tiles(m, row0, col0, tile * TK, li);
      workgroupBarrier();
      if (computes) {
        for (var q = 0u; q < KQ; q++) { acc_step(&acc, ks + q * KS, tm, tn); }
      }
      workgroupBarrier();
    }
  } else if (computes) {
    for (var k = ks; k < INNER; k += KS) { acc_step_direct(&acc, m, k, row0 + tm, col0 + tn); }
  }

  if (KS > 1u) {
    let t = li % RED_STRIDE;
    if (computes && ks > 0u) { acc_store(acc, (ks - 1u) * NFIELDS * RED_STRIDE + t, RED_STRIDE); }
    workgroupBarrier();
    if (computes && ks == 0u) {
      for (var s = 1u; s < KS; s++) { acc_add(&acc, (s - 1u) * NFIELDS * RED_STRIDE + t, RED_STRIDE); }
    }
  }

  if (computes && ks == 0u) { acc_write(m, row0 + tm, col0 + tn, acc, wg.x == 0u && tn == 0u); }
}
