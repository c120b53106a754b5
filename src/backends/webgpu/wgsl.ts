// WGSL source assembly: baked constants (u32 / f32 / bool literals that round-trip exactly), the
// generated prelude (arena bindings, ld/st, hyper field indices) and the shader files themselves.
// A dispatch's WGSL = prelude + common.wgsl + libraries (threefry.wgsl) + kernel bodies + entry.

import { HYPER_STRIDE, Hyper } from '../../engine/plan';
import commonWgsl from '../../../shaders/common.wgsl?raw';
import pairSumWgsl from '../../../shaders/pair-sum.wgsl?raw';
import threefryWgsl from '../../../shaders/threefry.wgsl?raw';
import type { WgslLibrary } from './kernels/program';

export type WgslValue = { readonly u32: number } | { readonly f32: number } | { readonly bool: boolean };

export const u32 = (n: number): WgslValue => ({ u32: n });
export const f32 = (n: number): WgslValue => ({ f32: n });
export const bool = (b: boolean): WgslValue => ({ bool: b });

function literal(v: WgslValue): { type: string; text: string } {
  if ('u32' in v) {
    if (!Number.isInteger(v.u32) || v.u32 < 0 || v.u32 > 0xffffffff) throw new Error(`wgsl: bad u32 ${v.u32}`);
    return { type: 'u32', text: `${v.u32}u` };
  }
  if ('f32' in v) {
    const x = Math.fround(v.f32);
    if (!Number.isFinite(x)) throw new Error(`wgsl: f32 constant must be finite, got ${v.f32}`);
    // The shortest double that rounds to x parses back to exactly x as an f32.
    const text = Number.isInteger(x) && Math.abs(x) < 1e21 ? `${x}.0` : `${x}`;
    return { type: 'f32', text: `${text}f` };
  }
  return { type: 'bool', text: v.bool ? 'true' : 'false' };
}

/** `const NAME: T = value;` lines, in the given order. */
export function constants(values: Readonly<Record<string, WgslValue>>): string {
  return Object.entries(values)
    .map(([name, v]) => {
      const { type, text } = literal(v);
      return `const ${name}: ${type} = ${text};`;
    })
    .join('\n');
}

/** camelCase hyper field -> WGSL constant name: pDrop -> H_P_DROP, beta1 -> H_BETA1. */
function hyperConstName(field: string): string {
  return `H_${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** First binding index of the arenas (0: hyper, 1: ctl, 2: replay, 3: bias table). */
export const ARENA_BINDING0 = 4;

/** Arena bindings, the ld/st accessors over them, and the hyper table layout. */
export function prelude(arenaCount: number): string {
  const lines: string[] = [];
  for (let a = 0; a < arenaCount; a++) {
    lines.push(`@group(0) @binding(${ARENA_BINDING0 + a}) var<storage, read_write> arena${a}: array<f32>;`);
  }
  if (arenaCount === 1) {
    lines.push('fn ld(ar: u32, i: u32) -> f32 { return arena0[i]; }');
    lines.push('fn st(ar: u32, i: u32, v: f32) { arena0[i] = v; }');
  } else {
    const ldCases = Array.from({ length: arenaCount }, (_, a) => `case ${a}u: { return arena${a}[i]; }`);
    const stCases = Array.from({ length: arenaCount }, (_, a) => `case ${a}u: { arena${a}[i] = v; }`);
    lines.push(`fn ld(ar: u32, i: u32) -> f32 { switch ar { ${ldCases.join(' ')} default: { return 0.0; } } }`);
    lines.push(`fn st(ar: u32, i: u32, v: f32) { switch ar { ${stCases.join(' ')} default: {} } }`);
  }
  const hyper: Record<string, WgslValue> = { HYPER_STRIDE: u32(HYPER_STRIDE) };
  for (const [field, index] of Object.entries(Hyper)) hyper[hyperConstName(field)] = u32(index);
  lines.push(constants(hyper));
  return lines.join('\n');
}

const LIBRARIES: Readonly<Record<WgslLibrary, string>> = { threefry: threefryWgsl, pairSum: pairSumWgsl };

/** The whole module: prelude, common.wgsl, the libraries needed, then the given parts. */
export function assemble(arenaCount: number, libraries: ReadonlySet<WgslLibrary>, parts: readonly string[]): string {
  return [prelude(arenaCount), commonWgsl, ...[...libraries].map((l) => LIBRARIES[l]), ...parts].join('\n\n');
}
