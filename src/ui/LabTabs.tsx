// Everything beyond the first screen, as tabs: the checkpoints' film-strip, own data, seed bands,
// the grid sweep, the weights, the exports and parity with PyTorch. Each tab's content is the
// panel that was there before; the page owns which tab is open.

import { useCallback, type ReactNode } from 'react';
import type { Settings } from '../experiment/settings';
import type { Dataset } from '../experiment/types';
import type { BackendPreference } from '../experiment/backend-choice';
import type { ChangeMode } from '../worker/protocol';
import { DataPanel } from './DataPanel';
import type { Bands } from './hooks/useBands';
import type { OwnPointsEditing } from './hooks/usePageSettings';
import { CheckpointsSection, ExportSection, WeightsSection } from './MoviePanels';
import { PanelTitle } from './PanelTitle';
import { ParityPanel } from './ParityPanel';
import type { PlaybackStore } from './playback/playback-store';
import type { RunStore } from './run-store';
import { SeedsPanel } from './SeedsPanel';
import { SweepPanel } from './SweepPanel';
import { Tabs } from './Tabs';
import { useLocale } from './i18n/useLocale';

export const LAB_TABS = ['checkpoints', 'data', 'seeds', 'sweep', 'weights', 'export', 'parity'] as const;
export type LabTab = (typeof LAB_TABS)[number];
export const DEFAULT_LAB_TAB: LabTab = 'checkpoints';

/** The tab that holds an element the tour points at (`data-tour`), if a tab holds it. */
export function labTabOfTarget(target: string): LabTab | null {
  return target === 'weights' || target === 'seeds' ? target : null;
}

export interface LabTabsProps {
  readonly selected: LabTab;
  readonly onSelect: (tab: LabTab) => void;
  readonly store: RunStore;
  readonly playback: PlaybackStore;
  readonly settings: Settings;
  readonly backend: BackendPreference;
  /** the current run's data (what the batch jobs train on) */
  readonly data: Dataset | null;
  readonly ownPointCount: number | null;
  readonly own: OwnPointsEditing;
  readonly bands: Bands;
  /** loads a sweep cell's setting */
  readonly applyMany: (changes: Partial<Settings>) => void;
  /** what loading a cell does to the run now: a replay, or a continue (playing with "Continue from here") */
  readonly cellChange: () => ChangeMode;
}

export function LabTabs(p: LabTabsProps): ReactNode {
  const { applyMany, cellChange } = p;
  const loadCell = useCallback(
    (dropout: number, weightDecay: number): ChangeMode => {
      applyMany({ dropout, weightDecay });
      return cellChange();
    },
    [applyMany, cellChange],
  );
  const { t } = useLocale();
  const content: Record<LabTab, ReactNode> = {
    checkpoints: <CheckpointsSection store={p.store} />,
    data: (
      <section className="panel" aria-labelledby="data-title">
        <h2 id="data-title">{t('panel.ownData')}</h2>
        <DataPanel
          ownPoints={p.ownPointCount}
          editing={p.own.editing}
          onEditing={p.own.setEditing}
          onUse={p.own.use}
          onClear={p.own.clear}
        />
      </section>
    ),
    seeds: (
      <section className="panel" aria-labelledby="seeds-title" data-tour="seeds">
        <PanelTitle id="seeds-title" topic={t('topic.chart.seeds')} help={t('explain.chart.seeds')}>
          {t('panel.seeds')}
        </PanelTitle>
        <SeedsPanel
          handle={p.bands.seeds}
          bands={p.bands.seedBands}
          settings={p.settings}
          preference={p.backend}
          data={p.data}
          show={p.bands.show}
          onShow={p.bands.setShow}
        />
      </section>
    ),
    sweep: (
      <section className="panel" aria-labelledby="sweep-title">
        <PanelTitle id="sweep-title" topic={t('topic.chart.sweep')} help={t('explain.chart.sweep')}>
          {t('panel.sweep')}
        </PanelTitle>
        <SweepPanel settings={p.settings} preference={p.backend} data={p.data} onLoad={loadCell} />
      </section>
    ),
    weights: (
      <div data-tour="weights">
        <WeightsSection store={p.store} playback={p.playback} />
      </div>
    ),
    export: <ExportSection store={p.store} playback={p.playback} settings={p.settings} />,
    parity: (
      <section className="panel" aria-labelledby="parity-title">
        <PanelTitle id="parity-title" topic={t('topic.chart.parity')} help={t('explain.chart.parity')}>
          {t('panel.parity')}
        </PanelTitle>
        <ParityPanel preference={p.backend} />
      </section>
    ),
  };
  return (
    <Tabs
      label={t('tabs.list')}
      tabs={LAB_TABS.map((id) => ({ id, label: t(`tabs.${id}`), content: content[id] }))}
      selected={p.selected}
      onSelect={p.onSelect}
    />
  );
}
