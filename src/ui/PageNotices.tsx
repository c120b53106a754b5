// What the page tells above its panels: the run is over (and what to do next), the link's
// corrections, the run's notices, and a fatal error.

import type { ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import { useSelector } from './hooks/useSelector';
import type { UrlSync } from './hooks/useUrlSync';
import { NoticeList, UrlNotice } from './Notices';
import type { PlayStatus } from './playback/playhead';
import type { RunStore, RunView } from './run-store';

export const NOTICES_TEXT = {
  // true to the movie: Play replays, a longer run replays to its new end
  finished:
    'Run finished: press Play to watch it again, raise Epochs to train further (the run replays to the new end), drag the Timeline to any epoch, or move a slider to replay the run with the new setting beside this one.',
  fatal: (why: string) => `Training cannot run. ${why} `,
  reload: 'Reload',
} as const;

const selectNotices = (v: RunView) => v.notices;
const selectPhase = (v: RunView) => v.phase;
const selectFatal = (v: RunView) => v.fatal;

export function PageNotices({
  store,
  status,
  url,
  onAction,
}: {
  store: RunStore;
  status: PlayStatus;
  url: UrlSync;
  /** a notice's offered change of settings was chosen (e.g. the largest run that fits the memory) */
  onAction: (settings: Partial<Settings>) => void;
}): ReactNode {
  const notices = useSelector(store, selectNotices);
  const phase = useSelector(store, selectPhase);
  const fatal = useSelector(store, selectFatal);
  return (
    <div className="page-notices">
      {status === 'ended' ? (
        <p className="notice info small" role="status" data-testid="finished-hint">
          {NOTICES_TEXT.finished}
        </p>
      ) : null}
      <UrlNotice lines={url.notices} onDismiss={url.dismissNotices} />
      <NoticeList
        notices={notices}
        onDismiss={(id) => store.dismissNotice(id)}
        onAction={(n) => {
          store.dismissNotice(n.id);
          if (n.action) onAction(n.action.settings);
        }}
      />
      {phase === 'fatal' ? (
        <div className="notice error" role="alert" data-testid="fatal">
          {NOTICES_TEXT.fatal(fatal?.message ?? '')}
          <a href={window.location.href}>{NOTICES_TEXT.reload}</a>
          {fatal?.details ? (
            <details>
              <summary>Details</summary>
              <code>{fatal.details}</code>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
