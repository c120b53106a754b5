// Picks the backend for the page's workers. "cpu": the CPU backend on a pool of Web Workers (one
// per core, capped at the models). "webgpu": WebGPU when available, else the CPU with the reason.
// "auto" (the default): never a software adapter (SwiftShader, llvmpipe, a fallback adapter…);
// otherwise a few epochs of the current shape are timed on both and the faster one is used. The
// choice is cached per shape for the session (the worker's life) and comes with the reason the
// status bar shows, e.g. "WebGPU adapter is software (SwiftShader): 10× slower here".

import { softwareAdapterName } from '../backends/adapter-kind';
import { BackendError, isBackendError, type Backend } from '../backends/backend';
import { createCpuBackend } from '../backends/cpu/cpu-backend';
import { createPooledCpuBackend } from '../backends/pool/pooled-backend';
import { browserCores, browserPoolSpawner } from '../backends/pool/spawn-browser';
import { DEFAULT_BUDGET, measureEpochMs, shapeKey, type ProbeBudget, type ProbeShape } from './speed-probe';
import { defaultSettings } from './settings';

export type BackendPreference = 'auto' | 'webgpu' | 'cpu';
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'cpu'];

export interface BackendChoice {
  readonly backend: Backend;
  /** why this backend runs, when the page should say: a fallback from WebGPU, or Auto's reason */
  readonly reason?: string;
  /** ms per training epoch of the probed shape on the chosen backend, when it was timed */
  readonly msPerEpoch?: number;
}

/** How backends are made and timed (the defaults are the browser's; tests stub them). */
export interface BackendMakers {
  readonly createCpu: () => Backend;
  readonly createWebGpu: (gpu: GPU, onLost?: (e: BackendError) => void) => Promise<Backend>;
  readonly measure: (backend: Backend, shape: ProbeShape, budget: ProbeBudget) => Promise<number>;
}

export interface PickOptions extends Partial<BackendMakers> {
  readonly onLost?: (e: BackendError) => void;
  /** the GPU object (default navigator.gpu) */
  readonly gpu?: GPU;
  /** the experiment Auto times (default: the default settings' two nets) */
  readonly shape?: ProbeShape;
  /**
   * time a software adapter too, for the ratio in the reason (default true); false skips it (the
   * reason then names the adapter only), sparing a slow emulated compile where nobody reads it
   */
  readonly measureSoftware?: boolean;
  readonly cache?: AutoChoiceCache;
}

export interface AutoDecision {
  readonly pick: 'cpu' | 'webgpu';
  readonly reason: string;
  readonly msPerEpoch: number;
}

/** Auto's decisions by shape (and adapter kind), kept for the session. */
export class AutoChoiceCache {
  private readonly decisions = new Map<string, AutoDecision>();
  get(key: string): AutoDecision | undefined {
    return this.decisions.get(key);
  }
  set(key: string, decision: AutoDecision): void {
    this.decisions.set(key, decision);
  }
}

/** The cache of this worker: a session lasts as long as the worker that asks. */
const sessionCache = new AutoChoiceCache();

/** A software adapter is timed only briefly: its speed only goes into the reason's ratio. */
const SOFTWARE_BUDGET: ProbeBudget = { minMs: 100, maxEpochs: 3 };

export const NO_WEBGPU = 'WebGPU unavailable: this browser exposes no WebGPU (navigator.gpu is missing)';

/**
 * CPU workers of the page: one per logical core but one, which stays with the page (a plan uses at
 * most one per model). Measured on a 2-core machine while playing the tutorial: with a worker on
 * every core the page drew 11 fps on average, one worker fewer 16 fps, for about the same epochs/s
 * (the rule: below 50 fps, use one worker fewer).
 */
export function pageCpuWorkers(cores: number = browserCores()): number {
  return Math.max(1, cores - 1);
}

/** The page's CPU backend: a pool of module workers, or in process where a worker cannot start workers. */
export function createPageCpuBackend(): Backend {
  if (typeof Worker === 'undefined') return createCpuBackend();
  return createPooledCpuBackend({ workers: pageCpuWorkers(), spawn: browserPoolSpawner() });
}

async function createBrowserWebGpu(gpu: GPU, onLost?: (e: BackendError) => void): Promise<Backend> {
  const { createWebGpuBackend } = await import('../backends/webgpu/webgpu-backend');
  return createWebGpuBackend(gpu, { onLost });
}

const DEFAULT_MAKERS: BackendMakers = { createCpu: createPageCpuBackend, createWebGpu: createBrowserWebGpu, measure: measureEpochMs };

function errorText(e: unknown): string {
  if (isBackendError(e)) return `${e.kind}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** "10×" from 10 on, else one decimal ("1.8×"). */
export function formatRatio(r: number): string {
  return `${r >= 10 ? Math.round(r) : r.toFixed(1)}×`;
}

/** The CPU backend's name without its details: "CPU ×2 workers (WebAssembly SIMD)" → "CPU ×2 workers". */
export function shortBackendName(description: string): string {
  return description.replace(/\s*\([^)]*\)\s*$/, '');
}

/**
 * Auto's choice from the measured times: never a software adapter (`software`: its name, or null
 * for a hardware one); otherwise the faster backend.
 */
export function decideAuto(t: { software: string | null; cpuMs: number; gpuMs: number; cpuName: string }): AutoDecision {
  const gpuSlower = t.gpuMs / t.cpuMs;
  if (t.software !== null) {
    const reason =
      gpuSlower >= 1
        ? `WebGPU adapter is software (${t.software}): ${formatRatio(gpuSlower)} slower here`
        : `WebGPU adapter is software (${t.software}): not used unless chosen, though ${formatRatio(1 / gpuSlower)} faster in a quick test`;
    return { pick: 'cpu', reason, msPerEpoch: t.cpuMs };
  }
  if (t.gpuMs < t.cpuMs)
    return { pick: 'webgpu', reason: `Auto: ${formatRatio(1 / gpuSlower)} faster than ${t.cpuName} here`, msPerEpoch: t.gpuMs };
  return { pick: 'cpu', reason: `WebGPU is ${formatRatio(gpuSlower)} slower here for this shape`, msPerEpoch: t.cpuMs };
}

async function requestAdapter(gpu: GPU): Promise<GPUAdapter | string> {
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter ?? 'WebGPU unavailable: no adapter (the GPU is blocklisted or unavailable)';
  } catch (e) {
    return `WebGPU unavailable: requestAdapter failed: ${errorText(e)}`;
  }
}

async function pickAuto(gpu: GPU | undefined, makers: BackendMakers, options: PickOptions): Promise<BackendChoice> {
  const cpu = makers.createCpu();
  if (!gpu) return { backend: cpu, reason: NO_WEBGPU };
  const adapter = await requestAdapter(gpu);
  if (typeof adapter === 'string') return { backend: cpu, reason: adapter };
  const software = softwareAdapterName(adapter.info, (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const shape = options.shape ?? { settings: defaultSettings() };
  const cache = options.cache ?? sessionCache;
  const key = `${software === null ? 'hardware' : 'software'}/${shapeKey(shape)}`;
  const cached = cache.get(key);
  if (cached?.pick === 'cpu') return { backend: cpu, reason: cached.reason, msPerEpoch: cached.msPerEpoch };
  if (software !== null && options.measureSoftware === false) return { backend: cpu, reason: `WebGPU adapter is software (${software})` };

  let gpuBackend: Backend;
  try {
    gpuBackend = await makers.createWebGpu(gpu, options.onLost);
  } catch (e) {
    return { backend: cpu, reason: `WebGPU unavailable: ${errorText(e)}` };
  }
  if (cached) {
    cpu.dispose();
    return { backend: gpuBackend, reason: cached.reason, msPerEpoch: cached.msPerEpoch };
  }
  const cpuMs = await makers.measure(cpu, shape, DEFAULT_BUDGET);
  let gpuMs: number;
  try {
    gpuMs = await makers.measure(gpuBackend, shape, software === null ? DEFAULT_BUDGET : SOFTWARE_BUDGET);
  } catch (e) {
    gpuBackend.dispose();
    return { backend: cpu, reason: `WebGPU failed in a quick test (${errorText(e)})` };
  }
  const decision = decideAuto({ software, cpuMs, gpuMs, cpuName: shortBackendName(cpu.description) });
  cache.set(key, decision);
  const [chosen, dropped] = decision.pick === 'cpu' ? [cpu, gpuBackend] : [gpuBackend, cpu];
  dropped.dispose();
  return { backend: chosen, reason: decision.reason, msPerEpoch: decision.msPerEpoch };
}

export async function pickBackend(preference: BackendPreference, options: PickOptions = {}): Promise<BackendChoice> {
  const makers: BackendMakers = {
    createCpu: options.createCpu ?? DEFAULT_MAKERS.createCpu,
    createWebGpu: options.createWebGpu ?? DEFAULT_MAKERS.createWebGpu,
    measure: options.measure ?? DEFAULT_MAKERS.measure,
  };
  const gpu = options.gpu ?? (typeof navigator !== 'undefined' ? navigator.gpu : undefined);
  if (preference === 'cpu') return { backend: makers.createCpu() };
  if (preference === 'auto') return pickAuto(gpu, makers, options);
  if (!gpu) return { backend: makers.createCpu(), reason: NO_WEBGPU };
  try {
    return { backend: await makers.createWebGpu(gpu, options.onLost) };
  } catch (e) {
    return { backend: makers.createCpu(), reason: `WebGPU unavailable: ${errorText(e)}` };
  }
}
