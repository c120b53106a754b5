// The page's header: the title, one line saying what the page shows, the tour's button (slot), the
// language switch and the status (epoch, state, backend, speeds).

import type { ReactNode } from 'react';
import type { Lang } from './i18n/languages';
import { useLocale } from './i18n/useLocale';
import { LanguageSwitch } from './LanguageSwitch';
import type { PlaybackStore } from './playback/playback-store';
import type { RunStore } from './run-store';
import { StatusBar } from './StatusBar';

export interface PageHeaderProps {
  readonly points: number;
  readonly store: RunStore;
  readonly playback: PlaybackStore;
  /** the tour's button (and its panel) */
  readonly tour?: ReactNode;
  readonly onLanguage: (lang: Lang) => void;
}

export function PageHeader({ points, store, playback, tour, onLanguage }: PageHeaderProps): ReactNode {
  const { t } = useLocale();
  return (
    <header className="top">
      <div className="title">
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline', { points })}</p>
        {tour}
        <LanguageSwitch onChange={onLanguage} />
      </div>
      <StatusBar store={store} playback={playback} />
    </header>
  );
}
