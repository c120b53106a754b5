// "Skip to chart": the page's first focusable element, shown when focused; it moves focus to the
// fit chart. It focuses the target itself instead of following a #hash, because the page keeps
// its own training points in the hash.

import type { ReactNode } from 'react';
import './SkipLink.css';

export const SKIP_LINK_TEXT = 'Skip to chart';

export function SkipLink({ target }: { target: string }): ReactNode {
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(e) => {
        e.preventDefault();
        const el = document.getElementById(target);
        if (!el) return;
        el.focus();
        el.scrollIntoView({ block: 'start' });
      }}
    >
      {SKIP_LINK_TEXT}
    </a>
  );
}
