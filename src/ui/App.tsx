// The playground page, composed: the URL holds the setting (useUrlSync), a worker computes runs
// (useTrainingSession), a playhead plays their frames (usePlayback), and setting changes reach
// the worker as "On change" and the backend's speed decide (useSettingsSender).

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SCHEMA, type PresetName, type Settings } from '../experiment/settings';
import type { TrainingPoints } from '../experiment/types';
import type { ChangeMode } from '../worker/protocol';
import { simulateBatchDeviceLoss, useBatchJob } from './batch-client';
import { seedBandCharts, seedBands } from './batch-state';
import { chartClientPoint, chartSnapshot, type ChartDatasetSnapshot } from './chart-setup';
import { mcBand, type GhostFrame } from './chart-data';
import type { ChangeHandler } from './Controls';
import { DataPanel } from './DataPanel';
import { ExportPanel } from './ExportPanel';
import { FilmStrip } from './FilmStrip';
import { FitPanel } from './FitPanel';
import { currentFps } from './fps';
import { ghostLabel } from './ghost';
import { usePlayback } from './hooks/usePlayback';
import { sliderMode, useSettingsSender } from './hooks/useSettingsSender';
import { useSliderDrag } from './hooks/useSliderDrag';
import { useTrainingSession } from './hooks/useTrainingSession';
import { useUrlSync } from './hooks/useUrlSync';
import { LossChart } from './LossChart';
import { NoticeList, UrlNotice } from './Notices';
import { ParityPanel } from './ParityPanel';
import type { PlayheadState } from './playback/playhead';
import { frameAtOrBefore, weightsAtOrBefore, type RunView } from './run-store';
import { SeedsPanel } from './SeedsPanel';
import { SettingsPanel } from './SettingsPanel';
import { StatusBar, backendText } from './StatusBar';
import { SweepPanel } from './SweepPanel';
import { Transport } from './Transport';
import { applyChange, applyPreset, describeCorrection, roundPoints } from './url-state';
import { WeightsPanel } from './WeightsPanel';

export interface PlaybackProbe extends PlayheadState {
  /** the playhead's timeline: every frame's epoch, the tick it arrived on, the tick it was first shown (-1: never) */
  readonly epochs: readonly number[];
  readonly arrivedTick: readonly number[];
  readonly shownTick: readonly number[];
}

export interface DropoutLabHooks {
  view(): RunView;
  settings(): Settings;
  playback(): PlaybackProbe;
  charts(): { main: ChartDatasetSnapshot[] | null; loss: ChartDatasetSnapshot[] | null };
  fps(): number | null;
  simulateDeviceLoss(): void;
  /** the batch worker ('seeds', 'sweep' or 'parity') loses its device at its next checkpoint interval or case */
  simulateBatchDeviceLoss(name: string): boolean;
  /** viewport coordinates of a data point on a chart (pointer tests) */
  clientPoint(chart: string, x: number, y: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __dropoutLab?: DropoutLabHooks;
  }
}

/** The shortest tween (ms) while playing, so even Max morphs a little. */
const MIN_TWEEN_MS = 80;

export function App(): ReactNode {
  const url = useUrlSync();
  const { settings, setSettings, ownPoints, setOwnPoints } = url;
  const settingsRef = useRef(settings);
  const pointsRef = useRef(ownPoints);
  useEffect(() => {
    settingsRef.current = settings;
    pointsRef.current = ownPoints;
  }, [settings, ownPoints]);

  const { store, view, send } = useTrainingSession(url.backend, () => ({ settings: settingsRef.current, points: pointsRef.current }));
  const { playback, state: play } = usePlayback(store);
  const [changeMode, setChangeMode] = useState<ChangeMode>('replay');
  const [compare, setCompare] = useState(true);
  const drag = useSliderDrag();
  const mode = sliderMode(view.worker.cost);
  const playing = play.status === 'playing' || play.status === 'buffering';
  const run = view.current;

  useSettingsSender({
    settings,
    send,
    playing,
    changeMode,
    epoch: play.epoch,
    dragging: drag.dragging,
    mode,
    previewed: view.preview?.settings ?? null,
  });
  // a drag that ended without a change leaves no preview behind
  useEffect(() => {
    if (!drag.dragging) store.clearPreview();
  }, [drag.dragging, store]);

  // the trainer computes while the playhead plays (and the run is not computed yet)
  const { running, finished, allDiverged } = view.worker;
  useEffect(() => {
    if (playing && view.phase === 'ready' && !running && !finished && !allDiverged) send({ type: 'play' });
  }, [playing, running, finished, allDiverged, view.phase, send]);

  // Step: the next checkpoint on the timeline (computed first when it is not there yet)
  const stepFrom = useRef<number | null>(null);
  const nextCheckpointIndex = useCallback(
    (after: number): number => (run ? run.frames.findIndex((f) => f.checkpoint && f.epoch > after) : -1),
    [run],
  );
  useEffect(() => {
    const from = stepFrom.current;
    if (from === null) return;
    const i = nextCheckpointIndex(from);
    if (i >= 0) {
      playback.seek(i);
      stepFrom.current = null;
    } else if (finished) stepFrom.current = null;
  }, [view.version, nextCheckpointIndex, playback, finished]);
  const step = (): void => {
    const from = Math.max(0, play.epoch);
    stepFrom.current = from;
    const i = nextCheckpointIndex(from);
    if (i >= 0) {
      playback.seek(i);
      stepFrom.current = null;
    } else send({ type: 'step' });
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
  const applyOwnPoints = (points: TrainingPoints | null): void => {
    const used = points ? roundPoints(points) : null;
    setOwnPoints(used);
    send({ type: 'data', points: used });
  };

  const seeds = useBatchJob('seeds');
  const [showBands, setShowBands] = useState(true);
  const bands = useMemo(() => seedBands(seeds.state), [seeds.state]);
  const bandCharts = useMemo(() => (bands && showBands ? seedBandCharts(bands) : null), [bands, showBands]);
  const [mcOn, setMcOn] = useState(false);
  const [mcSamples, setMcSamples] = useState(32);
  // MC-dropout: fresh samples of the trainer's nets whenever it stops (and on every toggle)
  useEffect(() => {
    if (!mcOn || view.phase !== 'ready' || running) return;
    send({ type: 'mc-dropout', samples: mcSamples });
  }, [mcOn, mcSamples, view.run, view.phase, running, finished, send]);
  const mainBands = useMemo(() => {
    const out = [...(bandCharts?.main ?? [])];
    if (mcOn && view.mc) out.push(mcBand(view.mc.gridX, view.mc.predictions, 1));
    return out;
  }, [bandCharts, mcOn, view.mc]);

  // what is on screen: the playhead's frame (or a dragged slider's preview), the ghost beside it
  const shownEpoch = Math.max(0, play.epoch);
  const previewing = view.preview !== null;
  const frame = view.preview?.frame ?? frameAtOrBefore(run, shownEpoch);
  const previous = compare ? view.previous : null;
  const label = previous && run ? ghostLabel(previous.appliedSettings, run.appliedSettings) : '';
  const ghostFrame = previous ? frameAtOrBefore(previous, frame?.epoch ?? shownEpoch) : null;
  const ghost: GhostFrame | null = ghostFrame ? { frame: ghostFrame, label } : null;
  const lossGhost = useMemo(() => (previous ? { series: previous.series, label } : null), [previous, label]);
  const weights = weightsAtOrBefore(run, shownEpoch);
  const animationMs = previewing ? 0 : play.status === 'playing' ? Math.max(MIN_TWEEN_MS, play.tweenMs) : 200;

  useEffect(() => {
    window.__dropoutLab = {
      view: () => store.getSnapshot(),
      settings: () => settingsRef.current,
      playback: () => ({
        ...playback.playhead.state,
        epochs: store.getSnapshot().current?.epochs.slice(0, playback.playhead.state.frames) ?? [],
        arrivedTick: [...playback.playhead.arrivedTick],
        shownTick: [...playback.playhead.shownTick],
      }),
      charts: () => ({ main: chartSnapshot('main'), loss: chartSnapshot('loss') }),
      fps: currentFps,
      simulateDeviceLoss: () => send({ type: 'simulate-device-loss' }),
      simulateBatchDeviceLoss,
      clientPoint: chartClientPoint,
    };
    return () => {
      delete window.__dropoutLab;
    };
  }, [store, playback, send]);

  const ready = view.phase === 'ready';
  const divergence = run?.series.filter((s) => s.divergedAt !== null && s.divergedAt <= shownEpoch) ?? [];

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
        <StatusBar view={view} play={play} sliderMode={mode} />
      </header>
      {play.status === 'ended' ? (
        <p className="notice info small" role="status" data-testid="finished-hint">
          The run is over. Press Play to watch it again, drag the Timeline to any epoch, or move a slider to replay the run with the new
          setting beside this one.
        </p>
      ) : null}

      <UrlNotice lines={url.notices} onDismiss={url.dismissNotices} />
      <NoticeList notices={view.notices} onDismiss={(id) => store.dismissNotice(id)} />
      {view.phase === 'fatal' ? (
        <div className="notice error" role="alert" data-testid="fatal">
          Training cannot run: {view.fatal}. <a href={window.location.href}>Reload</a>
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
            status={play.status}
            canStep={ready && (!finished || nextCheckpointIndex(shownEpoch) >= 0)}
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
            speed={play.speed}
            onSpeed={(s) => playback.setSpeed(s)}
            changeMode={changeMode}
            onChangeMode={setChangeMode}
            compare={compare}
            onCompare={setCompare}
          />
        </SettingsPanel>

        <main className="charts">
          <FitPanel
            view={view}
            frame={frame}
            previewing={previewing}
            ghost={ghost}
            play={play}
            animationMs={animationMs}
            bands={mainBands}
            mc={{ on: mcOn, setOn: setMcOn, samples: mcSamples, setSamples: setMcSamples, view: view.mc }}
            editing={editing}
            onEditing={setEditing}
            onEditPoints={applyOwnPoints}
            onSeek={(i) => playback.seek(i)}
          />
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
            <LossChart series={run?.series ?? []} version={view.version} upTo={shownEpoch} ghost={lossGhost} bands={bandCharts?.loss} />
          </section>
          <section className="panel" aria-labelledby="film-title">
            <h2 id="film-title">Checkpoints</h2>
            <FilmStrip frames={run?.checkpoints ?? []} data={run?.data ?? null} />
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
              preference={url.backend}
              data={run?.data ?? null}
              show={showBands}
              onShow={setShowBands}
            />
          </section>
          <section className="panel" aria-labelledby="sweep-title">
            <h2 id="sweep-title">Grid sweep: dropout × weight decay</h2>
            <SweepPanel
              settings={settings}
              preference={url.backend}
              data={run?.data ?? null}
              onLoad={(dropout, weightDecay) => applyMany({ dropout, weightDecay })}
            />
          </section>
          <section className="panel" aria-labelledby="weights-title">
            <h2 id="weights-title">Weights</h2>
            <WeightsPanel weights={weights} />
          </section>
          <section className="panel" aria-labelledby="export-title">
            <h2 id="export-title">Export</h2>
            <ExportPanel view={view} settings={settings} weights={weights} />
          </section>
          <section className="panel" aria-labelledby="parity-title">
            <h2 id="parity-title">Parity with PyTorch</h2>
            <ParityPanel preference={url.backend} />
          </section>
          <footer className="muted small">
            Backend: {backendText(view)}. Everything runs in this browser; the link in the address bar reproduces this run.
          </footer>
        </main>
      </div>
    </div>
  );
}
