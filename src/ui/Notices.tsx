// The page's notices: the run's (dismissable one by one) and the link's corrections. Each list
// shows at most MAX_LISTED entries and then "… and N more", however many there are.

import type { ReactNode } from 'react';
import { MAX_LISTED, moreLine } from '../analysis/limited-list';
import type { Notice } from './run-store';

export function NoticeList({
  notices,
  onDismiss,
  onAction,
}: {
  notices: readonly Notice[];
  onDismiss: (id: number) => void;
  /** a notice's offered change of settings was chosen */
  onAction?: (n: Notice) => void;
}): ReactNode {
  if (notices.length === 0) return null;
  const more = moreLine(notices.length - MAX_LISTED);
  return (
    <div className="notices" data-testid="notices">
      {notices.slice(0, MAX_LISTED).map((n) => (
        <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>
            {n.text}
            {n.action && onAction ? (
              <>
                {' '}
                <button type="button" onClick={() => onAction(n)}>
                  {n.action.label}
                </button>
              </>
            ) : null}
            {n.details ? (
              <details>
                <summary>Details</summary>
                <code>{n.details}</code>
              </details>
            ) : null}
          </span>
          <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
      {more ? <div className="notice info small">{more}</div> : null}
    </div>
  );
}

/** What the URL asked for that could not be used as is (parseUrlState lists at most MAX_LISTED + "… and N more"). */
export function UrlNotice({ lines, onDismiss }: { lines: readonly string[]; onDismiss: () => void }): ReactNode {
  if (lines.length === 0) return null;
  const shown = lines.slice(0, MAX_LISTED + 1);
  return (
    <div className="notice warning" role="status" data-testid="url-notice">
      <div>
        <strong>Some settings in the link were corrected or ignored:</strong>
        <ul>
          {shown.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
