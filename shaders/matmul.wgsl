// out[m] = op(A[m]) · op(B[m]) with the fused epilogue of MatmulKernel (plan.ts), all models in
// one dispatch (workgroup_id.z = model). Each workgroup computes a TM x TN output tile; its
// threads form a KS x TMT x TNT grid: thread (ks, tm, tn) owns the RM x RN outputs
// (tm + i*TMT, tn + j*TNT) and the inner indices k = ks (mod KS); the KS partial sums are reduced
// through workgroup memory at the end. STAGED (GPUs): operands pass through workgroup memory in
// TK-deep tiles. Direct (CPU emulations such as SwiftShader, where barriers and workgroup memory
// are slow): each thread reads its operands straight from the arena (matmul-direct.wgsl is the
// same without workgroup memory, for KS = 1).
// Baked (prepended by src/backends/webgpu/kernels/matmul.ts): TMT TNT KS RM RN TK STAGED NFIELDS,
// the register tile: struct Acc (one scalar field per owned output, plus its row sums) with the
// unrolled acc_step(_direct) / acc_store / acc_add / acc_write (no private arrays: those end up in
// slow memory on some implementations), then matmul-epilogue.wgsl (operand indexing, epilogue).

const TM: u32 = TMT * RM;
const TN: u32 = TNT * RN;
const TMP: u32 = TM + 1u;            // padded strides: conflict-free staging stores
const TNP: u32 = TN + 1u;
const B_BASE: u32 = TK * TMP;
const NTHREADS: u32 = TMT * TNT * KS;
const NTILES: u32 = (INNER + TK - 1u) / TK;
const KQ: u32 = TK / KS;
const RED_STRIDE: u32 = TMT * TNT;

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
