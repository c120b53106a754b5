// Page-side handle on a batch worker (created on first use), as a React hook with its state.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../experiment/settings';
import { msg, type Message } from '../analysis/message';
import type { Dataset } from '../experiment/types';
import type { BatchJob, BatchToPage, PageToBatch } from '../worker/batch-protocol';
import type { BackendPreference } from '../worker/protocol';
import { IDLE_BATCH, batchReduce, batchStarting, batchStopped, type BatchState } from './batch-state';

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

/** Test hook: the named batch job's next slice on WebGPU fails as on a lost device. */
export function simulateBatchDeviceLoss(name: string): boolean {
  const w = liveWorkers.get(name);
  if (!w) return false;
  const msg: PageToBatch = { type: 'simulate-device-loss' };
  w.postMessage(msg);
  return true;
}

/**
 * How long a stopped (or replaced) job may take to end its slice before its worker is terminated,
 * so that Stop takes effect within 150 ms at any shape (a slice lasts ~100 ms; one that runs
 * longer, e.g. a single epoch of a wide net, is cut short, and the next job starts a fresh worker).
 * The termination itself took 3-45 ms more in scripts/measure-latency.ts (docs/RELIABILITY.md), so
 * the grace leaves it room under 150 ms.
 */
export const STOP_GRACE_MS = 90;

/** Messages after which the worker computes nothing more for the job. */
function endsJob(msg: BatchToPage): boolean {
  return msg.type === 'done' || msg.type === 'error' || msg.type === 'too-big' || msg.type === 'estimate';
}

export function useBatchJob(name: string): BatchHandle {
  const [state, setState] = useState<BatchState>(IDLE_BATCH);
  const workerRef = useRef<BatchWorker | null>(null);
  const idRef = useRef(0);
  /** the job asked for last (its start message), until the worker ends it */
  const activeRef = useRef<Extract<PageToBatch, { type: 'start' }> | null>(null);
  /** a job told to end (stopped or replaced) that has not ended yet, and the timer that ends it the hard way */
  const endingRef = useRef<number | null>(null);
  const graceRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** when Stop was pressed (performance.now()), until the stopped job ended */
  const stoppedAtRef = useRef<number | null>(null);

  /** The stopped job computes no more: how long that took after Stop. */
  const stopEnded = useCallback((terminated: boolean): void => {
    const at = stoppedAtRef.current;
    stoppedAtRef.current = null;
    if (at !== null) setState((s) => ({ ...s, stopEnded: { ms: performance.now() - at, terminated } }));
  }, []);

  const clearGrace = useCallback((): void => {
    if (graceRef.current !== null) clearTimeout(graceRef.current);
    graceRef.current = null;
  }, []);

  useEffect(
    () => () => {
      clearGrace();
      workerRef.current?.close();
      workerRef.current = null;
    },
    [clearGrace],
  );

  const worker = useCallback((): Worker => {
    workerRef.current ??= startBatchWorker(
      name,
      (msg) => {
        if (endsJob(msg)) {
          if (msg.id === endingRef.current) {
            endingRef.current = null;
            clearGrace();
            stopEnded(false);
          }
          if (msg.id === activeRef.current?.id) activeRef.current = null;
        }
        setState((s) => batchReduce(s, msg));
      },
      (message) =>
        setState((s) => ({
          ...s,
          phase: 'error',
          error: msg('batch.workerCrashed'),
          errorDetails: message || null,
        })),
    );
    return workerRef.current.worker;
  }, [name, clearGrace, stopEnded]);

  /** Job `id` was told to end: if it still computes after the grace, its worker goes, and the job asked for since starts on a fresh one. */
  const endWithin = useCallback(
    (id: number): void => {
      clearGrace();
      endingRef.current = id;
      graceRef.current = setTimeout(() => {
        graceRef.current = null;
        if (endingRef.current !== id) return;
        endingRef.current = null;
        workerRef.current?.close();
        workerRef.current = null;
        stopEnded(true);
        const next = activeRef.current;
        if (next) worker().postMessage(next);
      }, STOP_GRACE_MS);
    },
    [clearGrace, worker, stopEnded],
  );

  const start = useCallback(
    (job: BatchJob, settings: Settings, preference: BackendPreference, data: Dataset | null, options: StartOptions): void => {
      const id = ++idRef.current;
      setState((s) => ({ ...batchStarting(s, id), job }));
      const msg: PageToBatch = { type: 'start', id, job, settings, preference, data, ...options };
      const previous = activeRef.current;
      activeRef.current = msg;
      stoppedAtRef.current = null;
      worker().postMessage(msg);
      // the previous job ends at its next slice (the worker runs one job at a time)
      if (previous) endWithin(previous.id);
    },
    [worker, endWithin],
  );

  const stop = useCallback((): void => {
    setState(batchStopped);
    const active = activeRef.current;
    activeRef.current = null;
    const msg: PageToBatch = { type: 'stop' };
    workerRef.current?.worker.postMessage(msg);
    if (!active) return;
    stoppedAtRef.current = performance.now();
    endWithin(active.id);
  }, [endWithin]);

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
