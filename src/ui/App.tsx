// The playground page: controls, status, charts, film-strip. Settings live in the URL; training
// runs in a Web Worker that sends one checkpoint per `every` epochs.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { SCHEMA, defaultSettings, type PresetName, type Settings } from '../experiment/settings';
import type { TrainingPoints } from '../experiment/types';
import { startTrainingWorker, type TrainingClient } from '../worker/client';
import { diffSettings } from '../worker/settings-diff';
import { chartClientPoint, chartSnapshot } from './chart-setup';
import { formatLoss, netColor } from './chart-data';
import { ChoiceControl, ControlGroup, NumberControl, SliderControl, type ChangeHandler } from './Controls';
import { DataPanel } from './DataPanel';
import { ExportPanel } from './ExportPanel';
import { FilmStrip } from './FilmStrip';
import { currentFps } from './fps';
import { LossChart } from './LossChart';
import { MainChart } from './MainChart';
import { NoticeList, UrlNotice } from './Notices';
import { RunStore } from './run-store';
import { StatusBar, backendText } from './StatusBar';
import { SweepPanel } from './SweepPanel';
import { SeedsPanel } from './SeedsPanel';
import { ParityPanel } from './ParityPanel';
import { simulateBatchDeviceLoss, useBatchJob } from './batch-client';
import { seedBandCharts, seedBands } from './batch-state';
import { mcBand } from './chart-data';
import { WeightsPanel } from './WeightsPanel';
import { installTestHooks } from './test-hooks';
import {
  DEFAULT_BACKEND,
  applyChange,
  applyPreset,
  backendPreferenceOf,
  buildLink,
  describeCorrection,
  matchesPreset,
  parseUrlState,
  roundPoints,
  type BackendPreference,
  type UrlState,
} from './url-state';

/** Debounce for settings that restart the run (a dragged "Hidden units" slider restarts once). */
const RESET_DEBOUNCE_MS = 250;

function readUrl(): UrlState {
  try {
    return parseUrlState(window.location.search, window.location.hash);
  } catch (e) {
    return {
      settings: defaultSettings(),
      backend: DEFAULT_BACKEND,
      points: null,
      corrections: [],
      pointWarning: null,
      notices: [`The link could not be read (${String(e)}); using the defaults.`],
    };
  }
}

function writeUrl(settings: Settings, backend: BackendPreference, points: TrainingPoints | null): void {
  const url = `${window.location.pathname}${buildLink(settings, backend, points)}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, '', url);
}

const PRESET_BUTTONS: { preset: PresetName; label: string }[] = [
  { preset: 'tutorial', label: 'Tutorial' },
  { preset: 'strong-overfitting', label: 'Strong over-fitting' },
];

export function App(): ReactNode {
  const [initial] = useState(readUrl);
  const [settings, setSettings] = useState<Settings>(initial.settings);
  const [backendPref, setBackendPref] = useState<BackendPreference>(initial.backend);
  const [urlNotice, setUrlNotice] = useState<readonly string[]>(initial.notices);
  const store = useMemo(() => new RunStore(), []);
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const clientRef = useRef<TrainingClient | null>(null);
  /** own training points (CSV, chart edits, the link), rounded as the link holds them */
  const [ownPoints, setOwnPoints] = useState<TrainingPoints | null>(initial.points);
  /** the same, for a new worker */
  const ownPointsRef = useRef<TrainingPoints | null>(ownPoints);
  const sentRef = useRef<Settings>(initial.settings);
  const settingsRef = useRef<Settings>(initial.settings);
  // The refs follow the state once it is committed, before any effect or handler reads them.
  useLayoutEffect(() => {
    ownPointsRef.current = ownPoints;
    settingsRef.current = settings;
  }, [ownPoints, settings]);

  // One worker per backend preference.
  useEffect(() => {
    const client = startTrainingWorker(
      settingsRef.current,
      backendPref,
      (msg) => store.handle(msg),
      (message) => store.setFatal(message),
    );
    client.send({ type: 'watch-weights', on: true });
    if (ownPointsRef.current) client.send({ type: 'data', points: ownPointsRef.current });
    sentRef.current = settingsRef.current;
    clientRef.current = client;
    return () => {
      client.terminate();
      if (clientRef.current === client) clientRef.current = null;
    };
  }, [backendPref, store]);

  // The URL always shows the current state, own points included.
  useEffect(() => writeUrl(settings, backendPref, ownPoints), [settings, backendPref, ownPoints]);

  // The worker gets every change (shape changes debounced).
  useEffect(() => {
    const diff = diffSettings(sentRef.current, settings);
    if (diff.live.length === 0 && diff.reset.length === 0) return;
    const send = (): void => {
      sentRef.current = settings;
      clientRef.current?.send({ type: 'settings', settings });
    };
    if (diff.reset.length === 0) {
      send();
      return;
    }
    const timer = setTimeout(send, RESET_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [settings, backendPref]);

  useEffect(
    () =>
      installTestHooks(() => ({
        view: () => store.getSnapshot(),
        settings: () => settingsRef.current,
        charts: () => ({ main: chartSnapshot('main'), loss: chartSnapshot('loss') }),
        fps: currentFps,
        simulateDeviceLoss: () => clientRef.current?.send({ type: 'simulate-device-loss' }),
        simulateBatchDeviceLoss,
        clientPoint: chartClientPoint,
      })),
    [store],
  );

  const onChange: ChangeHandler = useCallback(
    (name, value) => {
      const { settings: next, corrections } = applyChange(settingsRef.current, name, value);
      for (const c of corrections) store.addNotice('info', describeCorrection(c));
      setSettings(next);
    },
    [store],
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
    [store],
  );

  const send = (type: 'play' | 'pause' | 'step' | 'reset'): void => {
    if (type === 'play' || type === 'step') store.notePlayRequested();
    clientRef.current?.send({ type });
  };

  const newData = (): void => {
    const max = SCHEMA.seed.max;
    onChange('seed', settings.seed >= max ? 0 : settings.seed + 1);
  };

  const seeds = useBatchJob('seeds');
  const [editing, setEditing] = useState(false);
  const applyOwnPoints = (points: TrainingPoints | null): void => {
    const used = points ? roundPoints(points) : null;
    setOwnPoints(used);
    clientRef.current?.send({ type: 'data', points: used });
  };
  const [showBands, setShowBands] = useState(true);
  const bands = useMemo(() => seedBands(seeds.state), [seeds.state]);
  const bandCharts = useMemo(() => (bands && showBands ? seedBandCharts(bands) : null), [bands, showBands]);
  const [mcOn, setMcOn] = useState(false);
  const [mcSamples, setMcSamples] = useState(32);
  const latestEpoch = view.latest?.epoch ?? -1;
  // MC-dropout: fresh samples at every checkpoint while the toggle is on
  useEffect(() => {
    if (!mcOn || latestEpoch < 0) return;
    clientRef.current?.send({ type: 'mc-dropout', samples: mcSamples });
  }, [mcOn, mcSamples, latestEpoch, view.run]);
  const mainBands = useMemo(() => {
    const out = [...(bandCharts?.main ?? [])];
    if (mcOn && view.mc) out.push(mcBand(view.mc.gridX, view.mc.predictions, 1));
    return out;
  }, [bandCharts, mcOn, view.mc]);

  const ready = view.phase === 'ready';
  const canTrain = ready && !view.finished;
  const animationMs =
    view.running && view.checkpointIntervalMs !== null ? Math.max(0, Math.min(400, view.checkpointIntervalMs * 0.7)) : 400;
  const divergence = view.series.filter((s) => s.divergedAt !== null);
  const slider = (name: Parameters<typeof SliderControl>[0]['name']): ReactNode => (
    <SliderControl name={name} settings={settings} onChange={onChange} />
  );
  const number = (name: Parameters<typeof NumberControl>[0]['name']): ReactNode => (
    <NumberControl name={name} settings={settings} onChange={onChange} />
  );
  const choice = (name: Parameters<typeof ChoiceControl>[0]['name']): ReactNode => (
    <ChoiceControl name={name} settings={settings} onChange={onChange} />
  );

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
        <StatusBar view={view} totalEpochs={settings.epochs} />
      </header>

      <UrlNotice lines={urlNotice} onDismiss={() => setUrlNotice([])} />
      <NoticeList notices={view.notices} onDismiss={(id) => store.dismissNotice(id)} />
      {view.phase === 'fatal' ? (
        <div className="notice error" role="alert" data-testid="fatal">
          Training cannot run: {view.fatal}. <a href={window.location.href}>Reload</a>
        </div>
      ) : null}

      <div className="layout">
        <aside className="controls" aria-label="Controls">
          <div className="transport">
            <button
              type="button"
              className="primary"
              disabled={!(view.running || canTrain)}
              onClick={() => send(view.running ? 'pause' : 'play')}
            >
              {view.running ? 'Pause' : 'Play'}
            </button>
            <button
              type="button"
              disabled={!canTrain || view.running}
              onClick={() => send('step')}
              title={`train ${settings.every} epochs`}
            >
              Step
            </button>
            <button type="button" disabled={!ready} onClick={() => send('reset')}>
              Reset
            </button>
            <button type="button" disabled={!ready} onClick={newData} title="new noise draw (next seed)">
              New data
            </button>
          </div>
          <div className="presets" role="group" aria-label="Presets">
            <span className="presets-label">Presets</span>
            {PRESET_BUTTONS.map((p) => (
              <button
                key={p.preset}
                type="button"
                aria-pressed={settings.preset === p.preset}
                onClick={() => setSettings(applyPreset(settingsRef.current, p.preset))}
              >
                {p.label}
              </button>
            ))}
            {settings.preset === 'custom' || !matchesPreset(settings) ? <span className="muted small">(modified)</span> : null}
          </div>

          <ControlGroup title="Regularization (regularized net)">
            {slider('dropout')}
            {choice('convention')}
            {slider('weightDecay')}
            {slider('l1')}
          </ControlGroup>
          <ControlGroup title="Optimization">
            {choice('optimizer')}
            {slider('lrPlain')}
            {slider('lrRegularized')}
            {settings.optimizer === 'sgd' ? slider('momentum') : null}
          </ControlGroup>
          <ControlGroup title="Network">
            {slider('hidden')}
            {slider('layers')}
          </ControlGroup>
          <ControlGroup title="Training">
            {number('epochs')}
            {number('every')}
          </ControlGroup>
          <ControlGroup title="Data">
            {slider('noise')}
            {number('points')}
            {number('seed')}
          </ControlGroup>
          <div className="control choice">
            <div className="control-head">
              <label htmlFor="backend-pref">Backend</label>
            </div>
            <select id="backend-pref" value={backendPref} onChange={(e) => setBackendPref(backendPreferenceOf(e.currentTarget.value))}>
              <option value="auto">Auto (the faster here)</option>
              <option value="webgpu">WebGPU (if available)</option>
              <option value="cpu">CPU</option>
            </select>
          </div>
          <p className="muted small">↺ restarts the run; other settings apply on the next epoch.</p>
        </aside>

        <main className="charts">
          <section className="panel" aria-labelledby="main-chart-title">
            <div className="panel-head">
              <h2 id="main-chart-title">Fit {view.latest ? <small>at epoch {view.latest.epoch}</small> : null}</h2>
              <div className="mc-toggle small">
                <label>
                  <input type="checkbox" checked={mcOn} onChange={(e) => setMcOn(e.currentTarget.checked)} /> MC-dropout uncertainty
                </label>
                <label>
                  {' '}
                  T{' '}
                  <input
                    type="number"
                    min={2}
                    max={256}
                    value={mcSamples}
                    aria-label="MC-dropout samples"
                    onChange={(e) => setMcSamples(Math.max(2, Math.min(256, Math.round(Number(e.currentTarget.value) || 2))))}
                  />
                </label>
                {mcOn && view.mc ? (
                  <span className="muted" data-testid="mc-status">
                    {' '}
                    {view.mc.predictions.length} passes at epoch {view.mc.epoch}
                    {view.mc.pDrop === 0 ? ' (dropout rate 0: no uncertainty to show)' : ''}
                  </span>
                ) : null}
              </div>
              <ul className="test-losses" aria-label="Test losses" data-testid="test-losses">
                {view.nets.map((n, i) => {
                  const net = view.latest?.nets[i];
                  const s = view.series[i];
                  return (
                    <li key={n.name} style={{ borderColor: netColor(i) }} data-testid={`test-loss-${n.name}`}>
                      <span className="swatch" style={{ background: netColor(i) }} />
                      {n.label}: test MSE <strong>{formatLoss(net?.testMse)}</strong>
                      {s?.divergedAt !== null && s?.divergedAt !== undefined ? (
                        <span className="diverged"> · diverged at epoch {s.divergedAt}</span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </div>
            {editing ? (
              <div className="notice info small" role="status" data-testid="edit-hint">
                <span>
                  Editing training points: click adds a point, drag moves one, right-click or Delete removes one. Each edit restarts the
                  run.
                </span>
                <button type="button" onClick={() => setEditing(false)}>
                  Done
                </button>
              </div>
            ) : null}
            <MainChart
              data={view.data}
              frame={view.latest}
              animationMs={animationMs}
              registryName="main"
              bands={mainBands}
              onEditPoints={editing ? applyOwnPoints : undefined}
            />
          </section>
          {divergence.length > 0 ? (
            <div className="notice warning" role="status" data-testid="divergence">
              {divergence.map((s) => (
                <div key={s.name}>
                  {s.label} diverged (its loss became NaN/Inf) at epoch {s.divergedAt}; its training stopped. Lower its learning rate and
                  press Reset.
                </div>
              ))}
            </div>
          ) : null}
          <section className="panel" aria-labelledby="loss-chart-title">
            <h2 id="loss-chart-title">Loss</h2>
            <LossChart series={view.series} version={view.version} bands={bandCharts?.loss} />
          </section>
          <section className="panel" aria-labelledby="film-title">
            <h2 id="film-title">Checkpoints</h2>
            <FilmStrip frames={view.frames} data={view.data} />
          </section>
          <section className="panel" aria-labelledby="data-title">
            <h2 id="data-title">Own data</h2>
            <DataPanel
              ownPoints={ownPoints?.x.length ?? null}
              editing={editing}
              onEditing={setEditing}
              onUse={(x, y) => applyOwnPoints({ x, y })}
              onClear={() => {
                setEditing(false);
                applyOwnPoints(null);
              }}
            />
          </section>
          <section className="panel" aria-labelledby="seeds-title">
            <h2 id="seeds-title">Seed bands</h2>
            <SeedsPanel
              handle={seeds}
              bands={bands}
              settings={settings}
              preference={backendPref}
              data={view.data}
              show={showBands}
              onShow={setShowBands}
            />
          </section>
          <section className="panel" aria-labelledby="sweep-title">
            <h2 id="sweep-title">Grid sweep: dropout × weight decay</h2>
            <SweepPanel
              settings={settings}
              preference={backendPref}
              data={view.data}
              onLoad={(dropout, weightDecay) => applyMany({ dropout, weightDecay })}
            />
          </section>
          <section className="panel" aria-labelledby="weights-title">
            <h2 id="weights-title">Weights</h2>
            <WeightsPanel weights={view.weights} />
          </section>
          <section className="panel" aria-labelledby="export-title">
            <h2 id="export-title">Export</h2>
            <ExportPanel view={view} settings={settings} />
          </section>
          <section className="panel" aria-labelledby="parity-title">
            <h2 id="parity-title">Parity with PyTorch</h2>
            <ParityPanel preference={backendPref} />
          </section>
          <footer className="muted small">
            Backend: {backendText(view)}. Everything runs in this browser; the link in the address bar reproduces this run.
          </footer>
        </main>
      </div>
    </div>
  );
}
