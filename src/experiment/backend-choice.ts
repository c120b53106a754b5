// Picks the backend for the page or worker: WebGPU when asked for and available, else the CPU
// reference, with the reason WebGPU could not be used (shown to the user).

import { BackendError, type Backend } from '../backends/backend';
import { createCpuBackend } from '../backends/cpu/cpu-backend';

export interface BackendChoice {
  readonly backend: Backend;
  /** why WebGPU is not in use, when it is not */
  readonly fallbackReason?: string;
}

export async function pickBackend(
  preference: 'webgpu' | 'cpu',
  options: { onLost?: (e: BackendError) => void; gpu?: GPU } = {},
): Promise<BackendChoice> {
  if (preference === 'cpu') return { backend: createCpuBackend(), fallbackReason: 'CPU chosen' };
  const gpu = options.gpu ?? (typeof navigator !== 'undefined' ? navigator.gpu : undefined);
  if (!gpu) return { backend: createCpuBackend(), fallbackReason: 'this browser exposes no WebGPU (navigator.gpu is missing)' };
  try {
    const { createWebGpuBackend } = await import('../backends/webgpu/webgpu-backend');
    return { backend: await createWebGpuBackend(gpu, { onLost: options.onLost }) };
  } catch (e) {
    const reason = e instanceof BackendError ? `${e.kind}: ${e.message}` : (e as Error).message;
    return { backend: createCpuBackend(), fallbackReason: reason };
  }
}
