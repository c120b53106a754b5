// Dispatch programs: the unit that gets a pipeline. One kernel body behind a plain entry point,
// or several independent kernels (no buffer hazards between them, see schedule.ts) in one
// dispatch: each body's top-level names get a suffix, the grid is the concatenation of their
// grids (flattened into x, folded into y past 65535), and the entry point picks the kernel from
// the (uniform) workgroup id. A chain of per-model kernels becomes one kernel whose workgroups
// run the members in turn, with a storage and workgroup barrier between them.

import { WORKGROUP_SIZE } from '../shared-constants';
import { assemble, type WgslLibrary } from '../wgsl';
import { foldDispatch, type KernelProgram } from './program';

export interface DispatchProgram {
  /** identifies the WGSL exactly */
  readonly key: string;
  readonly label: string;
  readonly dispatch: readonly [number, number, number];
  readonly wgsl: string;
  readonly kernels: readonly KernelProgram[];
  /** a dispatch of one kernel with a plain-Adam variant (KernelProgram.plainAdamVariant): that variant's program */
  readonly plainAdam?: DispatchProgram;
}

/** The entry point's signature at the dispatch's workgroup size (`WG`, the prelude's WORKGROUP_SIZE, unless smaller). */
function entrySignature(kernels: readonly KernelProgram[]): string {
  const size = workgroupSizeOf(kernels);
  const lane = usesSubgroups(kernels) ? ',\n        @builtin(subgroup_invocation_id) lane: u32' : '';
  return (
    `@compute @workgroup_size(${size === WORKGROUP_SIZE ? 'WG' : `${size}`})\n` +
    'fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,\n' +
    `        @builtin(local_invocation_index) li: u32${lane})`
  );
}

function usesSubgroups(kernels: readonly KernelProgram[]): boolean {
  return kernels.some((k) => k.subgroups === true);
}

/**
 * What a module whose kernels use subgroups starts with (the extension must come before any
 * declaration) and its lane variable. The uniformity rule for subgroup builtins is off: a direct
 * matmul's early return (threads past its tiling) never happens, as its workgroup is exactly its
 * tiling's threads, but the analysis cannot know that.
 */
const SUBGROUP_DIRECTIVES = 'enable subgroups;\ndiagnostic(off, subgroup_uniformity);\n\n';
const SUBGROUP_LANE = 'var<private> subgroup_lane: u32;';

/** The entry point: sets the lane variable when the kernels use subgroups, then `body`. */
function entryPoint(kernels: readonly KernelProgram[], body: string): string {
  const setLane = usesSubgroups(kernels) ? '  subgroup_lane = lane;\n' : '';
  return `${entrySignature(kernels)} {\n${setLane}${body}}\n`;
}

/** The whole module of a dispatch: assemble()'s, after the subgroup directives when needed. */
function dispatchModule(arenaCount: number, kernels: readonly KernelProgram[], parts: readonly string[]): string {
  if (!usesSubgroups(kernels)) return assemble(arenaCount, librariesOf(kernels), parts);
  return SUBGROUP_DIRECTIVES + assemble(arenaCount, librariesOf(kernels), [SUBGROUP_LANE, ...parts]);
}

/** Threads per workgroup of a dispatch: the largest its kernels need. */
export function workgroupSizeOf(kernels: readonly KernelProgram[]): number {
  return Math.max(...kernels.map((k) => k.workgroupSize ?? WORKGROUP_SIZE));
}

/** Appends `suffix` to every top-level name a body declares (const, fn, struct, alias) and to its uses. */
export function namespaced(body: string, suffix: string): string {
  const names = new Set<string>();
  for (const m of body.matchAll(/^(?:const|fn|struct|alias)\s+([A-Za-z_][A-Za-z0-9_]*)/gm)) names.add(m[1]);
  if (names.size === 0) return body;
  const re = new RegExp(`(?<![.\\w])(${[...names].join('|')})(?![\\w])`, 'g');
  return body.replace(re, (name) => `${name}${suffix}`);
}

/** One kernel that runs a chain's members back to back in each (per-model) workgroup. */
export function chainKernel(chain: readonly KernelProgram[]): KernelProgram {
  if (chain.length === 1) return chain[0];
  const calls = chain.map((_, i) => `  kernel_c${i}(wg, nwg, li);`).join('\n  storageBarrier();\n  workgroupBarrier();\n');
  return {
    key: `chain\n${chain.map((k) => k.key).join('\n--\n')}`,
    label: chain.map((k) => k.label).join(' → '),
    dispatch: chain[0].dispatch,
    body: [...chain.map((k, i) => namespaced(k.body, `_c${i}`)), `fn kernel(wg: vec3<u32>, nwg: vec3<u32>, li: u32) {\n${calls}\n}`].join(
      '\n\n',
    ),
    workgroupWords: Math.max(...chain.map((k) => k.workgroupWords)),
    workgroupSize: workgroupSizeOf(chain),
    libraries: [...new Set(chain.flatMap((k) => k.libraries))],
    ...(usesSubgroups(chain) ? { subgroups: true } : {}),
    reads: chain.flatMap((k) => k.reads),
    writes: chain.flatMap((k) => k.writes),
    perModel: true,
  };
}

function librariesOf(kernels: readonly KernelProgram[]): Set<WgslLibrary> {
  return new Set(kernels.flatMap((k) => k.libraries));
}

/** The shared workgroup array, as large as the largest member needs (absent when none needs one). */
function workgroupArray(kernels: readonly KernelProgram[]): string {
  const words = Math.max(0, ...kernels.map((k) => k.workgroupWords));
  return words > 0 ? `var<workgroup> sm: array<f32, ${words}>;` : '';
}

export function dispatchProgram(arenaCount: number, kernels: readonly KernelProgram[]): DispatchProgram {
  if (kernels.length === 0) throw new Error('dispatchProgram: no kernels');
  if (kernels.length === 1) {
    const [k] = kernels;
    return {
      key: `${arenaCount}\n${k.key}`,
      label: k.label,
      dispatch: k.dispatch,
      wgsl: dispatchModule(arenaCount, kernels, [workgroupArray(kernels), k.body, entryPoint(kernels, '  kernel(wg, nwg, li);\n')]),
      kernels,
      ...(k.plainAdamVariant ? { plainAdam: dispatchProgram(arenaCount, [k.plainAdamVariant]) } : {}),
    };
  }
  const bodies: string[] = [];
  const branches: string[] = [];
  let start = 0;
  kernels.forEach((k, i) => {
    const [x, y, z] = k.dispatch;
    const count = x * y * z;
    bodies.push(namespaced(k.body, `_k${i}`));
    branches.push(
      `  if (id < ${start + count}u) {\n` +
        `    let l = id - ${start}u;\n` +
        `    kernel_k${i}(vec3<u32>(l % ${x}u, (l / ${x}u) % ${y}u, l / ${x * y}u), vec3<u32>(${x}u, ${y}u, ${z}u), li);\n` +
        '    return;\n' +
        '  }',
    );
    start += count;
  });
  const entry = entryPoint(kernels, `  let id = wg.x + wg.y * nwg.x;\n${branches.join('\n')}\n`);
  return {
    key: `${arenaCount}\n${kernels.map((k) => `${k.dispatch.join('x')}\n${k.key}`).join('\n--\n')}`,
    label: kernels.map((k) => k.label).join(' + '),
    dispatch: foldDispatch(start, 1),
    wgsl: dispatchModule(arenaCount, kernels, [workgroupArray(kernels), ...bodies, entry]),
    kernels,
  };
}
