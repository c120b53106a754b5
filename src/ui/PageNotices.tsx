// What the page tells above its panels: the run is over (and what to do next), the link's
// corrections, the run's notices, and a fatal error.

import type { ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import { useSelector } from './hooks/useSelector';
import { useLocale } from './i18n/useLocale';
import { RawDetails } from './RawDetails';
import type { UrlSync } from './hooks/useUrlSync';
import { NoticeList, UrlNotice } from './Notices';
import type { PlaybackStore } from './playback/playback-store';
import type { PlayheadState } from './playback/playhead';
import type { RunStore, RunView } from './run-store';

const selectNotices = (v: RunView) => v.notices;
const selectPhase = (v: RunView) => v.phase;
const selectFatal = (v: RunView) => v.fatal;
const selectEnded = (s: PlayheadState) => s.status === 'ended';

export function PageNotices({
  store,
  playback,
  url,
  onAction,
}: {
  store: RunStore;
  playback: PlaybackStore;
  url: UrlSync;
  /** a notice's offered change of settings was chosen (e.g. the largest run that fits the memory) */
  onAction: (settings: Partial<Settings>) => void;
}): ReactNode {
  const { t, tm } = useLocale();
  const notices = useSelector(store, selectNotices);
  const phase = useSelector(store, selectPhase);
  const fatal = useSelector(store, selectFatal);
  const ended = useSelector(playback, selectEnded);
  return (
    <div className="page-notices">
      {ended ? (
        <p className="notice info small" role="status" data-testid="finished-hint">
          {t('app.finishedHint')}
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
          {t('app.fatal', { reason: fatal === null ? '' : tm(fatal.message) })} <a href={window.location.href}>{t('app.reload')}</a>
          <RawDetails details={fatal?.details} />
        </div>
      ) : null}
    </div>
  );
}
