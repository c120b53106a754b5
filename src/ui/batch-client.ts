// Page-side handle on a batch worker (created on first use), as a React hook with its state.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../experiment/settings';
import type { Message } from '../analysis/message';
import type { Dataset } from '../experiment/types';
import type { BatchJob, BatchToPage, PageToBatch } from '../worker/batch-protocol';
import type { BackendPreference } from '../worker/protocol';
import { useLocale } from './i18n/useLocale';
import { IDLE_BATCH, batchReduce, batchStarting, type BatchState } from './batch-state';

/** `askAboveSeconds`: ask before a job estimated to take longer (null: run it); `note`: shown with the job */
export interface StartOptions {
  readonly askAboveSeconds: number | null;
  readonly note: Message | null;
}

export interface BatchHandle {
  readonly state: BatchState;
  readonly start: (job: BatchJob, settings: Settings, preference: BackendPreference, data: Dataset | null, options: StartOptions) => void;
  readonly stop: () => void;
}

/** The live batch workers by name (for the test hook below). */
const liveWorkers = new Map<string, Worker>();

export interface BatchWorker {
  readonly worker: Worker;
  /** terminates the worker (and the test hook forgets it) */
  close(): void;
}

/**
 * A batch worker (src/worker/batch-worker.ts) named `dropout-lab-<name>`, reachable by the test hook
 * below until closed. `onError` gets the error event's message ('' when it has none).
 */
export function startBatchWorker(name: string, onMessage: (message: BatchToPage) => void, onError: (message: string) => void): BatchWorker {
  const worker = new Worker(new URL('../worker/batch-worker.ts', import.meta.url), { type: 'module', name: `dropout-lab-${name}` });
  worker.addEventListener('message', (event: MessageEvent<BatchToPage>) => onMessage(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    onError(event.message);
  });
  liveWorkers.set(name, worker);
  return {
    worker,
    close: () => {
      worker.terminate();
      if (liveWorkers.get(name) === worker) liveWorkers.delete(name);
    },
  };
}

/** Test hook: the named batch job's next checkpoint interval on WebGPU fails as on a lost device. */
export function simulateBatchDeviceLoss(name: string): boolean {
  const w = liveWorkers.get(name);
  if (!w) return false;
  const msg: PageToBatch = { type: 'simulate-device-loss' };
  w.postMessage(msg);
  return true;
}

export function useBatchJob(name: string): BatchHandle {
  const [state, setState] = useState<BatchState>(IDLE_BATCH);
  const workerRef = useRef<BatchWorker | null>(null);
  const idRef = useRef(0);

  useEffect(
    () => () => {
      workerRef.current?.close();
      workerRef.current = null;
    },
    [],
  );

  const { t } = useLocale();
  const worker = useCallback((): Worker => {
    workerRef.current ??= startBatchWorker(
      name,
      (msg) => setState((s) => batchReduce(s, msg)),
      (message) => setState((s) => ({ ...s, phase: 'error', error: message || t('batch.workerFailed') })),
    );
    return workerRef.current.worker;
  }, [name, t]);

  const start = useCallback(
    (job: BatchJob, settings: Settings, preference: BackendPreference, data: Dataset | null, options: StartOptions): void => {
      const id = ++idRef.current;
      setState((s) => ({ ...batchStarting(s, id), job }));
      const msg: PageToBatch = { type: 'start', id, job, settings, preference, data, ...options };
      worker().postMessage(msg);
    },
    [worker],
  );

  const stop = useCallback((): void => {
    const msg: PageToBatch = { type: 'stop' };
    workerRef.current?.worker.postMessage(msg);
  }, []);

  return { state, start, stop };
}

/** A panel's way to start its job on its setting: `ask` asks first above this many seconds (null: run it as chosen). */
export function jobStarter(
  start: BatchHandle['start'],
  settings: Settings,
  preference: BackendPreference,
  data: Dataset | null,
): (job: BatchJob, note: Message | null, ask: number | null) => void {
  return (job, note, ask) => start(job, settings, preference, data, { askAboveSeconds: ask, note });
}
