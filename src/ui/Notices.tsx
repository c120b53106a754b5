import type { ReactNode } from 'react';
import type { Notice } from './run-store';

export function NoticeList({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }): ReactNode {
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** What the URL asked for that could not be used as is. */
export function UrlNotice({ lines, onDismiss }: { lines: readonly string[]; onDismiss: () => void }): ReactNode {
  if (lines.length === 0) return null;
  return (
    <div className="notice warning" role="status" data-testid="url-notice">
      <div>
        <strong>Some settings in the link were corrected:</strong>
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
