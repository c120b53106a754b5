// The guided tour: a "Tour" button and, while open, a non-modal panel with the step's title and
// sentences, Back / Next, and Skip (also Escape). Entering a step asks the page to apply its
// settings (onApply) and marks the element it points at (`data-tour-active` on the element with
// its `data-tour` name, scrolled into view; one that is not on the page yet, e.g. the dropout
// diagram before the new run's settings arrive, is marked once it appears). The panel floats on the
// side away from the target (data-dock). Focus moves to the step's heading when a step opens, and
// back to the Tour button when the tour closes. The page owns the step (it is in the link:
// `?tour=3`), so the component is controlled: `step` in, `onStep` out.

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import { TOUR_LENGTH, TOUR_TEXT, tourStep, type TourStep } from './tour-steps';

export interface TourProps {
  /** the open step (1…TOUR_LENGTH), or null while the tour is closed */
  readonly step: number | null;
  /** open the tour at a step, move to another, or close it (null) */
  readonly onStep: (step: number | null) => void;
  /** set the page up for a step (e.g. setSettings(applyTourPatch(settings, patch))) */
  readonly onApply: (patch: Partial<Settings>, step: TourStep) => void;
}

export type Dock = 'left' | 'right';

/** The side of the viewport the panel floats on: away from the target's centre. */
function dockAwayFrom(el: Element): Dock {
  const r = el.getBoundingClientRect();
  return r.left + r.width / 2 < 0.55 * window.innerWidth ? 'right' : 'left';
}

/** Marks the step's target element while the step is shown (once it is on the page); says where the panel goes. */
function useTarget(target: string | null): Dock {
  const [dock, setDock] = useState<Dock>('right');
  useEffect(() => {
    if (target === null || typeof document === 'undefined') return;
    let marked: Element | null = null;
    const mark = (): boolean => {
      const el = document.querySelector(`[data-tour="${target}"]`);
      if (!el) return false;
      marked = el;
      el.setAttribute('data-tour-active', '');
      el.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
      setDock(dockAwayFrom(el));
      return true;
    };
    const observer = mark() ? null : new MutationObserver(() => mark() && observer?.disconnect());
    observer?.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer?.disconnect();
      marked?.removeAttribute('data-tour-active');
    };
  }, [target]);
  return dock;
}

export function Tour({ step, onStep, onApply }: TourProps): ReactNode {
  const current = step === null ? null : tourStep(step);
  const n = current ? (step as number) : null;
  const panelId = useId();
  const titleId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasOpen = useRef(false);
  const dock = useTarget(current?.target ?? null);

  // focus: the heading of each step shown, the Tour button once the tour closes
  useEffect(() => {
    if (n !== null) heading.current?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = n !== null;
  }, [n]);

  const go = (to: number | null): void => {
    const next = to === null ? null : tourStep(to);
    if (next) onApply(next.patch, next);
    onStep(next ? to : null);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="tour-open"
        aria-expanded={n !== null}
        aria-controls={n !== null ? panelId : undefined}
        onClick={() => go(n === null ? 1 : null)}
      >
        {TOUR_TEXT.open}
      </button>
      {current && n !== null ? (
        <section
          id={panelId}
          className="tour"
          role="region"
          aria-labelledby={titleId}
          data-testid="tour"
          data-step={n}
          data-target={current.target}
          data-dock={dock}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              go(null);
            }
          }}
        >
          <p className="muted small">{TOUR_TEXT.stepOf(n)}</p>
          <h2 id={titleId} ref={heading} tabIndex={-1}>
            {current.title}
          </h2>
          {current.body.map((sentence, i) => (
            <p key={i} className="small">
              {sentence}
            </p>
          ))}
          {current.followUp ? (
            <p>
              <button type="button" onClick={() => current.followUp && onApply(current.followUp.patch, current)}>
                {current.followUp.label}
              </button>
            </p>
          ) : null}
          <p className="small">
            {current.links.map((l, i) => (
              <span key={l}>
                {i > 0 ? ' · ' : null}
                <a href={TOUR_TEXT.urls[l]} target="_blank" rel="noopener noreferrer">
                  {TOUR_TEXT.links[l]}
                </a>
              </span>
            ))}
          </p>
          <div className="tour-nav">
            <button type="button" disabled={n <= 1} onClick={() => go(n - 1)}>
              {TOUR_TEXT.back}
            </button>
            <button type="button" className="primary" onClick={() => go(n < TOUR_LENGTH ? n + 1 : null)}>
              {n < TOUR_LENGTH ? TOUR_TEXT.next : TOUR_TEXT.finish}
            </button>
            <button type="button" onClick={() => go(null)}>
              {TOUR_TEXT.close}
            </button>
          </div>
        </section>
      ) : null}
    </>
  );
}
