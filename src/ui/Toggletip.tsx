// A "?" toggletip: a small button beside a control or chart that shows a short explanation. Click
// or tap toggles it (nothing depends on hover, so it works on touch); Escape and a click outside
// close it. The text is rendered into a live status element only while open, so a screen reader
// announces it when it appears (Heydon Pickering's toggletip pattern).

import { memo, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocale } from './i18n/useLocale';
import './popover.css';
import './Toggletip.css';

/** `topic` (what the button is "About …") and the explanation come translated from the caller. */
function ToggletipView({ topic, children }: { topic: string; children: ReactNode }): ReactNode {
  const { t } = useLocale();
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
        aria-label={t('toggletip.about', { topic })}
        aria-expanded={open}
        aria-controls={bubbleId}
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      <span role="status" id={bubbleId} className={open ? 'toggletip-bubble popover' : 'toggletip-bubble'} data-open={open}>
        {open ? children : null}
      </span>
    </span>
  );
}

/** (memo: the texts seldom change, the panels around it re-render with each frame on screen) */
export const Toggletip = memo(ToggletipView);
