// The page's notices: the run's (dismissable one by one) and the link's corrections. Each list
// shows at most MAX_LISTED entries and then "… and N more", however many there are. Notices that
// are messages (key + parameters) are shown in the page's language.

import type { ReactNode } from 'react';
import { MAX_LISTED, moreMessage } from '../analysis/limited-list';
import type { Message } from '../analysis/message';
import { useLocale } from './i18n/useLocale';
import { RawDetails } from './RawDetails';
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
  const { t, tm } = useLocale();
  if (notices.length === 0) return null;
  const more = moreMessage(notices.length - MAX_LISTED);
  return (
    <div className="notices" data-testid="notices">
      {notices.slice(0, MAX_LISTED).map((n) => (
        <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>
            {tm(n.text)}
            {n.action && onAction ? (
              <>
                {' '}
                <button type="button" onClick={() => onAction(n)}>
                  {tm(n.action.label)}
                </button>
              </>
            ) : null}
            <RawDetails details={n.details} />
          </span>
          <button type="button" className="dismiss" aria-label={t('notices.dismiss')} onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
      {more ? <div className="notice info small">{tm(more)}</div> : null}
    </div>
  );
}

/** What the URL asked for that could not be used as is (parseUrlState lists at most MAX_LISTED + "… and N more"). */
export function UrlNotice({ lines, onDismiss }: { lines: readonly Message[]; onDismiss: () => void }): ReactNode {
  const { t, tm } = useLocale();
  if (lines.length === 0) return null;
  const shown = lines.slice(0, MAX_LISTED + 1);
  return (
    <div className="notice warning" role="status" data-testid="url-notice">
      <div>
        <strong>{t('url.title')}</strong>
        <ul>
          {shown.map((l, i) => (
            <li key={i}>{tm(l)}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="dismiss" aria-label={t('notices.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
