// The messages between a pooled backend and one of its workers (pool-host.ts). Every request
// carries a sequence number and gets exactly one reply, in order: `done`, `read` (the buffers,
// transferred) or `error`. Run and step requests carry no data.

import type { BackendErrorKind } from '../backend';
import type { BufferId, Plan } from '../../engine/plan';

/** What the pool asks a worker to do. */
export type PoolCommand =
  | { readonly type: 'compile'; readonly plan: Plan }
  | { readonly type: 'write'; readonly buf: BufferId; readonly data: Float32Array }
  | { readonly type: 'hyper'; readonly table: ArrayBuffer }
  | { readonly type: 'step'; readonly step: number }
  | { readonly type: 'run'; readonly program: string; readonly times: number }
  | { readonly type: 'read'; readonly bufs: readonly BufferId[] }
  /** free the compiled plan (the worker stays, ready for the next compile) */
  | { readonly type: 'release' };

/** A command as posted: numbered by the link (worker-link.ts). */
export type PoolRequest = PoolCommand & { readonly seq: number };

export type PoolReply =
  | { readonly type: 'done'; readonly seq: number }
  | { readonly type: 'read'; readonly seq: number; readonly data: readonly Float32Array[] }
  | { readonly type: 'error'; readonly seq: number; readonly kind: BackendErrorKind; readonly message: string };

/** One worker as the pool sees it: a Web Worker, a worker_threads Worker, or an in-process fake. */
export interface PoolPort {
  post(request: PoolRequest, transfer: Transferable[]): void;
  /** replies in the order the requests were posted */
  onReply(handler: (reply: PoolReply) => void): void;
  /** the worker died or could not start (after this, no more replies come) */
  onFailure(handler: (message: string) => void): void;
  /** stop the worker now, even in the middle of a long run */
  terminate(): void;
}

/** Starts one worker. */
export type SpawnPoolWorker = () => PoolPort;
