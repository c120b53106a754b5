// ThrottledStore with an injected clock: changes pass at once when not throttled, at most one per
// interval (the latest) when throttled, and a store that stops throttling shows the latest at once.
import { describe, expect, it } from 'vitest';
import { ThrottledStore, type ThrottleClock } from '../../src/ui/hooks/useThrottledStore';

class Source<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.value;
  set(v: T): void {
    this.value = v;
    for (const l of this.listeners) l();
  }
  get subscribers(): number {
    return this.listeners.size;
  }
}

/** A manual clock: `advance` runs the timers that fall due, in order. */
class ManualClock implements ThrottleClock {
  time = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now = () => this.time;
  later = (fn: () => void, ms: number) => {
    this.timers.set(this.next, { at: this.time + ms, fn });
    return this.next++;
  };
  cancel = (h: number) => void this.timers.delete(h);
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }
  get pending(): number {
    return this.timers.size;
  }
}

function setup(throttled: boolean) {
  const source = new Source(0);
  const clock = new ManualClock();
  const store = new ThrottledStore(source, 250, clock);
  store.setThrottled(throttled);
  const seen: number[] = [];
  const unsubscribe = store.subscribe(() => seen.push(store.getSnapshot()));
  return { source, clock, store, seen, unsubscribe };
}

describe('ThrottledStore', () => {
  it('passes every change at once when not throttled', () => {
    const { source, store, seen } = setup(false);
    source.set(1);
    source.set(2);
    expect(seen).toEqual([1, 2]);
    expect(store.getSnapshot()).toBe(2);
  });

  it('when throttled, shows at most one change per interval, the latest', () => {
    const { source, clock, store, seen } = setup(true);
    source.set(1); // the first change passes at once
    expect(seen).toEqual([1]);
    for (let v = 2; v <= 10; v++) {
      clock.advance(20);
      source.set(v);
    }
    // 180 ms later: still the first change on show
    expect(seen).toEqual([1]);
    expect(store.getSnapshot()).toBe(1);
    clock.advance(70); // 250 ms after the first
    expect(seen).toEqual([1, 10]);
    expect(clock.time).toBe(250);
    // nothing changed since: no notification, no timer
    clock.advance(1000);
    expect(seen).toEqual([1, 10]);
    expect(clock.pending).toBe(0);
  });

  it('shows the latest at once when throttling stops', () => {
    const { source, clock, store, seen } = setup(true);
    source.set(1);
    clock.advance(10);
    source.set(2);
    expect(store.getSnapshot()).toBe(1);
    store.setThrottled(false);
    expect(store.getSnapshot()).toBe(2);
    expect(seen).toEqual([1, 2]);
    expect(clock.pending).toBe(0);
  });

  it('catches up on subscribing and lets go of the source when the last subscriber leaves', () => {
    const source = new Source('a');
    const clock = new ManualClock();
    const store = new ThrottledStore(source, 250, clock);
    source.set('b');
    const off = store.subscribe(() => {});
    expect(store.getSnapshot()).toBe('b');
    expect(source.subscribers).toBe(1);
    store.setThrottled(true);
    source.set('c');
    clock.advance(1);
    source.set('d');
    expect(clock.pending).toBe(1);
    off();
    expect(source.subscribers).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
