// Page-side handle on the training worker: typed postMessage in (stamped with the send time, so the
// worker can report how long a command waited), typed messages out.

import type { Settings } from '../experiment/settings';
import type { BackendPreference, Envelope, PageToWorker, WorkerToPage } from './protocol';

export interface TrainingClient {
  send(message: PageToWorker): void;
  /** commands sent so far (`init` included): the worker's HandledCommand.seq catches up with it */
  readonly sent: () => number;
  terminate(): void;
}

/** The clock both sides stamp with: ms since the epoch, comparable across the page and the worker. */
export function sharedClock(): number {
  return performance.timeOrigin + performance.now();
}

export function startTrainingWorker(
  settings: Settings,
  preference: BackendPreference,
  onMessage: (message: WorkerToPage) => void,
  /** a plain sentence, and the worker's raw error (null when it gave none) for the details */
  onError: (message: string, details: string | null) => void,
): TrainingClient {
  const worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'dropout-lab-training' });
  worker.addEventListener('message', (event: MessageEvent<WorkerToPage>) => onMessage(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    onError(
      'The training worker stopped unexpectedly. Reload the page; if it happens again, use fewer hidden units or layers.',
      event.message || null,
    );
  });
  worker.addEventListener('messageerror', () => onError('A message from the training worker could not be read. Reload the page.', null));
  let sent = 0;
  const send = (message: PageToWorker): void => {
    sent++;
    worker.postMessage({ message, sentAt: sharedClock() } satisfies Envelope);
  };
  send({ type: 'init', settings, preference });
  return { send, sent: () => sent, terminate: () => worker.terminate() };
}
