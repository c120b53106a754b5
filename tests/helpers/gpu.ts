// The one WebGPU helper of the tests: a real adapter through the `webgpu` package (Dawn; SwiftShader
// when no GPU is present, VK_ICD_FILENAMES set by the gpu project in vitest.config.ts), or a
// failure that says how to get one. DROPOUT_LAB_SKIP_GPU=1 skips the GPU tests explicitly.
//
// One Dawn instance per test process, kept until the process ends; tests open and destroy devices
// on it. Dropping an instance per test and creating the next one deadlocked the main thread in
// dawn::native::InstanceBase::ProcessEvents now and then (about once in 60-90 runs of
// errors.gpu.test.ts on a loaded machine), which no test timeout can interrupt.
//
// Tests turn off Dawn's zeroing of workgroup memory: the kernels must never read workgroup memory
// they did not write (garbage would show), and SwiftShader compiles large workgroup arrays
// hundreds of times faster without it.

import { describe } from 'vitest';
import type { Backend, BackendName } from '../../src/backends/backend';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { createNodeGpu, type NodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend, type WebGpuBackend, type WebGpuBackendOptions } from '../../src/backends/webgpu/webgpu-backend';

export const GPU_SKIPPED = process.env.DROPOUT_LAB_SKIP_GPU === '1';

export const GPU_HOWTO =
  'The WebGPU tests need a WebGPU adapter. Without a GPU, install SwiftShader (apt-get install -y chromium libvulkan1) ' +
  'and run them with VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json set (npm run test:gpu sets it), ' +
  'or set DROPOUT_LAB_SKIP_GPU=1 to skip them explicitly.';

/** `describe`, or `describe.skip` when DROPOUT_LAB_SKIP_GPU=1. */
export const describeGpu = GPU_SKIPPED ? describe.skip : describe;

const TEST_FLAGS = ['enable-dawn-features=disable_workgroup_init'];

let shared: NodeGpu | undefined;
function processGpu(): NodeGpu {
  shared ??= createNodeGpu(TEST_FLAGS);
  return shared;
}

export interface GpuHandle {
  readonly node: NodeGpu;
  readonly backend: WebGpuBackend;
  close(): void;
}

/** A WebGPU backend on this process's Dawn instance. */
export async function openGpu(options: WebGpuBackendOptions = {}): Promise<GpuHandle> {
  const node = processGpu();
  try {
    const backend = await createWebGpuBackend(node.gpu, options);
    return { node, backend, close: () => backend.dispose() };
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${GPU_HOWTO}`);
  }
}

/** A raw device (for shader-level tests), with the same failure message. */
export async function openDevice(): Promise<{ device: GPUDevice; close: () => void }> {
  const adapter = await processGpu().gpu.requestAdapter();
  if (!adapter) throw new Error(`no WebGPU adapter.\n${GPU_HOWTO}`);
  const device = await adapter.requestDevice();
  return { device, close: () => device.destroy() };
}

/** A backend by name: the CPU reference, or WebGPU on this process's Dawn instance. */
export async function openBackend(name: BackendName): Promise<{ backend: Backend; close: () => void }> {
  if (name === 'webgpu') return openGpu();
  const backend = createCpuBackend();
  return { backend, close: () => backend.dispose() };
}
