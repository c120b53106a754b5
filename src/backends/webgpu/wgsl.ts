// WGSL source assembly: baked constants (u32 / f32 / bool literals that round-trip exactly), the
// generated prelude (the constants shared with TypeScript, arena bindings, ld/st) and the shader
// files themselves (shaders.gen.ts, generated from shaders/*.wgsl).
// A dispatch's WGSL = prelude + common.wgsl + libraries (threefry.wgsl) + kernel bodies + entry.

import { HYPER_STRIDE, Hyper, OptimizerCode } from '../../engine/plan';
import { Binding, CtlWord, DropoutMode, WORKGROUP_SIZE } from './shared-constants';
import { commonWgsl, pairSumWgsl, threefryWgsl } from './shaders.gen';

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

/** A TypeScript name table as WGSL u32 constants: ('H_', { pDrop: 1 }) -> { H_P_DROP: 1u }. */
function named(prefix: string, table: Readonly<Record<string, number>>): Record<string, WgslValue> {
  const out: Record<string, WgslValue> = {};
  for (const [field, value] of Object.entries(table)) {
    out[`${prefix}${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`] = u32(value);
  }
  return out;
}

/**
 * The numbers every shader shares with the host (shared-constants.ts and the engine's hyper-table
 * layout and optimizer codes), as WGSL constants: WG, BIND_HYPER.., CTL_T0.., DROPOUT_NONE..,
 * OPT_SGD.., HYPER_STRIDE and H_LR...
 */
export function sharedConstants(): Record<string, WgslValue> {
  return {
    WG: u32(WORKGROUP_SIZE),
    ...named('BIND_', Binding),
    ...named('CTL_', CtlWord),
    ...named('DROPOUT_', DropoutMode),
    ...named('OPT_', OptimizerCode),
    HYPER_STRIDE: u32(HYPER_STRIDE),
    ...named('H_', Hyper),
  };
}

/** The shared constants, then the arena bindings and the ld/st accessors over them. */
export function prelude(arenaCount: number): string {
  const lines: string[] = [constants(sharedConstants())];
  for (let a = 0; a < arenaCount; a++) {
    lines.push(`@group(0) @binding(${Binding.arena0 + a}) var<storage, read_write> arena${a}: array<f32>;`);
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
  return lines.join('\n');
}

/** Shared WGSL a kernel body can ask for besides common.wgsl. */
const LIBRARIES = { threefry: threefryWgsl, pairSum: pairSumWgsl } as const;
export type WgslLibrary = keyof typeof LIBRARIES;

/** The whole module: prelude, common.wgsl, the libraries needed, then the given parts. */
export function assemble(arenaCount: number, libraries: ReadonlySet<WgslLibrary>, parts: readonly string[]): string {
  return [prelude(arenaCount), commonWgsl, ...[...libraries].map((l) => LIBRARIES[l]), ...parts].join('\n\n');
}
