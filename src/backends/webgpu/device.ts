// Adapter and device acquisition: typed errors when WebGPU or an adapter is missing, the limits
// the backend raises above the defaults (arena size, storage buffers per stage) and the
// human-readable description ("WebGPU · nvidia hopper").

import { softwareAdapterName } from '../adapter-kind';
import { BackendError } from '../backend';
import { SUBGROUP_LANES } from './kernels/matmul-tiling';

export interface OpenedDevice {
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly description: string;
  /** a CPU implementation of WebGPU (SwiftShader, a fallback adapter) */
  readonly emulated: boolean;
}

export interface DeviceOptions {
  readonly powerPreference?: GPUPowerPreference;
}

function defaultGpu(): GPU | undefined {
  return typeof navigator !== 'undefined' && 'gpu' in navigator ? navigator.gpu : undefined;
}

export function describeAdapter(info: GPUAdapterInfo | undefined): string {
  const vendor = info?.vendor ?? '';
  const detail = info?.architecture || info?.description || info?.device || '';
  const text = [vendor, detail].filter((s) => s.length > 0).join(' ');
  return `WebGPU · ${text || 'unknown adapter'}`;
}

export function isEmulated(info: GPUAdapterInfo | undefined): boolean {
  return softwareAdapterName(info) !== null;
}

/**
 * True when the device runs subgroups of exactly SUBGROUP_LANES invocations (the size the
 * CPU-emulation matmul shares its loads over) with the subgroup builtins enabled (the 'subgroups'
 * feature, a fixed size in the adapter's info).
 */
export function hasFixedSubgroups(device: GPUDevice): boolean {
  const info: GPUAdapterInfo | undefined = device.adapterInfo; // absent in older implementations
  return device.features.has('subgroups') && info?.subgroupMinSize === SUBGROUP_LANES && info.subgroupMaxSize === SUBGROUP_LANES;
}

/** Limits raised to what the adapter offers: bigger arenas, more of them. */
const RAISED_LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize', 'maxStorageBuffersPerShaderStage'] as const;

export async function openDevice(gpu: GPU | undefined, options: DeviceOptions = {}): Promise<OpenedDevice> {
  const g = gpu ?? defaultGpu();
  if (!g) {
    throw new BackendError('no-webgpu', 'WebGPU is not available here (no navigator.gpu): use a browser with WebGPU enabled');
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await g.requestAdapter({ powerPreference: options.powerPreference ?? 'high-performance' });
  } catch (e) {
    throw new BackendError('no-adapter', `requestAdapter failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!adapter) throw new BackendError('no-adapter', 'WebGPU is present but offered no adapter (GPU blocklisted or unavailable)');
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) {
    const value = adapter.limits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  const emulated = isEmulated(adapter.info);
  // subgroups serve only the CPU-emulation kernels (the direct matmul shares operand loads over a
  // subgroup); a GPU's device is opened as before
  const requiredFeatures: GPUFeatureName[] = emulated && adapter.features.has('subgroups') ? ['subgroups'] : [];
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ label: 'dropout-lab', requiredLimits, requiredFeatures });
  } catch (e) {
    throw new BackendError('no-adapter', `requestDevice failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { adapter, device, description: describeAdapter(adapter.info), emulated };
}
