// Backends for the Node commands: the CPU reference, or WebGPU through the `webgpu` npm package
// (Dawn). WebGPU failures are typed BackendErrors; the caller decides whether to fall back.

import type { Backend, BackendName } from '../backends/backend';
import { createCpuBackend } from '../backends/cpu/cpu-backend';

export interface NodeBackend {
  readonly backend: Backend;
  readonly close: () => void;
}

export async function createNodeBackend(name: BackendName): Promise<NodeBackend> {
  if (name === 'cpu') {
    const backend = createCpuBackend();
    return { backend, close: () => backend.dispose() };
  }
  const { createNodeGpu } = await import('../backends/webgpu/node-gpu');
  const { createWebGpuBackend } = await import('../backends/webgpu/webgpu-backend');
  const node = createNodeGpu();
  try {
    const backend = await createWebGpuBackend(node.gpu);
    return {
      backend,
      close: () => {
        backend.dispose();
        node.dispose();
      },
    };
  } catch (e) {
    node.dispose();
    throw e;
  }
}

export function backendNameOf(value: string | true | undefined): BackendName {
  const v = value === undefined ? 'cpu' : String(value);
  if (v !== 'cpu' && v !== 'webgpu') throw new RangeError(`--backend ${v}: must be cpu or webgpu`);
  return v;
}
