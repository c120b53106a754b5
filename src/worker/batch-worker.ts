// The batch Web Worker: a thin adapter between postMessage and the BatchSession (grid sweeps, seed
// bands and golden replays in time slices, with recovery points; see batch-session.ts).

import { BatchSession } from './batch-session';
import type { BatchToPage, PageToBatch } from './batch-protocol';
import { pickBackend } from './engine-api';
import { messageChannelYield } from './yield-task';

interface WorkerScope {
  postMessage(message: BatchToPage): void;
  onmessage: ((event: MessageEvent<PageToBatch>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const session = new BatchSession({
  pick: pickBackend,
  post: (message) => scope.postMessage(message),
  yieldTask: messageChannelYield(),
});
scope.onmessage = (event) => session.receive(event.data);
