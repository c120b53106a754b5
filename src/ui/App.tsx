// The playground page, composed: the URL holds the setting (useUrlSync), a worker computes runs
// (useTrainingSession), a playhead plays their frames (usePlayback), and setting changes reach
// the worker as "On change" and the backend's speed decide (useSettingsSender).

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SCHEMA, type PresetName, type Settings } from '../experiment/settings';
import type { TrainingPoints } from '../experiment/types';
import type { ChangeMode } from '../worker/protocol';
import { simulateBatchDeviceLoss, useBatchJob } from './batch-client';
import { seedBandCharts, seedBands } from './batch-state';
import { chartClientPoint, chartSnapshot } from './chart-setup';
import { mcBand } from './chart-data';
import type { ChangeHandler } from './Controls';
import { DataPanel } from './DataPanel';
import { currentFps } from './fps';
import { usePlayback } from './hooks/usePlayback';
import { useSelector } from './hooks/useSelector';
import { sliderMode, useSettingsSender } from './hooks/useSettingsSender';
import { useSliderDrag } from './hooks/useSliderDrag';
import { useTrainingSession } from './hooks/useTrainingSession';
import { useUrlSync } from './hooks/useUrlSync';
import { CheckpointsSection, ExportSection, FitSection, LossSection, WeightsSection } from './MoviePanels';
import { NoticeList, UrlNotice } from './Notices';
import { ParityPanel } from './ParityPanel';
import type { PlayheadState } from './playback/playhead';
import type { RunStore, RunView } from './run-store';
import { SeedsPanel } from './SeedsPanel';
import { SettingsPanel } from './SettingsPanel';
import { StatusBar, backendText } from './StatusBar';
import { SweepPanel } from './SweepPanel';
import { installTestHooks } from './test-hooks';
import { Transport } from './Transport';
import { applyChange, applyPreset, describeCorrection, roundPoints } from './url-state';

const selectPhase = (v: RunView) => v.phase;
const selectFatal = (v: RunView) => v.fatal;
const selectRun = (v: RunView) => v.run;
const selectNotices = (v: RunView) => v.notices;
const selectRunning = (v: RunView) => v.worker.running;
const selectFinished = (v: RunView) => v.worker.finished;
const selectDiverged = (v: RunView) => v.worker.allDiverged;
const selectCost = (v: RunView) => v.worker.cost;
const selectPreviewed = (v: RunView) => v.preview?.settings ?? null;
const selectMc = (v: RunView) => v.mc;
const selectData = (v: RunView) => v.current?.data ?? null;
const selectStatus = (s: PlayheadState) => s.status;
const selectSpeed = (s: PlayheadState) => s.speed;

export function App(): ReactNode {
  const url = useUrlSync();
  const { settings, setSettings, ownPoints, setOwnPoints } = url;
  const settingsRef = useRef(settings);
  const pointsRef = useRef(ownPoints);
  useEffect(() => {
    settingsRef.current = settings;
    pointsRef.current = ownPoints;
  }, [settings, ownPoints]);

  const { store, send, sent } = useTrainingSession(url.backend, () => ({ settings: settingsRef.current, points: pointsRef.current }));
  const playback = usePlayback(store);
  // what the page needs at its level (the panels that play subscribe to the stores themselves)
  const phase = useSelector(store, selectPhase);
  const fatal = useSelector(store, selectFatal);
  const runId = useSelector(store, selectRun);
  const notices = useSelector(store, selectNotices);
  const running = useSelector(store, selectRunning);
  const finished = useSelector(store, selectFinished);
  const allDiverged = useSelector(store, selectDiverged);
  const cost = useSelector(store, selectCost);
  const previewed = useSelector(store, selectPreviewed);
  const mcView = useSelector(store, selectMc);
  const data = useSelector(store, selectData);
  const status = useSelector(playback, selectStatus);
  const speed = useSelector(playback, selectSpeed);

  const [changeMode, setChangeMode] = useState<ChangeMode>('replay');
  const [compare, setCompare] = useState(true);
  const drag = useSliderDrag();
  const mode = sliderMode(cost);
  const playing = status === 'playing' || status === 'buffering';

  useSettingsSender({
    settings,
    send,
    playing,
    changeMode,
    epoch: () => playback.getSnapshot().epoch,
    dragging: drag.dragging,
    mode,
    previewed,
    onContinue: () => {
      const target = sent();
      playback.holdUntil((v) => v.commandsTaken >= target);
    },
  });
  // a drag that ended without a change leaves no preview behind
  useEffect(() => {
    if (!drag.dragging) store.clearPreview();
  }, [drag.dragging, store]);

  // the trainer computes while the playhead plays (and the run is not computed yet)
  useEffect(() => {
    if (playing && phase === 'ready' && !running && !finished && !allDiverged) send({ type: 'play' });
  }, [playing, running, finished, allDiverged, phase, send]);

  // Step: to the next checkpoint on the timeline (computed first when it is not there yet)
  const stepFrom = useRef<number | null>(null);
  useEffect(
    () =>
      store.subscribe(() => {
        const from = stepFrom.current;
        if (from === null) return;
        const i = nextCheckpointIndex(store.getSnapshot(), from);
        if (i >= 0) {
          playback.seek(i);
          stepFrom.current = null;
        } else if (store.getSnapshot().worker.finished) stepFrom.current = null;
      }),
    [store, playback],
  );
  const step = (): void => {
    const from = Math.max(0, playback.getSnapshot().epoch);
    const i = nextCheckpointIndex(store.getSnapshot(), from);
    if (i >= 0) playback.seek(i);
    else {
      stepFrom.current = from;
      send({ type: 'step' });
    }
  };

  const onChange: ChangeHandler = useCallback(
    (name, value) => {
      const { settings: next, corrections } = applyChange(settingsRef.current, name, value);
      for (const c of corrections) store.addNotice('info', describeCorrection(c));
      settingsRef.current = next;
      setSettings(next);
    },
    [store, setSettings],
  );

  /** Several settings at once (a sweep cell: dropout and weight decay). */
  const applyMany = useCallback(
    (changes: Partial<Settings>) => {
      let next = settingsRef.current;
      for (const [name, value] of Object.entries(changes) as [keyof Settings, Settings[keyof Settings]][]) {
        const r = applyChange(next, name, value);
        for (const c of r.corrections) store.addNotice('info', describeCorrection(c));
        next = r.settings;
      }
      settingsRef.current = next;
      setSettings(next);
    },
    [store, setSettings],
  );

  const onPreset = (preset: PresetName): void => {
    const next = applyPreset(settingsRef.current, preset);
    settingsRef.current = next;
    setSettings(next);
  };

  const newData = (): void => {
    const max = SCHEMA.seed.max;
    onChange('seed', settings.seed >= max ? 0 : settings.seed + 1);
  };

  const [editing, setEditing] = useState(false);
  const applyOwnPoints = useCallback(
    (points: TrainingPoints | null): void => {
      const used = points ? roundPoints(points) : null;
      setOwnPoints(used);
      send({ type: 'data', points: used });
    },
    [send, setOwnPoints],
  );

  const seeds = useBatchJob('seeds');
  const [showBands, setShowBands] = useState(true);
  const bands = useMemo(() => seedBands(seeds.state), [seeds.state]);
  const bandCharts = useMemo(() => (bands && showBands ? seedBandCharts(bands) : null), [bands, showBands]);
  const [mcOn, setMcOn] = useState(false);
  const [mcSamples, setMcSamples] = useState(32);
  // MC-dropout: fresh samples of the trainer's nets whenever it stops (and on every toggle)
  useEffect(() => {
    if (!mcOn || phase !== 'ready' || running) return;
    send({ type: 'mc-dropout', samples: mcSamples });
  }, [mcOn, mcSamples, runId, phase, running, finished, send]);
  const mainBands = useMemo(() => {
    const out = [...(bandCharts?.main ?? [])];
    if (mcOn && mcView) out.push(mcBand(mcView.gridX, mcView.predictions, 1));
    return out;
  }, [bandCharts, mcOn, mcView]);
  const mc = useMemo(
    () => ({ on: mcOn, setOn: setMcOn, samples: mcSamples, setSamples: setMcSamples, view: mcView }),
    [mcOn, mcSamples, mcView],
  );
  const loadCell = useCallback((dropout: number, weightDecay: number) => applyMany({ dropout, weightDecay }), [applyMany]);
  const clearOwn = useCallback(() => {
    setEditing(false);
    applyOwnPoints(null);
  }, [applyOwnPoints]);
  const useOwn = useCallback((x: number[], y: number[]) => applyOwnPoints({ x, y }), [applyOwnPoints]);

  useEffect(
    () =>
      installTestHooks(() => ({
        view: () => store.getSnapshot(),
        settings: () => settingsRef.current,
        playback: () => ({
          ...playback.playhead.state,
          epochs: store.getSnapshot().current?.epochs.slice(0, playback.playhead.state.frames) ?? [],
          arrivedTick: [...playback.playhead.arrivedTick],
          shownTick: [...playback.playhead.shownTick],
          ticks: playback.playhead.ticks,
        }),
        charts: () => ({ main: chartSnapshot('main'), loss: chartSnapshot('loss') }),
        fps: currentFps,
        simulateDeviceLoss: () => send({ type: 'simulate-device-loss' }),
        simulateBatchDeviceLoss,
        clientPoint: chartClientPoint,
      })),
    [store, playback, send],
  );

  const ready = phase === 'ready';
  const canStep = ready && (!finished || nextCheckpointIndex(store.getSnapshot(), Math.max(0, playback.getSnapshot().epoch)) >= 0);

  return (
    <div className="app">
      <header className="top">
        <div>
          <h1>Dropout Lab</h1>
          <p className="tagline">
            Two MLPs learn y = x + noise from {settings.points} points: a plain one over-fits, a regularized one (dropout, weight decay, L1)
            should not.
          </p>
        </div>
        <StatusBar store={store} playback={playback} sliderMode={mode} />
      </header>
      {status === 'ended' ? (
        <p className="notice info small" role="status" data-testid="finished-hint">
          The run is over. Press Play to watch it again, drag the Timeline to any epoch, or move a slider to replay the run with the new
          setting beside this one.
        </p>
      ) : null}

      <UrlNotice lines={url.notices} onDismiss={url.dismissNotices} />
      <NoticeList
        notices={notices}
        onDismiss={(id) => store.dismissNotice(id)}
        onAction={(n) => {
          store.dismissNotice(n.id);
          if (n.action) applyMany(n.action.settings);
        }}
      />
      {phase === 'fatal' ? (
        <div className="notice error" role="alert" data-testid="fatal">
          Training cannot run: {fatal}. <a href={window.location.href}>Reload</a>
        </div>
      ) : null}

      <div className="layout">
        <SettingsPanel
          settings={settings}
          onChange={onChange}
          onPreset={onPreset}
          backend={url.backend}
          onBackend={url.setBackend}
          dragBind={drag.bind}
        >
          <Transport
            ready={ready}
            status={status}
            canStep={canStep}
            everyEpochs={settings.every}
            onPlay={() => {
              playback.play();
              if (!finished) send({ type: 'play' });
            }}
            onPause={() => {
              playback.pause();
              send({ type: 'pause' });
            }}
            onStep={step}
            onReset={() => send({ type: 'reset' })}
            onNewData={newData}
            speed={speed}
            onSpeed={(s) => playback.setSpeed(s)}
            changeMode={changeMode}
            onChangeMode={setChangeMode}
            compare={compare}
            onCompare={setCompare}
          />
        </SettingsPanel>

        <main className="charts">
          <FitSection
            store={store}
            playback={playback}
            compare={compare}
            bands={mainBands}
            mc={mc}
            editing={editing}
            onEditing={setEditing}
            onEditPoints={applyOwnPoints}
          />
          <LossSection store={store} playback={playback} compare={compare} bands={bandCharts?.loss} />
          <CheckpointsSection store={store} />
          <section className="panel" aria-labelledby="data-title">
            <h2 id="data-title">Own data</h2>
            <DataPanel ownPoints={ownPoints?.x.length ?? null} editing={editing} onEditing={setEditing} onUse={useOwn} onClear={clearOwn} />
          </section>
          <section className="panel" aria-labelledby="seeds-title">
            <h2 id="seeds-title">Seed bands</h2>
            <SeedsPanel
              handle={seeds}
              bands={bands}
              settings={settings}
              preference={url.backend}
              data={data}
              show={showBands}
              onShow={setShowBands}
            />
          </section>
          <section className="panel" aria-labelledby="sweep-title">
            <h2 id="sweep-title">Grid sweep: dropout × weight decay</h2>
            <SweepPanel settings={settings} preference={url.backend} data={data} onLoad={loadCell} />
          </section>
          <WeightsSection store={store} playback={playback} />
          <ExportSection store={store} playback={playback} settings={settings} />
          <section className="panel" aria-labelledby="parity-title">
            <h2 id="parity-title">Parity with PyTorch</h2>
            <ParityPanel preference={url.backend} />
          </section>
          <footer className="muted small">
            Backend: <BackendName store={store} />. Everything runs in this browser; the link in the address bar reproduces this run.
          </footer>
        </main>
      </div>
    </div>
  );
}

/** Index of the first checkpoint frame after epoch `after` on the current run's timeline (-1: none yet). */
function nextCheckpointIndex(view: RunView, after: number): number {
  return view.current ? view.current.frames.findIndex((f) => f.checkpoint && f.epoch > after) : -1;
}

const selectView = (v: RunView) => v;

function BackendName({ store }: { store: RunStore }): ReactNode {
  const view = useSelector(store, selectView);
  return <>{backendText(view)}</>;
}
