// The backends the parity tests run on: the CPU reference always, WebGPU (Dawn through the
// `webgpu` package) unless DROPOUT_LAB_SKIP_GPU=1 says otherwise. No adapter is a failure with
// instructions, never a silent skip.
import type { BackendName } from '../../src/backends/backend';
import { createNodeBackend, type NodeBackend } from '../../src/cli/node-backend';

export const GPU_SKIPPED = process.env.DROPOUT_LAB_SKIP_GPU === '1';

export const GPU_HOWTO =
  'WebGPU tests need an adapter: apt-get install -y chromium libvulkan1 and run with ' +
  'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json (npm test sets it), or set DROPOUT_LAB_SKIP_GPU=1 to skip them explicitly.';

export function parityBackendNames(): BackendName[] {
  return GPU_SKIPPED ? ['cpu'] : ['cpu', 'webgpu'];
}

export async function openBackend(name: BackendName): Promise<NodeBackend> {
  try {
    return await createNodeBackend(name);
  } catch (e) {
    if (name === 'webgpu') throw new Error(`${(e as Error).message}\n${GPU_HOWTO}`);
    throw e;
  }
}
