// Typed BackendErrors: no WebGPU, no adapter, WGSL compile errors (with the message and line),
// validation of writes / programs / plans, device loss (onLost, rejected reads, refused runs); and
// DROPOUT_LAB_DUMP_WGSL=1, which prints each compiled shader (a failing one too) for debugging.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError } from '../../../src/backends/backend';
import { describeAdapter, isEmulated } from '../../../src/backends/webgpu/device';
import { PipelineCache } from '../../../src/backends/webgpu/pipelines';
import { WebGpuBackend, createWebGpuBackend } from '../../../src/backends/webgpu/webgpu-backend';
import { PlanBuilder } from '../../../src/engine/plan-builder';
import { rejectedBackendError, thrownBackendError } from '../../helpers/backend-errors';
import { describeGpu, openDevice, openGpu, type GpuHandle } from '../../helpers/gpu';

function tinyPlan() {
  const b = new PlanBuilder(2);
  const a = b.buffer('a', 6, 'data', true);
  const w = b.buffer('w', 6, 'param');
  const o = b.buffer('o', 4, 'output');
  b.program('p', [{ kind: 'matmul', a, b: w, out: o, rows: 2, inner: 3, cols: 2, transA: false, transB: false }], false);
  return { plan: b.build(), a, w, o };
}

describe('WebGPU availability (no adapter needed)', () => {
  it("no navigator.gpu -> 'no-webgpu'", async () => {
    expect(typeof navigator === 'undefined' || !('gpu' in navigator)).toBe(true);
    expect((await rejectedBackendError(createWebGpuBackend())).kind).toBe('no-webgpu');
  });

  it("no adapter -> 'no-adapter'", async () => {
    const gpu = { requestAdapter: () => Promise.resolve(null) } as unknown as GPU;
    expect((await rejectedBackendError(createWebGpuBackend(gpu))).kind).toBe('no-adapter');
  });

  it('describes adapters and spots CPU emulations', () => {
    const info = (o: Partial<GPUAdapterInfo>) => ({ vendor: '', architecture: '', device: '', description: '', ...o }) as GPUAdapterInfo;
    expect(describeAdapter(info({ vendor: 'nvidia', architecture: 'hopper' }))).toBe('WebGPU · nvidia hopper');
    expect(describeAdapter(info({ vendor: 'google', architecture: 'swiftshader' }))).toBe('WebGPU · google swiftshader');
    expect(isEmulated(info({ vendor: 'google', architecture: 'swiftshader' }))).toBe(true);
    expect(isEmulated(info({ vendor: 'nvidia', architecture: 'hopper' }))).toBe(false);
  });
});

describeGpu('typed errors on a real device', () => {
  let g: GpuHandle | undefined;
  afterEach(() => {
    g?.close();
    g = undefined;
  });

  it("WGSL errors -> 'shader-compile' with the message, the line and the source", async () => {
    const { device, close } = await openDevice();
    try {
      const layout = device.createPipelineLayout({ bindGroupLayouts: [] });
      const cache = new PipelineCache(device);
      const wgsl = '@compute @workgroup_size(1)\nfn main() {\n  let x: u32 = undefined_thing;\n}\n';
      const e = await rejectedBackendError(
        cache.get({ key: 'broken', label: 'broken kernel', dispatch: [1, 1, 1], wgsl, kernels: [] }, layout),
      );
      expect(e.kind).toBe('shader-compile');
      expect(e.message).toMatch(/broken kernel:3:\d+: .*undefined_thing/);
      expect(e.detail).toBe(wgsl);
    } finally {
      close();
    }
  });

  it('DROPOUT_LAB_DUMP_WGSL=1 prints each shader the cache compiles, once, under its label', async () => {
    const { device, close } = await openDevice();
    const before = process.env.DROPOUT_LAB_DUMP_WGSL;
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const layout = device.createPipelineLayout({ bindGroupLayouts: [] });
      const cache = new PipelineCache(device);
      const program = (key: string, wgsl: string) => ({ key, label: `${key} kernel`, dispatch: [1, 1, 1] as const, wgsl, kernels: [] });
      const good = program('good', '@compute @workgroup_size(1)\nfn main() {}\n');
      const broken = program('broken', '@compute @workgroup_size(1)\nfn main() {\n  let x: u32 = undefined_thing;\n}\n');
      delete process.env.DROPOUT_LAB_DUMP_WGSL;
      await cache.get(program('quiet', '@compute @workgroup_size(2)\nfn main() {}\n'), layout);
      expect(printed).not.toHaveBeenCalled();
      process.env.DROPOUT_LAB_DUMP_WGSL = '1';
      await cache.get(good, layout);
      await cache.get(good, layout); // cached: not compiled again
      await rejectedBackendError(cache.get(broken, layout));
      const dumps = printed.mock.calls.map((args) => String(args[0]));
      expect(dumps).toHaveLength(2);
      expect(dumps[0]).toMatch(/^\/\/ ---- WGSL "good kernel" \(3 lines\) ----\n/);
      expect(dumps[0]).toContain(good.wgsl);
      expect(dumps[1]).toContain('"broken kernel"');
      expect(dumps[1]).toContain(broken.wgsl);
    } finally {
      if (before === undefined) delete process.env.DROPOUT_LAB_DUMP_WGSL;
      else process.env.DROPOUT_LAB_DUMP_WGSL = before;
      printed.mockRestore();
      close();
    }
  });

  it("inconsistent plans, bad writes and unknown programs -> 'validation'", async () => {
    g = await openGpu();
    const b = new PlanBuilder(1);
    const a = b.buffer('a', 5, 'data');
    const o = b.buffer('o', 4, 'output');
    b.program('p', [{ kind: 'matmul', a, b: a, out: o, rows: 2, inner: 3, cols: 2, transA: false, transB: false }], false);
    const bad = await rejectedBackendError(g.backend.compile(b.build()));
    expect(bad.kind).toBe('validation');
    expect(bad.message).toMatch(/"a" has 5 elements per model, needs 6/);

    const { plan, w } = tinyPlan();
    const cp = await g.backend.compile(plan);
    expect(thrownBackendError(() => cp.write(w, new Float32Array(5))).kind).toBe('validation');
    expect(thrownBackendError(() => cp.writeHyper(new ArrayBuffer(8))).kind).toBe('validation');
    expect(thrownBackendError(() => cp.run('nope')).kind).toBe('validation');
    expect(thrownBackendError(() => cp.setStep(0)).kind).toBe('validation');
    const device = g.backend.device;
    for (const parallelSlots of [0, 1.5, NaN]) {
      const e = thrownBackendError(() => new WebGpuBackend(device, 'bad', { profile: 'gpu', parallelSlots }));
      expect(e.kind).toBe('validation');
      expect(e.message).toMatch(/parallelSlots must be a whole number/);
    }
    cp.dispose();
    expect(thrownBackendError(() => cp.run('p')).kind).toBe('validation');
  });

  it("a buffer beyond the device's storage binding size -> 'out-of-memory'", async () => {
    g = await openGpu();
    const b = new PlanBuilder(4);
    const huge = b.buffer('huge', 2 ** 28, 'activation');
    b.program('p', [{ kind: 'mse', pred: huge, target: huge, n: 1, lossOut: huge, history: false }], false);
    const e = await rejectedBackendError(g.backend.compile(b.build()));
    expect(e.kind).toBe('out-of-memory');
    expect(e.message).toMatch(/"huge"/);
  });

  it("device loss -> 'device-lost' through onLost, rejected reads and refused runs", async () => {
    const lost: BackendError[] = [];
    g = await openGpu({ onLost: (e) => lost.push(e) });
    const { plan, o } = tinyPlan();
    const cp = await g.backend.compile(plan);
    cp.run('p');
    await cp.read(o);
    g.backend.device.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lost.map((e) => e.kind)).toEqual(['device-lost']);
    expect((await rejectedBackendError(cp.read(o))).kind).toBe('device-lost');
    expect(thrownBackendError(() => cp.run('p')).kind).toBe('device-lost');
    expect((await rejectedBackendError(g.backend.compile(plan))).kind).toBe('device-lost');
  });

  it('reports the adapter in its description', async () => {
    g = await openGpu();
    expect(g.backend.description).toMatch(/^WebGPU · \S/);
    expect(g.backend.name).toBe('webgpu');
  });
});
