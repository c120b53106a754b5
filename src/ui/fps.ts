// Frame-rate meter: counts animation frames per second (a stalled main thread shows up here).

import { useEffect, useState } from 'react';

let latestFps: number | null = null;

export function currentFps(): number | null {
  return latestFps;
}

export function useFps(): number | null {
  const [fps, setFps] = useState<number | null>(null);
  useEffect(() => {
    let frames = 0;
    let start = performance.now();
    let handle = 0;
    const tick = (t: number): void => {
      frames++;
      if (t - start >= 1000) {
        latestFps = (1000 * frames) / (t - start);
        setFps(latestFps);
        frames = 0;
        start = t;
      }
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, []);
  return fps;
}
