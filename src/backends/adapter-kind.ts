// Whether a WebGPU adapter is a software (CPU-emulated) one, and which: the fallback adapter, or
// one that names itself SwiftShader, llvmpipe, lavapipe, WARP / Microsoft Basic Render Driver or
// "software". Such an adapter runs the kernels on the CPU, far slower than the CPU backend.

/** What an adapter says about itself (GPUAdapterInfo; older browsers put isFallbackAdapter on the adapter). */
export interface AdapterIdentity {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

const SOFTWARE: readonly [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/microsoft basic render/i, 'Microsoft Basic Render Driver'],
  [/\bwarp\b/i, 'WARP'],
  [/software/i, 'a software renderer'],
];

/** The software adapter's name ("SwiftShader", "a fallback adapter", …), or null for a hardware adapter. */
export function softwareAdapterName(info: AdapterIdentity | undefined, isFallbackAdapter = false): string | null {
  const text = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => typeof s === 'string').join(' ');
  for (const [pattern, name] of SOFTWARE) if (pattern.test(text)) return name;
  return isFallbackAdapter || info?.isFallbackAdapter === true ? 'a fallback adapter' : null;
}
