// Whether a slider is being dragged with the pointer: pointer down on a range input inside the
// bound element, until the pointer goes up anywhere. Keyboard and programmatic changes are not drags.

import { useCallback, useEffect, useState, type PointerEvent } from 'react';

export interface SliderDrag {
  readonly dragging: boolean;
  /** spread onto the element holding the sliders */
  readonly bind: { onPointerDownCapture: (e: PointerEvent<HTMLElement>) => void };
}

export function useSliderDrag(): SliderDrag {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!dragging) return;
    const end = (): void => setDragging(false);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    return () => {
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
    };
  }, [dragging]);
  const onPointerDownCapture = useCallback((e: PointerEvent<HTMLElement>) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'range') setDragging(true);
  }, []);
  return { dragging, bind: { onPointerDownCapture } };
}
