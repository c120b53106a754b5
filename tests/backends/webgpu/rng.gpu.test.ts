// Dropout masks on WebGPU are bit-identical to src/engine/random/threefry.ts: shaders/threefry.wgsl
// run directly on random and edge-case keys and counters, and the matmul's dropout epilogues on a
// ones input (every output is exactly 0 or trainScale) against keepUnit and the CPU backend.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { BufferUsage, MapMode } from '../../../src/backends/webgpu/gpu-flags';
import { threefryWgsl } from '../../../src/backends/webgpu/shaders.gen';
import { PlanBuilder } from '../../../src/engine/plan-builder';
import { STREAM_DROPOUT, type MatmulKernel } from '../../../src/engine/plan';
import { keepUnit, threefry2x32, unitFloat } from '../../../src/engine/random/threefry';
import { compileBoth } from './compare';
import { describeGpu, openDevice, openGpu, type GpuHandle } from '../../helpers/gpu';
import { hyperTable, randomHyperRow } from './hyper-rows';
import { Rng, testSeed } from '../../helpers/random';

const seed = testSeed('rng');

/** Runs threefry2x32 / unit_float / keep_unit over n (key, counter, p) rows on the GPU. */
async function gpuThreefry(device: GPUDevice, input: Uint32Array<ArrayBuffer>): Promise<Uint32Array> {
  const n = input.length / 5;
  const code = `${threefryWgsl}
@group(0) @binding(0) var<storage, read> inp: array<u32>;
@group(0) @binding(1) var<storage, read_write> outp: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  if (i >= ${n}u) { return; }
  let k0 = inp[5u * i]; let k1 = inp[5u * i + 1u]; let c0 = inp[5u * i + 2u]; let c1 = inp[5u * i + 3u];
  let p = bitcast<f32>(inp[5u * i + 4u]);
  let w = threefry2x32(k0, k1, c0, c1);
  outp[4u * i] = w.x;
  outp[4u * i + 1u] = w.y;
  outp[4u * i + 2u] = bitcast<u32>(unit_float(w.x));
  outp[4u * i + 3u] = select(0u, 1u, keep_unit(k0, k1, c0, c1, p));
}`;
  const module = device.createShaderModule({ code });
  const errors = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
  expect(errors.map((e) => `${e.lineNum}: ${e.message}`)).toEqual([]);
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const inBuf = device.createBuffer({ size: input.byteLength, usage: BufferUsage.STORAGE | BufferUsage.COPY_DST });
  const outBuf = device.createBuffer({ size: n * 16, usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC });
  const staging = device.createBuffer({ size: n * 16, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
  device.queue.writeBuffer(inBuf, 0, input);
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(
    0,
    device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: inBuf } },
        { binding: 1, resource: { buffer: outBuf } },
      ],
    }),
  );
  pass.dispatchWorkgroups(Math.ceil(n / 64));
  pass.end();
  encoder.copyBufferToBuffer(outBuf, 0, staging, 0, n * 16);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(MapMode.READ);
  const out = new Uint32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  for (const b of [inBuf, outBuf, staging]) b.destroy();
  return out;
}

describeGpu('Threefry-2x32-20 in WGSL', () => {
  it('matches threefry.ts word for word (random and edge-case keys, counters, p)', async () => {
    const rng = new Rng(seed);
    const edge = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    const rows: number[][] = [];
    for (const a of edge) for (const b of edge) rows.push([a, b, rng.pick(edge), rng.pick(edge)]);
    for (let i = 0; i < 4000; i++)
      rows.push([rng.u32(), rng.pick([STREAM_DROPOUT, STREAM_DROPOUT + 1, rng.u32()]), rng.int(0, 100000), rng.u32()]);
    const ps = [0, 0.5, 0.999, 1, 5.9604644775390625e-8];
    const input = new Uint32Array(rows.length * 5);
    const pBits = new Float32Array(1);
    const pWords = new Uint32Array(pBits.buffer);
    const pOf: number[] = [];
    rows.forEach((r, i) => {
      input.set(r, 5 * i);
      pBits[0] = i < ps.length * 4 ? ps[i % ps.length] : rng.next();
      pOf.push(pBits[0]);
      input[5 * i + 4] = pWords[0];
    });
    const { device, close } = await openDevice();
    try {
      const out = await gpuThreefry(device, input);
      const unit = new Float32Array(1);
      const unitWord = new Uint32Array(unit.buffer);
      const bad: string[] = [];
      rows.forEach(([k0, k1, c0, c1], i) => {
        const [w0, w1] = threefry2x32(k0, k1, c0, c1);
        unit[0] = unitFloat(w0);
        const keep = keepUnit(k0, k1, c0, c1, pOf[i]) ? 1 : 0;
        const got = [out[4 * i], out[4 * i + 1], out[4 * i + 2], out[4 * i + 3]];
        const want = [w0, w1, unitWord[0], keep];
        if (got.some((g, j) => g !== want[j]) && bad.length < 5)
          bad.push(`key (${k0}, ${k1}) counter (${c0}, ${c1}): gpu ${got.join(',')} cpu ${want.join(',')}`);
      });
      expect(bad).toEqual([]);
    } finally {
      close();
    }
  });
});

describeGpu('dropout masks of the matmul epilogue', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu();
  });
  afterAll(() => g?.close());

  for (const mode of ['dropout', 'dropoutGrad'] as const) {
    it(`${mode}: the exact zero pattern of keepUnit, several steps, slots and models`, async () => {
      const rng = new Rng(seed ^ (mode === 'dropout' ? 1 : 2));
      const models = 3,
        rows = 20,
        cols = rng.pick([300, 257, 64]),
        slot = rng.int(0, 3);
      const b = new PlanBuilder(models);
      const ones = b.buffer('ones', rows, 'data', true);
      const w = b.buffer('w', cols, 'param');
      const out = b.buffer('out', rows * cols, 'activation');
      const masks = { kind: 'rng' } as const;
      const k: MatmulKernel = {
        kind: 'matmul',
        a: ones,
        b: w,
        out,
        rows,
        inner: 1,
        cols,
        transA: false,
        transB: false,
        ...(mode === 'dropout' ? { dropout: { slot, mode: 'train', masks } } : { dropoutGrad: { slot, masks } }),
      };
      b.program('train', [k], true);
      const plan = b.build();
      const pair = await compileBoth(g.backend, plan);
      pair.write(ones, new Float32Array(rows).fill(1));
      pair.write(w, new Float32Array(cols * models).fill(1));
      const hyper = Array.from({ length: models }, () => ({ ...randomHyperRow(rng), pDrop: rng.pick([0.5, 0.1, 0.9, rng.next()]) }));
      hyper.forEach((h) => {
        h.trainScale = 1 / (1 - h.pDrop);
      });
      pair.writeHyper(hyperTable(hyper));
      const t0 = rng.int(1, 1000);
      pair.setStep(t0);
      for (let step = t0; step < t0 + 3; step++) {
        pair.poison(out);
        pair.run('train');
        const o = await pair.read(out);
        const bad: string[] = [];
        for (let m = 0; m < models; m++) {
          const scale = Math.fround(hyper[m].trainScale);
          for (let i = 0; i < rows * cols; i++) {
            const keep = keepUnit(hyper[m].seed, STREAM_DROPOUT + slot, step, i, hyper[m].pDrop);
            const want = keep ? scale : 0;
            const at = m * rows * cols + i;
            if ((o.gpu[at] !== want || o.cpu[at] !== want) && bad.length < 5)
              bad.push(`step ${step} model ${m} [${i}]: gpu ${o.gpu[at]} cpu ${o.cpu[at]} want ${want}`);
          }
        }
        expect(bad).toEqual([]);
      }
      expect(pair.gpu.step).toBe(t0 + 3);
      pair.dispose();
    });
  }
});
