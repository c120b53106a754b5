// A value that follows `value` at most once per `ms` (at once when `immediate`): a chart that
// need not redraw on every frame on screen (the loss chart while playing) redraws a few times a
// second instead.

import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number, immediate: boolean): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const wait = immediate ? 0 : Math.max(0, last.current + ms - performance.now());
    const timer = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms, immediate, shown]);
  return shown;
}
