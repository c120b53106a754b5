// Entry point of one CPU pool worker in the browser (a module Web Worker, started by
// spawn-browser.ts, nested in the training or batch worker): connects the pool host to `self`.

import type { PoolReply, PoolRequest } from './messages';
import { createPoolHost } from './pool-host';

interface PoolWorkerScope {
  postMessage(reply: PoolReply, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<PoolRequest>) => void) | null;
}
const scope = self as unknown as PoolWorkerScope;
const handle = createPoolHost((reply, transfer) => scope.postMessage(reply, transfer));
scope.onmessage = (event) => handle(event.data);
