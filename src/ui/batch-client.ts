// Page-side handle on a batch worker (created on first use), as a React hook with its state.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import type { BatchJob, BatchToPage, PageToBatch } from '../worker/batch-protocol';
import type { BackendPreference } from '../worker/protocol';
import { IDLE_BATCH, batchReduce, batchStarting, type BatchState } from './batch-state';

export interface BatchHandle {
  readonly state: BatchState;
  start(job: BatchJob, settings: Settings, preference: BackendPreference, data: Dataset | null): void;
  stop(): void;
}

/** The live batch workers by name (for the test hook below). */
const liveWorkers = new Map<string, Worker>();

/** Makes a batch worker reachable by the test hook; returns the matching "forget it". */
export function trackBatchWorker(name: string, worker: Worker): () => void {
  liveWorkers.set(name, worker);
  return () => {
    if (liveWorkers.get(name) === worker) liveWorkers.delete(name);
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
  const workerRef = useRef<Worker | null>(null);
  const idRef = useRef(0);

  const forgetRef = useRef<(() => void) | null>(null);
  useEffect(() => () => {
    workerRef.current?.terminate();
    forgetRef.current?.();
    workerRef.current = null;
  }, []);

  const worker = useCallback((): Worker => {
    if (workerRef.current) return workerRef.current;
    const w = new Worker(new URL('../worker/batch-worker.ts', import.meta.url), { type: 'module', name: `dropout-lab-${name}` });
    w.addEventListener('message', (event: MessageEvent<BatchToPage>) => setState((s) => batchReduce(s, event.data)));
    w.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      setState((s) => ({ ...s, phase: 'error', error: event.message || 'the batch worker failed to start' }));
    });
    workerRef.current = w;
    forgetRef.current = trackBatchWorker(name, w);
    return w;
  }, [name]);

  const start = useCallback((job: BatchJob, settings: Settings, preference: BackendPreference, data: Dataset | null): void => {
    const id = ++idRef.current;
    setState((s) => ({ ...batchStarting(s, id), job }));
    const msg: PageToBatch = { type: 'start', id, job, settings, preference, data };
    worker().postMessage(msg);
  }, [worker]);

  const stop = useCallback((): void => {
    const msg: PageToBatch = { type: 'stop' };
    workerRef.current?.postMessage(msg);
  }, []);

  return { state, start, stop };
}
