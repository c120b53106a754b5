// The Auto backend choice with stubbed adapters and timings: a software adapter is never chosen
// (the reason gives the measured ratio), otherwise the faster probe wins; decisions are cached per
// shape; explicit WebGPU and CPU stay. Also the speed probe itself on the CPU backend.
import { describe, expect, it, vi } from 'vitest';
import { softwareAdapterName } from '../../src/backends/adapter-kind';
import type { Backend } from '../../src/backends/backend';
import { BackendError } from '../../src/backends/backend';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import {
  AutoChoiceCache,
  NO_WEBGPU,
  decideAuto,
  formatRatio,
  pageCpuWorkers,
  pickBackend,
  shortBackendName,
  type PickOptions,
} from '../../src/experiment/backend-choice';
import { gridNets } from '../../src/experiment/grid';
import { defaultSettings } from '../../src/experiment/settings';
import { measureEpochMs, shapeKey, type ProbeBudget } from '../../src/experiment/speed-probe';

function fakeBackend(name: 'cpu' | 'webgpu', description: string): Backend & { disposed: boolean } {
  const b = {
    name,
    description,
    disposed: false,
    compile: () => Promise.reject(new Error('not for this test')),
    dispose: () => {
      b.disposed = true;
    },
  };
  return b;
}

/** A GPU whose only adapter describes itself with `info`. */
function stubGpu(info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean }): GPU {
  return { requestAdapter: () => Promise.resolve({ info } as unknown as GPUAdapter) } as unknown as GPU;
}

const SWIFTSHADER = { vendor: 'google', architecture: 'swiftshader', device: '', description: '' };
const HOPPER = { vendor: 'nvidia', architecture: 'hopper', device: '', description: '' };

/** Stubbed makers: CPU ×2 takes `cpuMs` per epoch, WebGPU `gpuMs`; records what was made and timed. */
function makers(cpuMs: number, gpuMs: number) {
  const made: (Backend & { disposed: boolean })[] = [];
  const timed: { backend: string; budget: ProbeBudget }[] = [];
  const options: Required<Pick<PickOptions, 'createCpu' | 'createWebGpu' | 'measure'>> & { cache: AutoChoiceCache } = {
    createCpu: () => {
      const b = fakeBackend('cpu', 'CPU ×2 workers (WebAssembly SIMD)');
      made.push(b);
      return b;
    },
    createWebGpu: () => {
      const b = fakeBackend('webgpu', 'WebGPU · test adapter');
      made.push(b);
      return Promise.resolve(b);
    },
    measure: (backend, _shape, budget) => {
      timed.push({ backend: backend.name, budget });
      return Promise.resolve(backend.name === 'cpu' ? cpuMs : gpuMs);
    },
    cache: new AutoChoiceCache(),
  };
  return { made, timed, options };
}

describe('Auto', () => {
  it('never picks a software adapter, and says how much slower it measured', async () => {
    const m = makers(4, 40);
    const choice = await pickBackend('auto', { ...m.options, gpu: stubGpu(SWIFTSHADER) });
    expect(choice.backend.name).toBe('cpu');
    expect(choice.reason).toBe('WebGPU adapter is software (SwiftShader): 10× slower here');
    expect(choice.msPerEpoch).toBe(4);
    // both were timed (the software one only briefly), the WebGPU backend was released
    expect(m.timed.map((t) => t.backend)).toEqual(['cpu', 'webgpu']);
    expect(m.timed[1].budget.maxEpochs).toBeLessThanOrEqual(m.timed[0].budget.maxEpochs);
    expect(m.made.find((b) => b.name === 'webgpu')?.disposed).toBe(true);
    expect(choice.backend).toBe(m.made.find((b) => b.name === 'cpu'));
  });

  it('skips timing a software adapter when nobody reads the ratio', async () => {
    const m = makers(4, 40);
    const choice = await pickBackend('auto', { ...m.options, gpu: stubGpu(SWIFTSHADER), measureSoftware: false });
    expect(choice.backend.name).toBe('cpu');
    expect(choice.reason).toBe('WebGPU adapter is software (SwiftShader)');
    expect(m.timed).toEqual([]);
    expect(m.made.map((b) => b.name)).toEqual(['cpu']);
  });

  it('does not pick a software adapter even when it measured faster', async () => {
    const m = makers(30, 10);
    const choice = await pickBackend('auto', { ...m.options, gpu: stubGpu({ ...HOPPER, isFallbackAdapter: true }) });
    expect(choice.backend.name).toBe('cpu');
    expect(choice.reason).toMatch(/^WebGPU adapter is software \(a fallback adapter\): not used unless chosen, though 3\.0× faster/);
  });

  it('on a hardware adapter the faster probe wins', async () => {
    const gpuFaster = makers(12, 4);
    const a = await pickBackend('auto', { ...gpuFaster.options, gpu: stubGpu(HOPPER) });
    expect(a.backend.name).toBe('webgpu');
    expect(a.reason).toBe('Auto: 3.0× faster than CPU ×2 workers here');
    expect(a.msPerEpoch).toBe(4);
    expect(gpuFaster.made.find((b) => b.name === 'cpu')?.disposed).toBe(true);

    const cpuFaster = makers(2, 5);
    const b = await pickBackend('auto', { ...cpuFaster.options, gpu: stubGpu(HOPPER) });
    expect(b.backend.name).toBe('cpu');
    expect(b.reason).toBe('WebGPU is 2.5× slower here for this shape');
    expect(cpuFaster.made.find((x) => x.name === 'webgpu')?.disposed).toBe(true);
  });

  it('caches the decision per shape for the session', async () => {
    const m = makers(12, 4);
    const settings = { ...defaultSettings(), hidden: 16 };
    const gpu = stubGpu(HOPPER);
    await pickBackend('auto', { ...m.options, gpu, shape: { settings } });
    expect(m.timed).toHaveLength(2);
    const again = await pickBackend('auto', { ...m.options, gpu, shape: { settings } });
    expect(again.backend.name).toBe('webgpu');
    expect(again.reason).toBe('Auto: 3.0× faster than CPU ×2 workers here');
    expect(m.timed).toHaveLength(2); // not timed again
    await pickBackend('auto', { ...m.options, gpu, shape: { settings, nets: gridNets(settings, 4) } });
    expect(m.timed).toHaveLength(4); // 16 models: another shape
  });

  it('falls back to the CPU, saying why, without WebGPU, an adapter or a device', async () => {
    const m = makers(1, 1);
    expect((await pickBackend('auto', { ...m.options, gpu: undefined })).reason).toBe(
      typeof navigator !== 'undefined' && navigator.gpu ? undefined : NO_WEBGPU,
    );
    const none = { requestAdapter: () => Promise.resolve(null) } as unknown as GPU;
    const noAdapter = await pickBackend('auto', { ...m.options, gpu: none });
    expect(noAdapter.backend.name).toBe('cpu');
    expect(noAdapter.reason).toMatch(/^WebGPU unavailable: no adapter/);
    const failing = await pickBackend('auto', {
      ...m.options,
      gpu: stubGpu(HOPPER),
      createWebGpu: () => Promise.reject(new BackendError('no-adapter', 'requestDevice failed: nope')),
    });
    expect(failing.backend.name).toBe('cpu');
    expect(failing.reason).toBe('WebGPU unavailable: no-adapter: requestDevice failed: nope');
  });

  it('explicit choices stay: WebGPU even on a software adapter, the CPU with no excuse', async () => {
    const m = makers(1, 100);
    const onLost = vi.fn();
    const gpu = await pickBackend('webgpu', { ...m.options, gpu: stubGpu(SWIFTSHADER), onLost });
    expect(gpu.backend.name).toBe('webgpu');
    expect(gpu.reason).toBeUndefined();
    const cpu = await pickBackend('cpu', { ...m.options, gpu: stubGpu(HOPPER) });
    expect(cpu.backend.name).toBe('cpu');
    expect(cpu.reason).toBeUndefined();
    expect(m.timed).toEqual([]);
    const noGpu = await pickBackend('webgpu', {
      ...m.options,
      gpu: { requestAdapter: () => Promise.resolve(null) } as unknown as GPU,
      createWebGpu: () => Promise.reject(new Error('no adapter')),
    });
    expect(noGpu.reason).toBe('WebGPU unavailable: no adapter');
  });
});

describe('the pieces of the choice', () => {
  it('names software adapters', () => {
    expect(softwareAdapterName(SWIFTSHADER)).toBe('SwiftShader');
    expect(softwareAdapterName({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe('llvmpipe');
    expect(softwareAdapterName({ vendor: 'mesa', device: 'lavapipe' })).toBe('lavapipe');
    expect(softwareAdapterName({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' })).toBe(
      'Microsoft Basic Render Driver',
    );
    expect(softwareAdapterName({ description: 'Software Rasterizer' })).toBe('a software renderer');
    expect(softwareAdapterName(HOPPER, true)).toBe('a fallback adapter');
    expect(softwareAdapterName(HOPPER)).toBeNull();
    expect(softwareAdapterName({ vendor: 'amd', architecture: 'rdna-3' })).toBeNull();
    expect(softwareAdapterName(undefined)).toBeNull();
  });
  it('leaves one core to the page', () => {
    expect([1, 2, 3, 8, 16].map((cores) => pageCpuWorkers(cores))).toEqual([1, 1, 2, 7, 15]);
  });
  it('formats ratios and names', () => {
    expect(formatRatio(10.4)).toBe('10×');
    expect(formatRatio(9.96)).toBe('10.0×');
    expect(formatRatio(1.84)).toBe('1.8×');
    expect(shortBackendName('CPU ×2 workers (WebAssembly SIMD)')).toBe('CPU ×2 workers');
    expect(shortBackendName('CPU (reference, WebAssembly SIMD)')).toBe('CPU');
    expect(shortBackendName('WebGPU · nvidia hopper')).toBe('WebGPU · nvidia hopper');
  });
  it('decides from the times', () => {
    expect(decideAuto({ software: null, cpuMs: 10, gpuMs: 10, cpuName: 'CPU' }).pick).toBe('cpu');
    expect(decideAuto({ software: null, cpuMs: 10, gpuMs: 9, cpuName: 'CPU' }).pick).toBe('webgpu');
    expect(decideAuto({ software: 'SwiftShader', cpuMs: 10, gpuMs: 1, cpuName: 'CPU' }).pick).toBe('cpu');
  });
});

describe('speed probe', () => {
  it('times a few epochs of the shape on a real backend', async () => {
    const settings = { ...defaultSettings(), hidden: 8 };
    const cpu = createCpuBackend();
    const ms = await measureEpochMs(cpu, { settings, nets: gridNets(settings, 2) }, { minMs: 5, maxEpochs: 6 });
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
  });
  it('keys shapes by models, layer sizes and points', () => {
    const s = defaultSettings();
    expect(shapeKey({ settings: s })).toBe('2×1-300-300-1/20+20');
    expect(shapeKey({ settings: { ...s, hidden: 16 }, nets: gridNets(s, 8) })).toBe('64×1-16-16-1/20+20');
    expect(shapeKey({ settings: s, data: { x: [0, 1, 2], y: [0, 1, 2], testX: [0], testY: [0] } })).toBe('2×1-300-300-1/3+1');
  });
});
