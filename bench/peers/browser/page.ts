// The benchmark page: one (system, backend, job) cell per page load, driven by bench/peers/run.ts
// through playwright. It loads the job (seed-job.json, made from PyTorch's seed_run.json), picks the
// backend the way each system's users do, prepares the trainer (not timed) and runs the harness.
// This folder (the page, TF.js, jax-js) is the only code that needs the bench package's own
// dependencies: the root's typecheck and lint leave it to `npm --prefix bench run check`.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { defaultDevice, init as jaxInit } from '@jax-js/jax';
import { createPooledCpuBackend } from '../../../src/backends/pool/pooled-backend';
import { browserPoolSpawner } from '../../../src/backends/pool/spawn-browser';
import { gridJob, seedJob, type Job, type SeedJobFile } from '../job';
import { measure, type Trainer } from '../harness';
import type { CellResult } from '../page-api';
import { dropoutLabTrainer } from '../dropout-lab';
import { tfjsTrainer } from './tfjs';
import { jaxjsTrainer } from './jaxjs';
import type { CellSpec, PageInfo } from '../cells';

async function gpuAdapterInfo(): Promise<string> {
  if (!('gpu' in navigator) || !navigator.gpu) return 'no WebGPU';
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return 'no WebGPU adapter';
  const i = adapter.info;
  return [i.vendor, i.architecture, i.device, i.description].filter((s) => s).join(' / ') || 'unnamed adapter';
}

function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL2';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

async function info(): Promise<PageInfo> {
  return {
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency,
    webgpu: await gpuAdapterInfo(),
    webgl: webglRenderer(),
    tfjs: tf.version.tfjs,
  };
}

async function loadJob(spec: CellSpec): Promise<Job> {
  const file = (await (await fetch('./seed-job.json')).json()) as SeedJobFile;
  return spec.job === 'grid' ? gridJob(file, spec.epochs, spec.every, spec.models) : seedJob(file, spec.epochs, spec.every);
}

async function makeTrainer(spec: CellSpec, job: Job): Promise<Trainer> {
  switch (spec.system) {
    case 'dropout-lab': {
      // the page's CPU pool (module Web Workers over the model axis), with the cell's number of workers
      if (spec.backend === 'cpu')
        return dropoutLabTrainer(job, createPooledCpuBackend({ workers: spec.workers ?? 1, spawn: browserPoolSpawner() }));
      if (spec.backend !== 'webgpu') throw new Error(`dropout-lab has no ${spec.backend} backend`);
      if (!navigator.gpu) throw new Error('this browser exposes no WebGPU');
      const { createWebGpuBackend } = await import('../../../src/backends/webgpu/webgpu-backend');
      return dropoutLabTrainer(job, await createWebGpuBackend(navigator.gpu));
    }
    case 'tfjs': {
      if (spec.backend === 'wasm') setWasmPaths('./tfjs-wasm/');
      if (!(await tf.setBackend(spec.backend))) throw new Error(`tf.setBackend('${spec.backend}') failed`);
      await tf.ready();
      let what = `tfjs-backend-${spec.backend}`;
      if (spec.backend === 'webgpu') what += ` · ${await gpuAdapterInfo()}`;
      if (spec.backend === 'webgl') what += ` · ${webglRenderer()}`;
      if (spec.backend === 'wasm') {
        const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
        const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
        what += ` · ${simd ? 'SIMD' : 'no SIMD'}, ${threads ? `multi-threaded (${navigator.hardwareConcurrency} cores)` : 'single-threaded'}`;
      }
      if (spec.backend === 'cpu') what += ' · plain JavaScript';
      return tfjsTrainer(job, what);
    }
    case 'jaxjs': {
      const device = spec.backend === 'webgpu' ? 'webgpu' : 'wasm';
      if (spec.backend !== 'webgpu' && spec.backend !== 'wasm') throw new Error(`jax-js: no ${spec.backend} cell`);
      const available = await jaxInit(device);
      if (!available.includes(device)) throw new Error(`jax-js: device ${device} unavailable (init gave ${available.join(', ')})`);
      defaultDevice(device);
      const what =
        device === 'webgpu'
          ? `jax-js webgpu · ${await gpuAdapterInfo()}`
          : `jax-js wasm · ${globalThis.crossOriginIsolated ? `SharedArrayBuffer available (${navigator.hardwareConcurrency} cores)` : 'single-threaded (no SharedArrayBuffer)'}`;
      return jaxjsTrainer(job, what);
    }
    default:
      throw new Error(`no ${spec.system} cell in the page`);
  }
}

async function run(spec: CellSpec): Promise<CellResult> {
  const job = await loadJob(spec);
  const t0 = performance.now();
  const trainer = await makeTrainer(spec, job);
  const setupMs = performance.now() - t0;
  try {
    const m = await measure(trainer, {
      epochs: spec.epochs,
      every: spec.every,
      runs: spec.runs,
      runBudgetMs: spec.runBudgetMs,
      log: (l) => console.log(`[${spec.system}/${spec.backend}/${spec.job}] ${l}`),
    });
    const split = spec.explain ? await trainer.split(Math.max(1, Math.min(50, m.epochsTimed))) : undefined;
    return { ...m, setupMs, split };
  } finally {
    trainer.dispose();
  }
}

window.benchPeers = { info, run };
document.title = 'bench:peers ready';
