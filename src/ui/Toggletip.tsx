// A "?" toggletip: a small button beside a control or chart that shows a short explanation. Click
// or tap toggles it (nothing depends on hover, so it works on touch); Escape and a click outside
// close it. The text is rendered into a live status element only while open, so a screen reader
// announces it when it appears (Heydon Pickering's toggletip pattern).

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import './Toggletip.css';

/** The button's accessible name, from the topic it explains (visible text: "?"). */
export const TOGGLETIP_STRINGS = {
  buttonName: (topic: string): string => `About ${topic}`,
  mark: '?',
} as const;

export function Toggletip({ topic, children }: { topic: string; children: ReactNode }): ReactNode {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLSpanElement | null>(null);
  const bubbleId = useId();
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent): void => {
      if (e.target instanceof Node && rootRef.current?.contains(e.target)) return;
      setOpen(false);
    };
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      // an Escape meant for the toggletip closes nothing else (a dialog it sits in stays open)
      if (e.target instanceof Node && rootRef.current?.contains(e.target)) e.stopPropagation();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);
  return (
    <span className="toggletip" ref={rootRef}>
      <button
        type="button"
        className="toggletip-button"
        aria-label={TOGGLETIP_STRINGS.buttonName(topic)}
        aria-expanded={open}
        aria-controls={bubbleId}
        onClick={() => setOpen((o) => !o)}
      >
        {TOGGLETIP_STRINGS.mark}
      </button>
      <span role="status" id={bubbleId} className="toggletip-bubble" data-open={open}>
        {open ? children : null}
      </span>
    </span>
  );
}
