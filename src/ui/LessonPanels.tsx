// The lesson's panels that follow the playhead: the results table (train MSE, test MSE and the gap
// of both nets at the frame on screen, its caption's verdict from the Seeds job's bands when they
// are for this setting) and the live dropout diagram (the mask of the update at the epoch on
// screen). Each subscribes to the run and playback stores itself; while playing they redraw at most
// a few times a second, as the loss chart does.

import { useMemo, type ReactNode } from 'react';
import type { SeedEvidence } from '../analysis/generalisation';
import { DropoutDiagram } from './DropoutDiagram';
import { useSelector } from './hooks/useSelector';
import { useLocale } from './i18n/useLocale';
import { usePanelEpoch, usePanelView } from './hooks/usePanelView';
import type { PlaybackStore } from './playback/playback-store';
import { resultsInputOf, trainingPointsOf } from './results-input';
import { ResultsTable } from './ResultsTable';
import { frameAtOrBefore, type RunStore, type RunView } from './run-store';

/** the settings the current run trains with now (a "continue" change replaces them) */
const selectApplied = (v: RunView) => v.current?.appliedSettings ?? null;
const selectRows = (v: RunView) => v.current?.data.x.length ?? 0;

export interface LessonPanelProps {
  readonly store: RunStore;
  readonly playback: PlaybackStore;
}

export function ResultsSection({ store, playback, seeds }: LessonPanelProps & { readonly seeds: SeedEvidence | null }): ReactNode {
  const { t } = useLocale();
  const { view, epoch } = usePanelView(store, playback);
  const run = view.current;
  const frame = view.preview?.frame ?? frameAtOrBefore(run, epoch);
  const settings = view.preview?.settings ?? run?.appliedSettings ?? null;
  const data = run?.data ?? null;
  const input = useMemo(
    () => (frame && settings && data ? resultsInputOf(frame, settings, trainingPointsOf(data), seeds) : null),
    [frame, settings, data, seeds],
  );
  return (
    <section className="panel results-area" aria-label={t('results.aria')} data-tour="results-table">
      {input ? <ResultsTable input={input} /> : <p className="muted small">{t('results.noResults')}</p>}
    </section>
  );
}

/** The diagram of the regularized net's dropout, shown while its dropout rate is above 0. */
export function DiagramSection({ store, playback }: LessonPanelProps): ReactNode {
  const { t } = useLocale();
  const settings = useSelector(store, selectApplied);
  const rows = useSelector(store, selectRows);
  const epoch = usePanelEpoch(playback);
  if (!settings || settings.dropout <= 0 || rows === 0) return null;
  return (
    <section className="panel diagram-area" aria-label={t('diagram.aria')} data-tour="dropout-diagram">
      <DropoutDiagram settings={settings} epoch={epoch} rows={rows} />
    </section>
  );
}
