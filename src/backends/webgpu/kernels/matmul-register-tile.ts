// Generated WGSL for the matmul's per-thread register tile: struct Acc holds one scalar field per
// owned output (c{i}_{j}: row tm + i*TMT, column tn + j*TNT, field i*RN + j) and, with rowSumOut,
// one running row sum per owned row (r{i}, field RM*RN + i); the helpers are unrolled. Private
// arrays would be simpler to write but end up in slow memory on some implementations
// (SwiftShader: 2-4x slower); struct fields with static access stay in registers everywhere.
// registerTile serves matmul.wgsl (staged tiles, split-K), directTile the barrier-free
// matmul-direct.wgsl.

import type { MatmulTiling } from './matmul-tiling';

/** Values each thread carries: its outputs, plus its rows' sums when the kernel has rowSumOut. */
export function fieldCount(t: Pick<MatmulTiling, 'rm' | 'rn'>, rowSum: boolean): number {
  return t.rm * t.rn + (rowSum ? t.rm : 0);
}

/** The register tile of matmul.wgsl: Acc, acc_step (staged), acc_step_direct, acc_store / acc_add (split-K) and acc_write. */
export function registerTile(t: MatmulTiling, rowSum: boolean, heavyEpilogue: boolean): string {
  const { rows, cols, outs, fields } = tile(t, rowSum);
  const lines: string[] = [];
  lines.push(`struct Acc {\n${fields.map((f) => `  ${f}: f32,`).join('\n')}\n}`);

  lines.push('fn acc_step(acc: ptr<function, Acc>, kk: u32, tm: u32, tn: u32) {');
  lines.push('  let ab = kk * TMP + tm;');
  lines.push('  let bb = B_BASE + kk * TNP + tn;');
  for (const i of rows) lines.push(`  let a${i} = sm[ab + ${i * t.tmt}u];`);
  for (const j of cols) lines.push(`  let b${j} = sm[bb + ${j * t.tnt}u];`);
  for (const o of outs) lines.push(`  (*acc).${o.name} += a${o.i} * b${o.j};`);
  if (rowSum) for (const i of rows) lines.push(`  (*acc).r${i} += a${i};`);
  lines.push('}');

  // direct: operands from the arena; rows/columns past the edge read a clamped (valid) element
  // whose products are discarded by mm_out's bounds check
  lines.push('fn acc_step_direct(acc: ptr<function, Acc>, m: u32, k: u32, r: u32, c: u32) {');
  for (const i of rows) lines.push(`  let a${i} = ld(A_AR, A_OFF + m * A_MS + a_index(min(r + ${i * t.tmt}u, ROWS - 1u), k));`);
  for (const j of cols) lines.push(`  let b${j} = ld(B_AR, B_OFF + m * B_MS + b_index(k, min(c + ${j * t.tnt}u, COLS - 1u)));`);
  for (const o of outs) lines.push(`  (*acc).${o.name} += a${o.i} * b${o.j};`);
  if (rowSum) for (const i of rows) lines.push(`  (*acc).r${i} += a${i};`);
  lines.push('}');

  lines.push('fn acc_store(acc: Acc, base: u32, stride: u32) {');
  fields.forEach((f, e) => lines.push(`  sm[base + ${e}u * stride] = acc.${f};`));
  lines.push('}');

  lines.push('fn acc_add(acc: ptr<function, Acc>, base: u32, stride: u32) {');
  fields.forEach((f, e) => lines.push(`  (*acc).${f} += sm[base + ${e}u * stride];`));
  lines.push('}');

  lines.push(...accWrite(t, rowSum, heavyEpilogue));
  return lines.join('\n');
}

interface Tile {
  readonly rows: number[];
  readonly cols: number[];
  readonly outs: { i: number; j: number; name: string }[];
  readonly fields: string[];
}

function tile(t: Pick<MatmulTiling, 'rm' | 'rn'>, rowSum: boolean): Tile {
  const rows = Array.from({ length: t.rm }, (_, i) => i);
  const cols = Array.from({ length: t.rn }, (_, j) => j);
  const outs = rows.flatMap((i) => cols.map((j) => ({ i, j, name: `c${i}_${j}` })));
  const fields = [...outs.map((o) => o.name), ...(rowSum ? rows.map((i) => `r${i}`) : [])];
  return { rows, cols, outs, fields };
}

/**
 * acc_write (every owned output through mm_out, and the row sums when asked), and acc_get where it uses it. With
 * `heavyEpilogue` (a Threefry mask) acc_write loops over the outputs, so the epilogue is emitted
 * once (SwiftShader's compile time grows with every inlined copy: twice the time for 20 copies);
 * otherwise it is unrolled. The loop takes output e from acc_get(acc, e) (a switch), or with
 * `rotate` (the direct kernel, for CPU emulations) from the first field of a copy of the tile that
 * it rotates by one field per output: SwiftShader evaluates every case of a switch under a lane
 * mask, and RM x RN cases per output cost more than RM x RN register moves.
 */
function accWrite(t: MatmulTiling, rowSum: boolean, heavyEpilogue: boolean, rotate = false): string[] {
  const { rows, outs, fields } = tile(t, rowSum);
  const lines: string[] = [];
  lines.push('fn acc_write(m: u32, r: u32, c: u32, acc: Acc, row_sums: bool) {');
  if (heavyEpilogue && !rotate) {
    lines.push('  for (var i = 0u; i < RM; i++) {');
    lines.push('    for (var j = 0u; j < RN; j++) { mm_out(m, r + i * TMT, c + j * TNT, acc_get(acc, i * RN + j)); }');
    if (rowSum) lines.push('    if (row_sums) { mm_rowsum(m, r + i * TMT, acc_get(acc, RM * RN + i)); }');
    lines.push('  }');
    lines.push('}');
    lines.push('fn acc_get(acc: Acc, e: u32) -> f32 {');
    lines.push('  switch e {');
    fields.forEach((f, e) => lines.push(`    case ${e}u: { return acc.${f}; }`));
    lines.push('    default: { return 0.0; }');
    lines.push('  }');
    lines.push('}');
    return lines;
  }
  if (heavyEpilogue) {
    const names = outs.map((o) => o.name);
    const rest = fields.slice(names.length).map((f) => `acc.${f}`);
    lines.push('  var out = acc;');
    lines.push('  for (var e = 0u; e < RM * RN; e++) {');
    lines.push(`    mm_out(m, r + (e / RN) * TMT, c + (e % RN) * TNT, out.${names[0]});`);
    lines.push(`    out = Acc(${[...names.slice(1).map((n) => `out.${n}`), `out.${names[0]}`, ...rest].join(', ')});`);
    lines.push('  }');
  } else {
    for (const o of outs) lines.push(`  mm_out(m, r + ${o.i * t.tmt}u, c + ${o.j * t.tnt}u, acc.${o.name});`);
  }
  if (rowSum) {
    lines.push('  if (row_sums) {');
    for (const i of rows) lines.push(`    mm_rowsum(m, r + ${i * t.tmt}u, acc.r${i});`);
    lines.push('  }');
  }
  lines.push('}');
  return lines;
}

/**
 * The register tile of matmul-direct.wgsl: struct Acc, struct Ops (the element index of each owned
 * row of op(A) and column of op(B) at k = 0, clamped to the matrix: products of rows or columns
 * past the edge are discarded by mm_out's bounds check), ops_at, acc_step (one k: RM + RN loads,
 * RM x RN multiply-adds, each rounded as the CPU backend rounds them), acc_steps (`ku` of them)
 * and acc_write. With `share` (subgroupShare in matmul-tiling.ts; ku is the subgroup's lane
 * count) acc_steps loads op(A) once per subgroup: lane l loads row i's element k + l, and
 * subgroupBroadcast(x, q) gives every lane the value for step k + q (acc_step_with takes the
 * op(A) values), so each lane still adds its products in the order k, k + 1, ...
 */
export function directTile(t: MatmulTiling, rowSum: boolean, heavyEpilogue: boolean, ku: number, share = false): string {
  const { rows, cols, outs, fields } = tile(t, rowSum);
  const lines: string[] = [];
  lines.push(`struct Acc {\n${fields.map((f) => `  ${f}: f32,`).join('\n')}\n}`);
  lines.push(`struct Ops {\n${[...rows.map((i) => `  a${i}: u32,`), ...cols.map((j) => `  b${j}: u32,`)].join('\n')}\n}`);
  lines.push('fn ops_at(m: u32, r: u32, c: u32) -> Ops {');
  lines.push('  return Ops(');
  for (const i of rows) lines.push(`    A_OFF + m * A_MS + a_index(min(r + ${i * t.tmt}u, ROWS - 1u), 0u),`);
  for (const j of cols) lines.push(`    B_OFF + m * B_MS + b_index(0u, min(c + ${j * t.tnt}u, COLS - 1u)),`);
  lines.push('  );');
  lines.push('}');
  const products = (): string[] => {
    const body: string[] = [];
    for (const j of cols) body.push(`  let b${j} = ld(B_AR, o.b${j} + k * B_KSTRIDE);`);
    for (const o of outs) body.push(`  (*acc).${o.name} += a${o.i} * b${o.j};`);
    if (rowSum) for (const i of rows) body.push(`  (*acc).r${i} += a${i};`);
    return body;
  };
  if (!share) {
    lines.push('fn acc_step(acc: ptr<function, Acc>, o: Ops, k: u32) {');
    for (const i of rows) lines.push(`  let a${i} = ld(A_AR, o.a${i} + k * A_KSTRIDE);`);
    lines.push(...products());
    lines.push('}');
    lines.push('fn acc_steps(acc: ptr<function, Acc>, o: Ops, k: u32) {');
    for (let q = 0; q < ku; q++) lines.push(`  acc_step(acc, o, k + ${q}u);`);
    lines.push('}');
  } else {
    const aParams = rows.map((i) => `a${i}: f32`).join(', ');
    lines.push(`fn acc_step_with(acc: ptr<function, Acc>, o: Ops, k: u32, ${aParams}) {`);
    lines.push(...products());
    lines.push('}');
    lines.push('fn acc_step(acc: ptr<function, Acc>, o: Ops, k: u32) {');
    lines.push(`  acc_step_with(acc, o, k, ${rows.map((i) => `ld(A_AR, o.a${i} + k * A_KSTRIDE)`).join(', ')});`);
    lines.push('}');
    lines.push('fn acc_steps(acc: ptr<function, Acc>, o: Ops, k: u32) {');
    for (const i of rows) lines.push(`  let x${i} = ld(A_AR, o.a${i} + (k + subgroup_lane) * A_KSTRIDE);`);
    for (let q = 0; q < ku; q++) {
      lines.push(`  acc_step_with(acc, o, k + ${q}u, ${rows.map((i) => `subgroupBroadcast(x${i}, ${q}u)`).join(', ')});`);
    }
    lines.push('}');
  }
  lines.push(...accWrite(t, rowSum, heavyEpilogue, true));
  return lines.join('\n');
}
