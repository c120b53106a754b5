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

/**
 * Reads one piece of two stores at once (the run and the playhead, say): the component re-renders
 * only when that piece changes, not on every update of either. `select` as for useSelector.
 */
export function useSelectorOfBoth<A, B, U>(a: ExternalStore<A>, b: ExternalStore<B>, select: (a: A, b: B) => U): U {
  const subscribe = useCallback(
    (listener: () => void) => {
      const offA = a.subscribe(listener);
      const offB = b.subscribe(listener);
      return () => {
        offA();
        offB();
      };
    },
    [a, b],
  );
  const get = useCallback(() => select(a.getSnapshot(), b.getSnapshot()), [a, b, select]);
  return useSyncExternalStore(subscribe, get);
}
