// A value taken up one task later than the render that produced it. The charts pass their data
// and options through it, so that chart.js's update (layout, scales, animations: 10-30 ms each on a
// slow machine) runs in a task of its own, not inside the animation frame that moved the playhead
// (which also renders the timeline, the status and the deferred panels): no frame's redraw is one
// long task.

import { useEffect, useState } from 'react';

export function useInOwnTask<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    const timer = setTimeout(() => setShown(value), 0);
    return () => clearTimeout(timer);
  }, [value, shown]);
  return shown;
}
