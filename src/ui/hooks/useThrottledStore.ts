// A store seen at most once per `ms` while playing: panels that need not follow every frame on
// screen (the loss chart, the results table, the dropout diagram, the weights and the exports)
// read the run and the playhead through it. Unlike a throttled value, the component is not
// rendered for each change it will not show: the store itself holds the change back, so a frame
// on screen costs these panels nothing until their next redraw.

import { useLayoutEffect, useMemo } from 'react';
import type { ExternalStore } from './useSelector';

type Listener = () => void;

/** The time and the timers a ThrottledStore uses (injected in tests). */
export interface ThrottleClock {
  now(): number;
  later(callback: () => void, ms: number): number;
  cancel(handle: number): void;
}

const browserClock: ThrottleClock = {
  now: () => performance.now(),
  later: (callback, ms) => window.setTimeout(callback, ms),
  cancel: (handle) => window.clearTimeout(handle),
};

export class ThrottledStore<T> implements ExternalStore<T> {
  private shown: T;
  private last = -Infinity;
  private timer: number | null = null;
  private readonly listeners = new Set<Listener>();
  private unsubscribe: (() => void) | null = null;
  /** when false, changes pass at once (paused, scrubbing); otherwise at most one per `ms` */
  private throttled = false;

  constructor(
    private readonly source: ExternalStore<T>,
    private readonly ms: number,
    private readonly clock: ThrottleClock = browserClock,
  ) {
    this.shown = source.getSnapshot();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    if (!this.unsubscribe) {
      this.unsubscribe = this.source.subscribe(() => this.changed());
      // caught up with what changed before the first subscriber came
      this.shown = this.source.getSnapshot();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.cancel();
    };
  };

  getSnapshot = (): T => this.shown;

  /** Throttles from now on, or passes changes at once again (and shows the latest one now). */
  setThrottled(throttled: boolean): void {
    this.throttled = throttled;
    if (throttled) return;
    this.cancel();
    this.take();
  }

  private cancel(): void {
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
  }

  private changed(): void {
    if (this.timer !== null) return;
    const wait = !this.throttled ? 0 : this.last + this.ms - this.clock.now();
    if (wait <= 0) {
      this.take();
      return;
    }
    this.timer = this.clock.later(() => {
      this.timer = null;
      this.take();
    }, wait);
  }

  private take(): void {
    const next = this.source.getSnapshot();
    if (Object.is(next, this.shown)) return;
    this.last = this.clock.now();
    this.shown = next;
    for (const l of this.listeners) l();
  }
}

/** `source` seen at most once per `ms` while `throttle` holds, at once otherwise. */
export function useThrottledStore<T>(source: ExternalStore<T>, ms: number, throttle: boolean): ExternalStore<T> {
  const store = useMemo(() => new ThrottledStore(source, ms), [source, ms]);
  useLayoutEffect(() => store.setThrottled(throttle), [store, throttle]);
  return store;
}
