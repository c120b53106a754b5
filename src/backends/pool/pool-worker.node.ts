// Entry point of one CPU pool worker in Node (worker_threads, started by spawn-node.ts): connects
// the pool host to the parent port.

import { parentPort, type TransferListItem } from 'node:worker_threads';
import type { PoolRequest } from './messages';
import { createPoolHost } from './pool-host';

const port = parentPort;
if (!port) throw new Error('pool-worker.node.ts runs as a worker_threads worker (see spawn-node.ts)');
const handle = createPoolHost((reply, transfer) => port.postMessage(reply, transfer as TransferListItem[]));
port.on('message', (request: PoolRequest) => handle(request));
