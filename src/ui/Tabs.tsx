// Tabs as the WAI-ARIA pattern has them: a tablist with one Tab stop (the selected tab; the
// others are reached with the arrow keys, Home and End, and selected as they get focus), and one
// tabpanel per tab. Every panel stays mounted (hidden when not selected), so a running job or a
// typed text survives a tab switch; panels that draw while playing check their own visibility.
// Controlled: the page owns the selected tab (the tour opens the one a step points into).

import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<Id extends string> {
  readonly id: Id;
  readonly label: string;
  readonly content: ReactNode;
}

export interface TabsProps<Id extends string> {
  /** the tablist's accessible name */
  readonly label: string;
  readonly tabs: readonly TabSpec<Id>[];
  readonly selected: Id;
  readonly onSelect: (id: Id) => void;
}

/** The tab a key press moves to from index `i` of `n` (null: the key does not move). */
export function tabIndexAfterKey(key: string, i: number, n: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (i + 1) % n;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (i - 1 + n) % n;
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return null;
  }
}

export function Tabs<Id extends string>({ label, tabs, selected, onSelect }: TabsProps<Id>): ReactNode {
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const tabId = (id: Id): string => `${base}-tab-${id}`;
  const panelId = (id: Id): string => `${base}-panel-${id}`;
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number): void => {
    const to = tabIndexAfterKey(e.key, i, tabs.length);
    const next = to === null ? undefined : tabs[to];
    if (to === null || !next) return;
    e.preventDefault();
    onSelect(next.id);
    buttons.current[to]?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={tabId(t.id)}
            aria-selected={t.id === selected}
            aria-controls={panelId(t.id)}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => onSelect(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={panelId(t.id)}
          aria-labelledby={tabId(t.id)}
          className="tabpanel"
          hidden={t.id !== selected}
          tabIndex={0}
          data-tab={t.id}
        >
          {t.content}
        </div>
      ))}
    </div>
  );
}
