// The page's header: the title, one line saying what the page shows, the tour's button (slot) and
// the status (epoch, state, backend, speeds).

import type { ReactNode } from 'react';
import type { SliderMode } from './hooks/useSettingsSender';
import type { PlaybackStore } from './playback/playback-store';
import type { RunStore } from './run-store';
import { StatusBar } from './StatusBar';

export const HEADER_TEXT = {
  title: 'Dropout Lab',
  tagline: (points: number) =>
    `Two MLPs learn y = x + noise from ${points} points: a plain one over-fits, a regularized one (dropout, weight decay, L1) should not.`,
} as const;

export interface PageHeaderProps {
  readonly points: number;
  readonly store: RunStore;
  readonly playback: PlaybackStore;
  readonly sliderMode: SliderMode;
  /** the tour's button (and its panel) */
  readonly tour?: ReactNode;
}

export function PageHeader({ points, store, playback, sliderMode, tour }: PageHeaderProps): ReactNode {
  return (
    <header className="top">
      <div className="title">
        <h1>{HEADER_TEXT.title}</h1>
        <p className="tagline">{HEADER_TEXT.tagline(points)}</p>
        {tour}
      </div>
      <StatusBar store={store} playback={playback} sliderMode={sliderMode} />
    </header>
  );
}
