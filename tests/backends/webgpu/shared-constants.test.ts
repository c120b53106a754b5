// The numbers TypeScript and WGSL share are named once (src/backends/webgpu/shared-constants.ts,
// the engine's hyper layout and optimizer codes): the prelude defines each with the TypeScript
// value, the shader files only use the names, and what the host bakes or binds agrees with them.
// CPU only: reads generated WGSL text, compiles nothing.

import { describe, expect, it } from 'vitest';
import { layoutArenas } from '../../../src/backends/webgpu/arena';
import { dispatchProgram } from '../../../src/backends/webgpu/kernels/dispatch';
import { matmulProgram } from '../../../src/backends/webgpu/kernels/matmul';
import type { KernelContext, KernelProgram } from '../../../src/backends/webgpu/kernels/program';
import * as shaders from '../../../src/backends/webgpu/shaders.gen';
import { Binding, CtlWord, DropoutMode, WORKGROUP_SIZE } from '../../../src/backends/webgpu/shared-constants';
import { prelude, sharedConstants } from '../../../src/backends/webgpu/wgsl';
import { HYPER_STRIDE, Hyper, OptimizerCode, type MaskSource, type MatmulKernel } from '../../../src/engine/plan';
import { PlanBuilder } from '../../../src/engine/plan-builder';

const SOURCES = Object.entries(shaders);

/** `const NAME: u32 = 12u;` lines of a WGSL text -> name -> value (every occurrence, to catch duplicates). */
function u32Constants(wgsl: string): [string, number][] {
  return [...wgsl.matchAll(/^const (\w+): u32 = (\d+)u;$/gm)].map((m) => [m[1], Number(m[2])]);
}

/** pDrop -> P_DROP, biasTable -> BIAS_TABLE, adamw -> ADAMW */
const snake = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** The constants the prelude must define, from the TypeScript tables. */
function expected(): Map<string, number> {
  const out = new Map<string, number>([
    ['WG', WORKGROUP_SIZE],
    ['HYPER_STRIDE', HYPER_STRIDE],
  ]);
  const tables: [string, Readonly<Record<string, number>>][] = [
    ['BIND_', Binding],
    ['CTL_', CtlWord],
    ['DROPOUT_', DropoutMode],
    ['OPT_', OptimizerCode],
    ['H_', Hyper],
  ];
  for (const [prefix, table] of tables) for (const [k, v] of Object.entries(table)) out.set(prefix + snake(k), v);
  return out;
}

describe('the prelude', () => {
  it('defines every shared constant once, with the TypeScript value', () => {
    for (const arenas of [1, 3]) {
      const defined = u32Constants(prelude(arenas));
      expect(new Set(defined.map(([n]) => n)).size).toBe(defined.length);
      expect(new Map(defined)).toEqual(expected());
    }
    // the names the shaders use, spelled out
    const p = new Map(u32Constants(prelude(1)));
    expect(p.get('WG')).toBe(WORKGROUP_SIZE);
    expect(p.get('BIND_BIAS_TABLE')).toBe(Binding.biasTable);
    expect(p.get('CTL_BIAS_COLUMNS')).toBe(CtlWord.biasColumns);
    expect(p.get('DROPOUT_EVAL_SCALE')).toBe(DropoutMode.evalScale);
    expect(p.get('OPT_ADAMW')).toBe(OptimizerCode.adamw);
    expect(p.get('H_P_DROP')).toBe(Hyper.pDrop);
    expect(Object.keys(sharedConstants()).sort()).toEqual([...expected().keys()].sort());
  });

  it('binds arena a at Binding.arena0 + a, after the fixed bindings', () => {
    const fixed = Object.entries(Binding).filter(([k]) => k !== 'arena0');
    const bindings = [...prelude(3).matchAll(/@binding\((\d+)\) var<storage, read_write> arena(\d+)/g)];
    expect(bindings.map((m) => [Number(m[1]), Number(m[2])])).toEqual([0, 1, 2].map((a) => [Binding.arena0 + a, a]));
    expect(new Set(fixed.map(([, v]) => v)).size).toBe(fixed.length);
    expect(Math.max(...fixed.map(([, v]) => v))).toBeLessThan(Binding.arena0);
  });

  it('codes are distinct within their table', () => {
    for (const table of [DropoutMode, OptimizerCode, CtlWord]) {
      const values = Object.values(table);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(Math.max(...Object.values(CtlWord))).toBeLessThan(4); // ctl is a vec4<u32>
    expect(Math.max(...Object.values(Hyper))).toBeLessThan(HYPER_STRIDE);
  });
});

describe('the shader files', () => {
  const shared = [...expected().keys()];

  it('redefine none of the shared constants', () => {
    for (const [name, text] of SOURCES) {
      const redefined = shared.filter((c) => new RegExp(`^\\s*const ${c}\\b`, 'm').test(text));
      expect(redefined, name).toEqual([]);
    }
  });

  it('write no binding or workgroup size as a number', () => {
    for (const [name, text] of SOURCES) {
      expect(text.match(/@(binding|group\(\d+\)\s*@binding|workgroup_size)\(\s*\d/g), name).toBeNull();
    }
    // every fixed binding is declared, by name, exactly once
    const all = SOURCES.map(([, t]) => t).join('\n');
    for (const key of Object.keys(Binding).filter((k) => k !== 'arena0')) {
      expect(all.match(new RegExp(`@binding\\(BIND_${snake(key)}\\)`, 'g')), key).toHaveLength(1);
    }
  });

  it('compare dropout modes and optimizer codes with their names only', () => {
    const comparisons: [string, string][] = [];
    for (const [name, text] of SOURCES) {
      for (const m of text.matchAll(/\b(DROP|DGRAD|src|kind|H_OPTIMIZER\)\))\s*[!=]=\s*([\w.]+)/g)) comparisons.push([name, m[2]]);
    }
    expect(comparisons.length).toBeGreaterThanOrEqual(6);
    for (const [name, rhs] of comparisons) expect(rhs, name).toMatch(/^(DROPOUT|OPT)_[A-Z_]+$/);
    // each mode the matmul bakes is one the shader tells apart
    for (const key of Object.keys(DropoutMode)) expect(shaders.matmulEpilogueWgsl).toContain(`DROPOUT_${snake(key)}`);
    for (const code of ['OPT_SGD', 'OPT_ADAMW']) expect(shaders.optimizerRuleWgsl + shaders.optimizerWgsl).toContain(code);
    expect(shaders.penaltyFinishWgsl).toContain('OPT_ADAMW');
  });

  it('read the control uniform by its named words', () => {
    expect(shaders.commonWgsl).toMatch(/ctl\[CTL_T0\]/);
    expect(shaders.commonWgsl).toMatch(/ctl\[CTL_BIAS_COLUMNS\]/);
    expect(SOURCES.map(([, t]) => t).join('\n')).not.toMatch(/\bctl\.[xyzw]\b/);
  });
});

describe('what the host generates', () => {
  it('entry points run WG threads, the prelude value of WORKGROUP_SIZE', () => {
    const k: KernelProgram = {
      key: 'k',
      label: 'k',
      dispatch: [1, 1, 1],
      body: 'fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {}',
      workgroupWords: 0,
      libraries: [],
      reads: [],
      writes: [],
      perModel: false,
    };
    for (const kernels of [[k], [k, { ...k, key: 'k2' }]]) {
      const { wgsl } = dispatchProgram(1, kernels);
      expect(wgsl).toContain('@compute @workgroup_size(WG)');
      expect(new Map(u32Constants(wgsl)).get('WG')).toBe(WORKGROUP_SIZE);
    }
  });

  /** The matmul's baked DROP / DGRAD for a dropout configuration. */
  function bakedModes(dropout: MatmulKernel['dropout'], dropoutGrad: MaskSource | undefined): { drop: number; dgrad: number } {
    const b = new PlanBuilder(2);
    const a = b.buffer('a', 4 * 3, 'activation');
    const w = b.buffer('w', 3 * 5, 'param');
    const out = b.buffer('out', 4 * 5, 'activation');
    const masks = b.buffer('masks', 2 * 4 * 5, 'mask');
    const resolve = (s: MaskSource): MaskSource => (s.kind === 'buffer' ? { kind: 'buffer', buf: masks } : s);
    const k: MatmulKernel = {
      kind: 'matmul',
      a,
      b: w,
      out,
      rows: 4,
      inner: 3,
      cols: 5,
      transA: false,
      transB: false,
      dropout: dropout && { ...dropout, masks: resolve(dropout.masks) },
      dropoutGrad: dropoutGrad && { slot: 0, masks: resolve(dropoutGrad) },
    };
    b.program('p', [k], false);
    const plan = b.build();
    const ctx: KernelContext = {
      plan,
      layout: layoutArenas(plan, 1 << 20, 4),
      arenaCount: 1,
      tilingProfile: { kind: 'cpu' },
      biasPairs: [],
      scratch: () => undefined,
      wholeOutput: new Set(),
      gatedMasks: new Set(),
    };
    const baked = new Map(u32Constants(matmulProgram(ctx, k).body));
    return { drop: baked.get('DROP') ?? NaN, dgrad: baked.get('DGRAD') ?? NaN };
  }

  it('the matmul bakes DROP and DGRAD as the DropoutMode the shader compares with', () => {
    const rng: MaskSource = { kind: 'rng' };
    const recorded: MaskSource = { kind: 'buffer', buf: -1 };
    expect(bakedModes(undefined, undefined)).toEqual({ drop: DropoutMode.none, dgrad: DropoutMode.none });
    expect(bakedModes({ slot: 0, mode: 'train', masks: rng }, undefined).drop).toBe(DropoutMode.threefry);
    expect(bakedModes({ slot: 0, mode: 'train', masks: recorded }, undefined).drop).toBe(DropoutMode.recorded);
    expect(bakedModes({ slot: 0, mode: 'eval', masks: rng }, undefined).drop).toBe(DropoutMode.evalScale);
    expect(bakedModes(undefined, rng).dgrad).toBe(DropoutMode.threefry);
    expect(bakedModes(undefined, recorded).dgrad).toBe(DropoutMode.recorded);
  });
});
