// The training worker for the page: one worker per backend preference, its messages fed into the
// page's RunStore (read with useSelector), and a `send` for commands.

import { useCallback, useEffect, useRef } from 'react';
import type { Settings } from '../../experiment/settings';
import type { TrainingPoints } from '../../experiment/types';
import { startTrainingWorker, type TrainingClient } from '../../worker/client';
import type { BackendPreference, PageToWorker } from '../../worker/protocol';
import type { RunStore } from '../run-store';

export interface TrainingSessionHandle {
  readonly send: (message: PageToWorker) => void;
  /** commands sent to the current worker so far */
  readonly sent: () => number;
}

/**
 * `latest` gives the settings and own points a new worker starts with (read when the backend
 * preference changes, not on every render).
 */
export function useTrainingSession(
  store: RunStore,
  backend: BackendPreference,
  latest: () => { settings: Settings; points: TrainingPoints | null },
): TrainingSessionHandle {
  const clientRef = useRef<TrainingClient | null>(null);
  const latestRef = useRef(latest);
  useEffect(() => {
    latestRef.current = latest;
  });

  useEffect(() => {
    const { settings, points } = latestRef.current();
    const client = startTrainingWorker(
      settings,
      backend,
      (msg) => store.handle(msg),
      (message, details) => store.setFatal(message, details),
    );
    client.send({ type: 'watch-weights', on: true });
    if (points) client.send({ type: 'data', points });
    clientRef.current = client;
    return () => {
      client.terminate();
      if (clientRef.current === client) clientRef.current = null;
    };
  }, [backend, store]);

  const send = useCallback((message: PageToWorker) => clientRef.current?.send(message), []);
  const sent = useCallback(() => clientRef.current?.sent() ?? 0, []);
  return { send, sent };
}
