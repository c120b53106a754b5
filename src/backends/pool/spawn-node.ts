// Starts CPU pool workers in Node (worker_threads) for the CLI and the tests. Run from TypeScript
// sources (tsx, vitest), the worker first registers tsx's loader, then imports the TypeScript
// entry; from compiled JavaScript it starts pool-worker.node.js beside this file.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';
import type { PoolPort, PoolReply, SpawnPoolWorker } from './messages';

/** tsx's ESM API (its `register()` loads TypeScript in this thread; `--import tsx` does not reach workers in Node 20). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), pkg.exports['./esm/api'].import.default)).href;
}

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pool-worker.node.js', import.meta.url));
  const entry = new URL('./pool-worker.node.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

export function spawnNodePoolWorker(): PoolPort {
  const worker = startWorker();
  let terminated = false;
  return {
    post: (request, transfer) => worker.postMessage(request, transfer as TransferListItem[]),
    onReply: (handler) => worker.on('message', (reply: PoolReply) => handler(reply)),
    onFailure: (handler) => {
      worker.on('error', (e: Error) => handler(e.message));
      worker.on('exit', (code) => {
        if (!terminated) handler(`the worker exited (code ${code})`);
      });
    },
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

export const nodePoolSpawner: SpawnPoolWorker = spawnNodePoolWorker;

/** Logical cores Node may use (os.availableParallelism). */
export function nodeCores(): number {
  return Math.max(1, availableParallelism());
}
