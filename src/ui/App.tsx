// The playground page, composed: the URL holds the setting (useUrlSync), a worker computes runs
// (useTrainingSession), a playhead plays their frames (usePlayback), and setting changes reach
// the worker as "On change" and the backend's speed decide (useRunControls). The first screen
// holds the transport, the lesson's sliders, the charts and the results table; the dropout diagram
// follows it while the regularized net drops units; everything else sits in tabs below. The
// guided tour (useTour) opens from the header and sets the page up step by step.

import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useBands } from './hooks/useBands';
import { usePageSettings, useOwnPoints } from './hooks/usePageSettings';
import { usePageTestHooks } from './hooks/usePageTestHooks';
import { usePlayback } from './hooks/usePlayback';
import { useRunControls } from './hooks/useRunControls';
import { useSelector } from './hooks/useSelector';
import { usePageLanguage } from './hooks/usePageLanguage';
import { useTour } from './hooks/useTour';
import { useTrainingSession } from './hooks/useTrainingSession';
import { useUrlSync } from './hooks/useUrlSync';
import { useLocale } from './i18n/useLocale';
import { Announcer } from './Announcer';
import { FIT_CHART_ID } from './FitPanel';
import { DEFAULT_LAB_TAB, LabTabs, type LabTab } from './LabTabs';
import { DiagramSection, ResultsSection } from './LessonPanels';
import { FitSection, LossSection } from './MoviePanels';
import { PageHeader } from './PageHeader';
import { PageNotices } from './PageNotices';
import { RunStore, type RunView } from './run-store';
import { SettingsPanel } from './SettingsPanel';
import { SkipLink } from './SkipLink';
import { backendLabel } from './StatusBar';
import { Tour } from './Tour';
import { TransportSection } from './TransportSection';
import { isPlaying } from './playback/playhead';

const selectData = (v: RunView) => v.current?.data ?? null;
const selectView = (v: RunView) => v;

export function App(): ReactNode {
  const url = useUrlSync();
  usePageLanguage(url.lang);
  const store = useMemo(() => new RunStore(), []);
  const page = usePageSettings(url, store);
  const session = useTrainingSession(store, url.backend, page.latest);
  const playback = usePlayback(store);
  const controls = useRunControls(store, playback, session, page.settings);
  const own = useOwnPoints(url, session.send);
  const bands = useBands(store, session.send);
  const data = useSelector(store, selectData);
  const [tab, setTab] = useState<LabTab>(DEFAULT_LAB_TAB);
  const tour = useTour(url, page.applyMany, setTab);
  const { latest } = page;
  const settingsNow = useCallback(() => latest().settings, [latest]);
  usePageTestHooks(store, playback, session.send, settingsNow);
  const { settings } = page;
  const { t } = useLocale();

  return (
    <div className="app">
      <SkipLink target={FIT_CHART_ID} />
      <Announcer store={store} playback={playback} />
      <PageHeader
        points={settings.points}
        store={store}
        playback={playback}
        onLanguage={url.setLang}
        tour={<Tour step={tour.step} onStep={tour.onStep} onApply={tour.onApply} />}
      />
      <PageNotices store={store} playback={playback} url={url} onAction={page.applyMany} />
      <main className="stage">
        <SettingsPanel
          settings={settings}
          onChange={page.onChange}
          onPreset={page.onPreset}
          backend={url.backend}
          onBackend={url.setBackend}
          dragBind={controls.drag.bind}
        >
          <TransportSection store={store} playback={playback} controls={controls} everyEpochs={settings.every} onNewData={page.newData} />
        </SettingsPanel>
        <div className="fit-area" data-tour="fit-chart">
          <FitSection store={store} playback={playback} compare={controls.compare} bands={bands.main} mc={bands.mc} points={own} />
        </div>
        <div className="loss-area">
          <LossSection store={store} playback={playback} compare={controls.compare} bands={bands.loss} />
        </div>
        <ResultsSection store={store} playback={playback} seeds={bands.seedEvidence} />
      </main>
      <DiagramSection store={store} playback={playback} />
      <section className="lab" aria-label={t('tabs.list')}>
        <LabTabs
          selected={tab}
          onSelect={setTab}
          store={store}
          playback={playback}
          settings={settings}
          backend={url.backend}
          data={data}
          ownPointCount={url.ownPoints?.x.length ?? null}
          own={own}
          bands={bands}
          applyMany={page.applyMany}
          cellChange={() => (isPlaying(playback.getSnapshot()) && controls.changeMode === 'continue' ? 'continue' : 'replay')}
        />
      </section>
      <footer className="muted small">
        <Footer store={store} />
      </footer>
    </div>
  );
}

function Footer({ store }: { store: RunStore }): ReactNode {
  const view = useSelector(store, selectView);
  const { t } = useLocale();
  return <>{t('app.footer', { backend: backendLabel(t, view) })}</>;
}
