// Backend bookkeeping shared by the training and batch workers: what the page shows about a
// backend, and the switch to the CPU when WebGPU fails or its device is lost.

import type { Backend } from '../backends/backend';
import { pickBackend } from './engine-api';
import type { BackendInfo } from './protocol';

/** What the page shows about a backend (`fallbackReason`: why WebGPU is not in use, when it is not). */
export function backendInfoOf(backend: Backend, fallbackReason?: string): BackendInfo {
  return { name: backend.name, description: backend.description, fallbackReason };
}

/** The CPU backend in place of `old`, which is disposed (a lost device may refuse: nothing to free then). */
export async function cpuInPlaceOf(old: Backend | null | undefined): Promise<Backend> {
  const cpu = (await pickBackend('cpu')).backend;
  try {
    old?.dispose();
  } catch {
    // the lost device may refuse to be disposed; nothing to free then
  }
  return cpu;
}

/** The reason shown for a lost device: "WebGPU device lost: …", unless the cause says so already. */
export function deviceLostReason(cause: string): string {
  return /^WebGPU device lost/i.test(cause) ? cause : `WebGPU device lost: ${cause}`;
}
