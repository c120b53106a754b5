// out[m] = op(A[m]) · op(B[m]) for CPU emulations of WebGPU (SwiftShader): the matmul without
// workgroup memory and without barriers. SwiftShader runs a whole dispatch in a slow mode (one
// coroutine per 4 invocations) as soon as its shader has a barrier, and WebGPU's zeroing of
// workgroup memory adds one to every shader that declares any. Each thread of a TMT x TNT workgroup
// (the dispatch's workgroup size, no idle threads past it) owns the RM x RN outputs
// (row0 + tm + i*TMT, col0 + tn + j*TNT) and reads its operands straight from the arena, k in order
// 0, 1, ..., INNER - 1 (the CPU backend's summation order), KU steps per loop iteration.
// Baked (prepended by src/backends/webgpu/kernels/matmul.ts): TMT TNT RM RN KU, the register
// tile (struct Acc; struct Ops: each owned row's and column's element index at k = 0, from
// ops_at; acc_steps: KU unrolled steps from k; acc_step: one; acc_write), then
// matmul-epilogue.wgsl (operand indexing, epilogue).

const TM: u32 = TMT * RM;
const TN: u32 = TNT * RN;
/** element stride of op(A)[r][k] and op(B)[k][c] along k */
const A_KSTRIDE: u32 = select(1u, ROWS, TRANS_A);
const B_KSTRIDE: u32 = select(COLS, 1u, TRANS_B);
const K_UNROLLED: u32 = INNER - INNER % KU;

fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {
  if (li >= TMT * TNT) { return; }
  let m = wg.z;
  let tn = li % TNT;
  let r = wg.y * TM + li / TNT;
  let c = wg.x * TN + tn;
  let o = ops_at(m, r, c);
  var acc = Acc();
  for (var k = 0u; k < K_UNROLLED; k += KU) { acc_steps(&acc, o, k); }
  for (var k = K_UNROLLED; k < INNER; k++) { acc_step(&acc, o, k); }
  acc_write(m, r, c, acc, wg.x == 0u && tn == 0u);
}
