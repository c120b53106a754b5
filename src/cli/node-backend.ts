// Backends for the Node commands: the CPU reference (in process, or a pool of worker_threads with
// --threads), or WebGPU through the `webgpu` npm package (Dawn). WebGPU failures are typed
// BackendErrors; the caller decides whether to fall back.

import type { Backend, BackendName } from '../backends/backend';
import { createCpuBackend } from '../backends/cpu/cpu-backend';
import { createPooledCpuBackend } from '../backends/pool/pooled-backend';
import { nodeCores, nodePoolSpawner } from '../backends/pool/spawn-node';

export interface NodeBackend {
  readonly backend: Backend;
  readonly close: () => void;
}

export interface NodeBackendOptions {
  /** CPU threads: 1 runs in process, more use a pool of worker_threads over the model axis */
  readonly threads?: number;
}

export async function createNodeBackend(name: BackendName, options: NodeBackendOptions = {}): Promise<NodeBackend> {
  if (name === 'cpu') {
    const threads = options.threads ?? 1;
    const backend = threads > 1 ? createPooledCpuBackend({ workers: threads, spawn: nodePoolSpawner }) : createCpuBackend();
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

export const MAX_THREADS = 64;

/** `--threads N|auto`: a whole number in [1, 64] (default 1), or auto = the cores Node may use. */
export function threadsOf(value: string | true | undefined): number {
  if (value === undefined) return 1;
  const v = String(value).trim().toLowerCase();
  if (v === 'auto') return Math.min(MAX_THREADS, nodeCores());
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new RangeError(`--threads ${String(value)}: must be a whole number from 1 to ${MAX_THREADS}, or auto`);
  }
  return n;
}
