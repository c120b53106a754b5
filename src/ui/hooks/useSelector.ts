// Reads one piece of an external store (the run store, the playback store) so that a component
// re-renders only when that piece changes, not on every update of the store.

import { useCallback, useSyncExternalStore } from 'react';

export interface ExternalStore<T> {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => T;
}

/** `select` must return a primitive or a reference the store keeps (compared with Object.is). */
export function useSelector<T, U>(store: ExternalStore<T>, select: (state: T) => U): U {
  const get = useCallback(() => select(store.getSnapshot()), [store, select]);
  return useSyncExternalStore(store.subscribe, get);
}
