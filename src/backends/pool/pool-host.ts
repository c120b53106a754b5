// The worker side of the CPU pool: one compiled plan at a time on the worker's own CPU backend,
// requests handled strictly in order, one reply each. The entry points (pool-worker.browser.ts,
// pool-worker.node.ts) only connect this handler to their message port.

import { BackendError, isBackendError, type Backend, type CompiledPlan } from '../backend';
import { createCpuBackend } from '../cpu/cpu-backend';
import type { PoolReply, PoolRequest } from './messages';

export type ReplyTo = (reply: PoolReply, transfer: Transferable[]) => void;

/** A request handler for one worker; requests queue behind a compile in progress. */
export function createPoolHost(reply: ReplyTo, backend: Backend = createCpuBackend()): (request: PoolRequest) => void {
  let plan: CompiledPlan | null = null;
  let queue: Promise<void> = Promise.resolve();

  const compiled = (): CompiledPlan => {
    if (!plan) throw new BackendError('internal', 'pool worker: no compiled plan');
    return plan;
  };

  async function handle(request: PoolRequest): Promise<void> {
    const { seq } = request;
    switch (request.type) {
      case 'compile':
        plan?.dispose();
        plan = null;
        plan = await backend.compile(request.plan);
        break;
      case 'write':
        compiled().write(request.buf, request.data);
        break;
      case 'hyper':
        compiled().writeHyper(request.table);
        break;
      case 'step':
        compiled().setStep(request.step);
        break;
      case 'run':
        compiled().run(request.program, request.times);
        break;
      case 'read': {
        const data = await compiled().readMany(request.bufs);
        reply(
          { type: 'read', seq, data },
          data.map((d) => d.buffer),
        );
        return;
      }
      case 'release':
        plan?.dispose();
        plan = null;
        break;
    }
    reply({ type: 'done', seq }, []);
  }

  return (request) => {
    queue = queue.then(() =>
      handle(request).catch((e: unknown) => {
        const kind = isBackendError(e) ? e.kind : 'internal';
        const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        reply({ type: 'error', seq: request.seq, kind, message }, []);
      }),
    );
  };
}
