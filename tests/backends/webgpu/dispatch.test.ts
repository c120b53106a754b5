// The WGSL code generation of kernels/dispatch.ts on the CPU: namespaced (top-level names and their
// uses suffixed, member accesses and longer names left alone), chainKernel (members in turn, with
// barriers between them) and dispatchProgram (one entry point; merged kernels share a grid that is
// folded into y past 65535 workgroups, and the generated branches hand every member each of its
// workgroups exactly once). The GPU runs of these programs are in train.gpu.test.ts.
import { describe, expect, it } from 'vitest';
import { chainKernel, dispatchProgram, namespaced } from '../../../src/backends/webgpu/kernels/dispatch';
import type { KernelProgram } from '../../../src/backends/webgpu/kernels/program';
import { mseWgsl } from '../../../src/backends/webgpu/shaders.gen';
import { WORKGROUP_SIZE } from '../../../src/backends/webgpu/shared-constants';
import { bool, constants, f32, u32 } from '../../../src/backends/webgpu/wgsl';

/** Whole-word occurrences of `name` that are not member accesses (`.name`). */
function uses(text: string, name: string): number {
  return [...text.matchAll(new RegExp(`(?<![.\\w])${name}(?!\\w)`, 'g'))].length;
}

function withoutComments(wgsl: string): string {
  return wgsl.replace(/\/\/.*$/gm, '');
}

function program(name: string, dispatch: [number, number, number], extra: Partial<KernelProgram> = {}): KernelProgram {
  return {
    key: `key-${name}`,
    label: name,
    dispatch,
    body: `const ${name.toUpperCase()}_N: u32 = 7u;\nfn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {\n  st(0u, wg.x, f32(${name.toUpperCase()}_N));\n}`,
    workgroupWords: 0,
    libraries: [],
    reads: [],
    writes: [],
    perModel: false,
    ...extra,
  };
}

describe('namespaced', () => {
  it('suffixes every top-level const, fn, struct and alias and each use, nothing else', () => {
    const body = [
      'fn helper(p: Pair) -> Acc { return Acc(p.first * f32(TILE + x)); }', // used before it is declared
      'const TILE: u32 = 16u;',
      'const x: u32 = 3u;',
      'alias Acc = vec4<f32>;',
      'struct Pair { first: f32, other: f32 }',
      'fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {',
      '  let TILE_COUNT = TILE + wg.x; let my_helper = nwg.x * x;',
      '  let v: Acc = helper(Pair(1.0, 2.0));',
      '  st(0u, wg.x, v.x + f32(ld(0u, li)));',
      '}',
    ].join('\n');
    const out = namespaced(body, '_k3');
    for (const name of ['TILE', 'x', 'Acc', 'Pair', 'helper', 'kernel']) {
      expect(uses(out, name), `${name} left unsuffixed`).toBe(0);
      expect(uses(out, `${name}_k3`), `${name}: every use suffixed`).toBe(uses(body, name));
    }
    // member accesses and swizzles keep their names, even one called like a top-level const (x)
    expect(out).toContain('let TILE_COUNT = TILE_k3 + wg.x; let my_helper = nwg.x * x_k3;');
    expect(out).toContain('return Acc_k3(p.first * f32(TILE_k3 + x_k3));');
    // prelude functions and builtins are untouched
    expect(out).toContain('st(0u, wg.x, v.x + f32(ld(0u, li)));');
    expect(out).toContain('fn kernel_k3(wg: vec3<u32>');
    expect(out).toContain('struct Pair_k3 { first: f32, other: f32 }');
  });

  it('a real kernel body (mse.wgsl with its baked constants) keeps only suffixed names of its own', () => {
    const decls = constants({ N: u32(20), TWO_OVER_N: f32(0.1), HISTORY: bool(true), LOSS_LEN: u32(16), HAS_GRAD: bool(true) });
    const body = `${decls}\n\n${mseWgsl}`;
    const out = namespaced(body, '_c1');
    for (const name of ['N', 'TWO_OVER_N', 'HISTORY', 'LOSS_LEN', 'HAS_GRAD', 'kernel']) {
      expect(uses(body, name), name).toBeGreaterThan(0);
      expect(uses(out, name), `${name} left unsuffixed`).toBe(0);
      expect(uses(out, `${name}_c1`)).toBe(uses(body, name));
    }
    // what the prelude and common.wgsl define stays shared
    for (const shared of ['ld', 'st', 'ring_slot', 'sm', 'WG', 'workgroupBarrier']) expect(uses(out, shared)).toBe(uses(body, shared));
  });

  it('a body that declares nothing comes back unchanged', () => {
    const body = 'let x = 1u; // fn kernel is declared elsewhere';
    expect(namespaced(body, '_k0')).toBe(body);
  });
});

describe('chainKernel', () => {
  it('a chain of one is that kernel', () => {
    const a = program('a', [1, 1, 4], { perModel: true });
    expect(chainKernel([a])).toBe(a);
  });

  it('runs the members in turn in one kernel, with storage and workgroup barriers between them', () => {
    const a = program('a', [1, 1, 4], { perModel: true, reads: [0], writes: [1], workgroupWords: 256, libraries: ['threefry'] });
    const b = program('b', [1, 1, 4], { perModel: true, reads: [1], writes: [2], workgroupWords: 512, libraries: ['threefry', 'pairSum'] });
    const c = program('c', [1, 1, 4], { perModel: true, reads: [2], writes: [3] });
    const chain = chainKernel([a, b, c]);
    expect(chain.dispatch).toEqual([1, 1, 4]);
    expect(chain.perModel).toBe(true);
    expect(chain.workgroupWords).toBe(512);
    expect([...chain.libraries].sort()).toEqual(['pairSum', 'threefry']);
    expect(chain.reads).toEqual([0, 1, 2]);
    expect(chain.writes).toEqual([1, 2, 3]);
    expect(chain.label).toBe('a → b → c');
    for (const member of [a, b, c]) expect(chain.key).toContain(member.key);
    // each member's names are its own; the one `kernel` calls them in order
    for (const [i, name] of ['A_N', 'B_N', 'C_N'].entries()) {
      expect(uses(chain.body, `${name}_c${i}`)).toBe(2);
      expect(uses(chain.body, `kernel_c${i}`)).toBe(2); // declaration and call
    }
    const entry = chain.body.slice(chain.body.lastIndexOf('fn kernel('));
    expect(entry.replace(/\s+/g, ' ')).toBe(
      'fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) { kernel_c0(wg, nwg, li); storageBarrier(); workgroupBarrier(); ' +
        'kernel_c1(wg, nwg, li); storageBarrier(); workgroupBarrier(); kernel_c2(wg, nwg, li); }',
    );
    expect(uses(chain.body, 'kernel')).toBe(1);
  });
});

interface Branch {
  readonly end: number;
  readonly start: number;
  readonly member: number;
  readonly x: number;
  readonly y: number;
  readonly xy: number;
  readonly grid: [number, number, number];
}

/** The merged entry point's branches, read back from the WGSL. */
function branches(wgsl: string): Branch[] {
  const re =
    /if \(id < (\d+)u\) \{\s*let l = id - (\d+)u;\s*kernel_k(\d+)\(vec3<u32>\(l % (\d+)u, \(l \/ (\d+)u\) % (\d+)u, l \/ (\d+)u\), vec3<u32>\((\d+)u, (\d+)u, (\d+)u\), li\);\s*return;/g;
  return [...wgsl.matchAll(re)].map((m) => {
    const n = m.slice(1).map(Number);
    expect(n[3], 'x decode').toBe(n[4]);
    return { end: n[0], start: n[1], member: n[2], x: n[3], y: n[5], xy: n[6], grid: [n[7], n[8], n[9]] };
  });
}

/**
 * Runs the entry point's workgroup-to-member mapping over the whole dispatch, as the GPU would:
 * id = wg.x + wg.y * nwg.x, the first branch with id < end runs member k at (l % x, (l / x) % y, l / xy).
 */
function coverage(program: { dispatch: readonly [number, number, number]; wgsl: string }): Map<string, number> {
  const bs = branches(program.wgsl);
  const [nx, ny, nz] = program.dispatch;
  expect(nz).toBe(1);
  const hits = new Map<string, number>();
  for (let wy = 0; wy < ny; wy++)
    for (let wx = 0; wx < nx; wx++) {
      const id = wx + wy * nx;
      const b = bs.find((br) => id < br.end);
      if (!b) continue; // past the last member: the workgroup does nothing
      const l = id - b.start;
      const key = `${b.member}:${l % b.x},${Math.floor(l / b.x) % b.y},${Math.floor(l / b.xy)}`;
      hits.set(key, (hits.get(key) ?? 0) + 1);
    }
  return hits;
}

function expectEachWorkgroupOnce(kernels: readonly KernelProgram[], hits: Map<string, number>): void {
  let expected = 0;
  kernels.forEach((k, i) => {
    const [x, y, z] = k.dispatch;
    for (const corner of [
      [0, 0, 0],
      [x - 1, y - 1, z - 1],
      [x - 1, 0, z - 1],
    ])
      expect(hits.get(`${i}:${corner.join(',')}`), `member ${i} workgroup ${corner.join(',')}`).toBe(1);
    expected += x * y * z;
  });
  expect(hits.size, 'distinct member workgroups').toBe(expected);
  expect([...hits.values()].every((n) => n === 1)).toBe(true);
}

describe('dispatchProgram', () => {
  it('refuses an empty list', () => {
    expect(() => dispatchProgram(1, [])).toThrow(/no kernels/);
  });

  it('one kernel: its own grid, a plain entry point, the shared array only when it needs one', () => {
    const a = program('a', [70000, 2, 3]);
    const p = dispatchProgram(2, [a]);
    expect(p.dispatch).toEqual([70000, 2, 3]);
    expect(p.key).toBe(`2\n${a.key}`);
    expect(p.label).toBe('a');
    expect(p.kernels).toEqual([a]);
    expect(p.wgsl).toContain('@compute @workgroup_size(WG)');
    expect(p.wgsl).toContain(`const WG: u32 = ${WORKGROUP_SIZE}u;`);
    expect(p.wgsl.replace(/\s+/g, ' ')).toContain('{ kernel(wg, nwg, li); }');
    expect(p.wgsl).toContain('var<storage, read_write> arena1: array<f32>'); // two arenas bound
    expect(p.wgsl).not.toContain('var<workgroup> sm');
    expect(p.wgsl).not.toContain('fn threefry2x32');
    const withSm = dispatchProgram(1, [program('b', [1, 1, 1], { workgroupWords: 300, libraries: ['threefry'] })]);
    expect(withSm.wgsl).toContain('var<workgroup> sm: array<f32, 300>;');
    expect(withSm.wgsl).toContain('fn threefry2x32');
  });

  it('merged kernels: one grid of all their workgroups, each member runs each of its workgroups once', () => {
    const ks = [program('a', [5, 3, 2]), program('b', [1, 1, 4], { workgroupWords: 256 }), program('c', [7, 1, 1], { workgroupWords: 64 })];
    const p = dispatchProgram(1, ks);
    expect(p.dispatch).toEqual([5 * 3 * 2 + 4 + 7, 1, 1]);
    expect(p.label).toBe('a + b + c');
    expect(p.wgsl).toContain('var<workgroup> sm: array<f32, 256>;');
    expect(withoutComments(p.wgsl)).not.toMatch(/(?<![.\w])kernel\s*\(/); // every body's kernel is namespaced, none is called bare
    for (const i of [0, 1, 2]) expect(p.wgsl).toContain(`fn kernel_k${i}(`);
    expect(p.wgsl).toContain('let id = wg.x + wg.y * nwg.x;');
    expectEachWorkgroupOnce(ks, coverage(p));
    // the key names the grids too: same bodies on other grids compile separately
    expect(dispatchProgram(1, [program('a', [5, 3, 1]), ks[1], ks[2]]).key).not.toBe(p.key);
  });

  it('past 65535 workgroups the grid folds into y, and the surplus workgroups of the last row do nothing', () => {
    const ks = [program('a', [40000, 1, 1]), program('b', [300, 50, 2])];
    const total = 40000 + 300 * 50 * 2;
    const p = dispatchProgram(1, ks);
    expect(p.dispatch).toEqual([65535, Math.ceil(total / 65535), 1]);
    expect(p.dispatch[0] * p.dispatch[1]).toBeGreaterThan(total);
    const bs = branches(p.wgsl);
    expect(bs.map((b) => [b.start, b.end])).toEqual([
      [0, 40000],
      [40000, total],
    ]);
    expectEachWorkgroupOnce(ks, coverage(p));
  });

  it('a kernel that uses subgroups: the module enables them first, and the entry point hands each invocation its lane', () => {
    const plainModule = dispatchProgram(1, [program('a', [2, 1, 1])]).wgsl;
    expect(plainModule).not.toContain('subgroup');
    for (const ks of [
      [program('a', [2, 1, 1], { subgroups: true })],
      [program('a', [2, 1, 1]), program('b', [1, 1, 1], { subgroups: true })],
    ]) {
      const wgsl = dispatchProgram(1, ks).wgsl;
      // the extension comes before any declaration (WGSL's rule), the lane is a private the entry point sets before the kernels run
      expect(wgsl.startsWith('enable subgroups;\ndiagnostic(off, subgroup_uniformity);\n')).toBe(true);
      expect(wgsl).toContain('var<private> subgroup_lane: u32;');
      const entry = wgsl.slice(wgsl.indexOf('fn main('));
      expect(entry).toContain('@builtin(subgroup_invocation_id) lane: u32)');
      expect(entry.indexOf('subgroup_lane = lane;')).toBeGreaterThan(0);
      expect(entry.indexOf('subgroup_lane = lane;')).toBeLessThan(entry.indexOf('kernel'));
      expect(uses(withoutComments(wgsl), 'subgroup_lane')).toBe(2);
    }
    // a chain with a member that uses subgroups is a kernel that uses them
    expect(chainKernel([program('a', [1, 1, 2]), program('b', [1, 1, 2], { subgroups: true })]).subgroups).toBe(true);
    expect(chainKernel([program('a', [1, 1, 2]), program('b', [1, 1, 2])]).subgroups).toBeUndefined();
  });
});
