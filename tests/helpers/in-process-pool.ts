// An in-process fake of a CPU pool worker (no threads): the pool host runs on this thread and
// messages cross as structured clones (buffers transferred), each delivered in a later task, as
// a real worker's are. `hold` keeps replies back (a worker busy with a long run); `terminated`
// says whether the pool stopped it.

import type { Backend } from '../../src/backends/backend';
import type { PoolPort, PoolReply, PoolRequest, SpawnPoolWorker } from '../../src/backends/pool/messages';
import { createPoolHost } from '../../src/backends/pool/pool-host';

export interface FakePoolWorker extends PoolPort {
  readonly index: number;
  readonly terminated: boolean;
  /** requests received so far */
  readonly requests: PoolRequest[];
  /** while true, replies wait (the worker looks busy); setting it false delivers them */
  hold: boolean;
  /** the worker dies as a crashed thread would */
  crash(message: string): void;
}

export function fakePoolSpawner(backend?: () => Backend): { spawn: SpawnPoolWorker; spawned: FakePoolWorker[] } {
  const spawned: FakePoolWorker[] = [];
  const spawn = (): FakePoolWorker => {
    let replyHandler: (reply: PoolReply) => void = () => {};
    let failureHandler: (message: string) => void = () => {};
    const held: PoolReply[] = [];
    let hold = false;
    let terminated = false;
    const requests: PoolRequest[] = [];
    const deliver = (reply: PoolReply): void => {
      if (!terminated) replyHandler(reply);
    };
    const host = createPoolHost((reply, transfer) => {
      const copy = structuredClone(reply, { transfer });
      setTimeout(() => (hold ? held.push(copy) : deliver(copy)), 0);
    }, backend?.());
    const worker: FakePoolWorker = {
      index: spawned.length,
      get terminated() {
        return terminated;
      },
      requests,
      get hold() {
        return hold;
      },
      set hold(on: boolean) {
        hold = on;
        if (!on) for (const r of held.splice(0)) deliver(r);
      },
      crash: (message) => {
        terminated = true;
        failureHandler(message);
      },
      post: (request, transfer) => {
        if (terminated) return;
        const copy = structuredClone(request, { transfer });
        requests.push(copy);
        setTimeout(() => {
          if (!terminated) host(copy);
        }, 0);
      },
      onReply: (handler) => {
        replyHandler = handler;
      },
      onFailure: (handler) => {
        failureHandler = handler;
      },
      terminate: () => {
        terminated = true;
      },
    };
    spawned.push(worker);
    return worker;
  };
  return { spawn, spawned };
}
