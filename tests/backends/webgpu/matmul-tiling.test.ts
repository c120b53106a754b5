// The CPU-emulation tiling with subgroups (kernels/matmul-tiling.ts, matmul-register-tile.ts): when
// the direct matmul may share op(A) over a subgroup, that the cost model takes the sharing into
// account, and the WGSL of the shared step. The kernels' results are checked on SwiftShader in
// matmul.gpu.test.ts (with and without sharing: the same bits).
import { describe, expect, it } from 'vitest';
import { directTile } from '../../../src/backends/webgpu/kernels/matmul-register-tile';
import {
  SUBGROUP_LANES,
  chooseTiling,
  subgroupShare,
  tilingCost,
  type MatmulTiling,
  type TilingProfile,
} from '../../../src/backends/webgpu/kernels/matmul-tiling';

const CPU: TilingProfile = { kind: 'cpu' };
const CPU_SUBGROUPS: TilingProfile = { kind: 'cpu', subgroups: true };
const GPU: TilingProfile = { kind: 'gpu', parallelSlots: 264 };
const direct: MatmulTiling = { tmt: 4, tnt: 16, ks: 1, rm: 5, rn: 4, tk: 1, staged: false };

describe('subgroupShare', () => {
  it('only for a direct tiling on the CPU-emulation profile with subgroups, lanes owning the same rows, k at least a subgroup deep', () => {
    expect(subgroupShare({ inner: 300 }, direct, CPU_SUBGROUPS)).toBe(true);
    expect(subgroupShare({ inner: SUBGROUP_LANES }, direct, CPU_SUBGROUPS)).toBe(true);
    expect(subgroupShare({ inner: SUBGROUP_LANES - 1 }, direct, CPU_SUBGROUPS)).toBe(false);
    expect(subgroupShare({ inner: 300 }, direct, CPU)).toBe(false);
    expect(subgroupShare({ inner: 300 }, direct, GPU)).toBe(false);
    expect(subgroupShare({ inner: 300 }, { ...direct, tnt: 2, tmt: 32 }, CPU_SUBGROUPS)).toBe(false);
    expect(subgroupShare({ inner: 300 }, { ...direct, tnt: 12 }, CPU_SUBGROUPS)).toBe(true);
    expect(subgroupShare({ inner: 300 }, { ...direct, staged: true }, CPU_SUBGROUPS)).toBe(false);
  });
});

describe('the CPU-emulation cost model with subgroups', () => {
  const shapes = [
    { rows: 20, inner: 300, cols: 300, models: 64, rng: true },
    { rows: 300, inner: 20, cols: 300, models: 2, rng: false },
    { rows: 121, inner: 300, cols: 300, models: 2, rng: false },
  ];
  it("picks a tiling that shares op(A) for the tutorial's large matmuls, cheaper than the best without", () => {
    for (const s of shapes) {
      const shared = chooseTiling(s, CPU_SUBGROUPS);
      const plain = chooseTiling(s, CPU);
      expect(subgroupShare(s, shared, CPU_SUBGROUPS), JSON.stringify(shared)).toBe(true);
      expect(tilingCost(s, shared, CPU_SUBGROUPS)).toBeLessThan(tilingCost(s, plain, CPU));
      // the same tiling costs less with sharing: op(A) is loaded once per subgroup
      expect(tilingCost(s, shared, CPU_SUBGROUPS)).toBeLessThan(tilingCost(s, shared, CPU));
    }
  });
  it('a matmul one step deep (fc1) is costed and tiled as without subgroups', () => {
    const s = { rows: 20, inner: 1, cols: 300, models: 2, rng: true };
    expect(chooseTiling(s, CPU_SUBGROUPS)).toEqual(chooseTiling(s, CPU));
  });
});

describe('directTile with sharing', () => {
  it('loads op(A) once per subgroup (lane l: step k + l) and broadcasts step q to every lane; the tail steps load it themselves', () => {
    const wgsl = directTile({ ...direct, rm: 2, rn: 1 }, true, false, SUBGROUP_LANES, true);
    const steps = wgsl.slice(wgsl.indexOf('fn acc_steps('));
    expect(steps).toContain('let x0 = ld(A_AR, o.a0 + (k + subgroup_lane) * A_KSTRIDE);');
    expect(steps).toContain('let x1 = ld(A_AR, o.a1 + (k + subgroup_lane) * A_KSTRIDE);');
    for (let q = 0; q < SUBGROUP_LANES; q++) {
      expect(steps).toContain(`acc_step_with(acc, o, k + ${q}u, subgroupBroadcast(x0, ${q}u), subgroupBroadcast(x1, ${q}u));`);
    }
    expect(wgsl).toContain('acc_step_with(acc, o, k, ld(A_AR, o.a0 + k * A_KSTRIDE), ld(A_AR, o.a1 + k * A_KSTRIDE));');
    // row sums add the op(A) values the step was given
    expect(wgsl).toContain('(*acc).r1 += a1;');
    expect(directTile(direct, false, false, SUBGROUP_LANES)).not.toContain('subgroup');
  });
});

describe('directTile: the epilogue loop with a Threefry mask', () => {
  it('takes each output from the first field of a tile copy it rotates (no switch per output), the row sums unrolled', () => {
    const wgsl = directTile({ ...direct, rm: 2, rn: 2 }, true, true, SUBGROUP_LANES, true);
    const write = wgsl.slice(wgsl.indexOf('fn acc_write('));
    expect(wgsl).not.toContain('acc_get');
    expect(write).toContain('for (var e = 0u; e < RM * RN; e++) {');
    expect(write).toContain('mm_out(m, r + (e / RN) * TMT, c + (e % RN) * TNT, out.c0_0);');
    // outputs c0_0 c0_1 c1_0 c1_1 move one field down each step (the first to the back); the row sums stay
    expect(write).toContain('out = Acc(out.c0_1, out.c1_0, out.c1_1, out.c0_0, acc.r0, acc.r1);');
    expect(write).toContain('mm_rowsum(m, r + 4u, acc.r1);');
  });
});
