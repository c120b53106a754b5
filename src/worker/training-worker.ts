// The training Web Worker: a thin adapter between postMessage and the TrainingSession (which owns
// the backend, the experiment and the state machine; see training-session.ts).

import { pickBackend } from './engine-api';
import type { Envelope, WorkerToPage } from './protocol';
import { loadPytorchInit } from './pytorch-init-asset';
import { TrainingSession } from './training-session';

interface WorkerScope {
  postMessage(message: WorkerToPage): void;
  onmessage: ((event: MessageEvent<Envelope>) => void) | null;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

// A slice of CPU work and its frames may complete without ever leaving the microtask queue, which
// would starve the page's messages. A MessageChannel round trip yields a real task without the
// 4 ms clamp of nested setTimeout.
const channel = new MessageChannel();
const resumers: (() => void)[] = [];
channel.port1.onmessage = () => resumers.shift()?.();
const yieldTask = (): Promise<void> =>
  new Promise((resolve) => {
    resumers.push(resolve);
    channel.port2.postMessage(0);
  });

const session = new TrainingSession({
  pick: pickBackend,
  post: (message) => scope.postMessage(message),
  pytorchInit: loadPytorchInit,
  yieldTask,
});
scope.onmessage = (event) => session.receive(event.data.message, event.data.sentAt);
scope.addEventListener('unhandledrejection', (event) => {
  scope.postMessage({ type: 'notice', level: 'error', text: `Worker error: ${String(event.reason)}` });
});
void session.start();
