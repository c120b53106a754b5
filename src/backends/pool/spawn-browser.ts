// Starts CPU pool workers in the browser: module Web Workers (Vite bundles the entry; nesting
// them in the training or batch worker works in Chromium and Firefox).

import type { PoolPort, PoolReply, SpawnPoolWorker } from './messages';

/** One module worker running pool-worker.browser.ts. */
export function spawnBrowserPoolWorker(name = 'dropout-lab-cpu-pool'): PoolPort {
  const worker = new Worker(new URL('./pool-worker.browser.ts', import.meta.url), { type: 'module', name });
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    onReply: (handler) => worker.addEventListener('message', (event: MessageEvent<PoolReply>) => handler(event.data)),
    onFailure: (handler) => {
      worker.addEventListener('error', (event: ErrorEvent) => {
        event.preventDefault();
        handler(event.message || 'the worker could not start');
      });
      worker.addEventListener('messageerror', () => handler('a reply could not be read'));
    },
    terminate: () => worker.terminate(),
  };
}

/** Spawns browser pool workers named dropout-lab-cpu-pool-0, -1, … */
export function browserPoolSpawner(): SpawnPoolWorker {
  let n = 0;
  return () => spawnBrowserPoolWorker(`dropout-lab-cpu-pool-${n++}`);
}

/** Logical cores of this machine as the browser reports them (at least 1). */
export function browserCores(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : 1;
}
