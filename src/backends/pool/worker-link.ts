// One pool worker as the pooled backend drives it: numbers the requests, matches the in-order
// replies to their callers, knows whether the worker still has queued work (busy) and turns a
// failed request or a dead worker into a typed BackendError.

import { BackendError } from '../backend';
import type { PoolCommand, PoolPort, PoolReply } from './messages';

interface Waiter {
  readonly resolve: (reply: PoolReply) => void;
  readonly reject: (error: BackendError) => void;
}

export class WorkerLink {
  private posted = 0;
  private replied = 0;
  private readonly waiters = new Map<number, Waiter>();
  private idleWaiters: Waiter[] = [];
  private deadError: BackendError | null = null;
  /** errors of requests nobody waits for (writes, runs), and the worker's death */
  onError: ((error: BackendError) => void) | null = null;

  constructor(
    private readonly port: PoolPort,
    readonly index: number,
  ) {
    port.onReply((reply) => this.receive(reply));
    port.onFailure((message) => this.die(new BackendError('internal', `CPU pool worker ${index} failed: ${message}`)));
  }

  /** requests posted that have no reply yet */
  get busy(): boolean {
    return this.replied < this.posted;
  }

  get dead(): boolean {
    return this.deadError !== null;
  }

  /** Post a command; its reply only counts for `busy` (and reports an error through onError). */
  send(command: PoolCommand, transfer: Transferable[] = []): number {
    if (this.deadError) {
      this.onError?.(this.deadError);
      return -1;
    }
    const seq = ++this.posted;
    this.port.post({ ...command, seq }, transfer);
    return seq;
  }

  /** Post a command and wait for its reply (rejects with the worker's error). */
  call(command: PoolCommand, transfer: Transferable[] = []): Promise<PoolReply> {
    if (this.deadError) return Promise.reject(this.deadError);
    return new Promise<PoolReply>((resolve, reject) => {
      const seq = this.send(command, transfer);
      this.waiters.set(seq, { resolve, reject });
    });
  }

  /** Resolves once every request posted so far has its reply. */
  whenIdle(): Promise<void> {
    if (this.deadError) return Promise.reject(this.deadError);
    if (!this.busy) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.idleWaiters.push({ resolve: () => resolve(), reject }));
  }

  /** Stop the worker now; whoever still waits gets `reason`. */
  terminate(reason: string): void {
    this.port.terminate();
    if (!this.deadError) this.fail(new BackendError('internal', reason));
  }

  private receive(reply: PoolReply): void {
    this.replied = Math.max(this.replied, reply.seq);
    const waiter = this.waiters.get(reply.seq);
    this.waiters.delete(reply.seq);
    if (reply.type === 'error') {
      const error = new BackendError(reply.kind, `CPU pool worker ${this.index}: ${reply.message}`);
      waiter?.reject(error);
      this.onError?.(error);
    } else {
      waiter?.resolve(reply);
    }
    if (!this.busy) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of idle) w.resolve(reply);
    }
  }

  private die(error: BackendError): void {
    if (this.deadError) return;
    this.fail(error);
    this.onError?.(error);
  }

  private fail(error: BackendError): void {
    this.deadError = error;
    for (const w of this.waiters.values()) w.reject(error);
    this.waiters.clear();
    for (const w of this.idleWaiters) w.reject(error);
    this.idleWaiters = [];
  }
}
