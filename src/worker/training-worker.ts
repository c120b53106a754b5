// The training Web Worker. It owns the backend (WebGPU from the worker where available, CPU
// otherwise) and the Experiment, trains in chunks of `every` epochs and posts one checkpoint per
// chunk. Commands from the page (play, pause, step, settings, reset) queue up in an inbox and are
// handled between chunks, so a pause or a live hyperparameter change lands on a chunk boundary.

import { BackendError, isBackendError, type Backend } from '../backends/backend';
import type { Settings } from '../experiment/settings';
import type { Dataset, TrainingPoints } from '../experiment/types';
import { Experiment, McDropout, pickBackend, tutorialNets, validateDataset, withTrainingPoints } from './engine-api';
import type { BackendInfo, BackendPreference, PageToWorker, WorkerToPage } from './protocol';
import { backendInfoOf, cpuInPlaceOf, deviceLostReason } from './backend-fallback';
import { diffSettings } from './settings-diff';

interface WorkerScope {
  postMessage(message: WorkerToPage): void;
  onmessage: ((event: MessageEvent<PageToWorker>) => void) | null;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

function post(message: WorkerToPage): void {
  scope.postMessage(message);
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

// ---------------------------------------------------------------------------------------------
// State

let settings: Settings | null = null;
let backend: Backend | null = null;
let backendInfo: BackendInfo | null = null;
let exp: Experiment | null = null;
let run = 0;
let running = false;
let stepPending = false;
let allDiverged = false;
/** parameters at the last checkpoint (GPU only), to continue on the CPU if the device is lost */
let lastSnapshot: { params: Float32Array[]; epoch: number } | null = null;
let simulateDeviceLoss = false;
let watchWeights = false;
/** the MC-dropout helper experiment (kept while the shapes stay) */
let mc: McDropout | null = null;
/** own training points (CSV, points edited on the chart, the link); the test points come from the settings */
let ownPoints: TrainingPoints | null = null;

/** Page commands plus the worker's own: the GPU device was lost while nothing was running. */
type Command = PageToWorker | { readonly type: 'device-lost'; readonly error: BackendError };
const inbox: Command[] = [];
let wake: (() => void) | null = null;

scope.onmessage = (event) => enqueue(event.data);

scope.addEventListener('unhandledrejection', (event) => {
  post({ type: 'notice', level: 'error', text: `Worker error: ${errorText(event.reason)}` });
});

function finished(): boolean {
  return exp !== null && settings !== null && exp.epoch >= settings.epochs;
}

function postState(): void {
  if (!exp || !settings) return;
  post({ type: 'state', run, running, finished: finished(), epoch: exp.epoch, settings });
}

// ---------------------------------------------------------------------------------------------
// Backend and experiment lifecycle

function enqueue(command: Command): void {
  inbox.push(command);
  const w = wake;
  wake = null;
  w?.();
}

async function initBackend(preference: BackendPreference): Promise<void> {
  const shape = settings ? { settings } : undefined;
  const picked = await pickBackend(preference, { onLost: (error) => enqueue({ type: 'device-lost', error }), shape });
  backend = picked.backend;
  backendInfo = backendInfoOf(picked.backend, picked.reason);
}

async function switchToCpu(reason: string): Promise<void> {
  disposeMc();
  backend = await cpuInPlaceOf(backend);
  backendInfo = backendInfoOf(backend, reason);
}

/** A new experiment; without `data` the runner picks it from the settings (tutorial preset: PyTorch's points). */
async function createExperiment(s: Settings, data?: Dataset): Promise<Experiment> {
  if (!backend) throw new Error('no backend');
  try {
    return await Experiment.create(s, backend, { data });
  } catch (e) {
    // e.g. out of GPU memory for a very wide net, or a shader the adapter rejects: run on the CPU.
    if (backend.name === 'webgpu' && isBackendError(e)) {
      await switchToCpu(`WebGPU failed (${e.kind}): ${errorText(e)}`);
      return Experiment.create(s, backend, { data });
    }
    throw e;
  }
}

/** Start a new run (epoch 0) with the current settings; posts `ready` and the epoch-0 checkpoint. */
async function startRun(keepRunning: boolean): Promise<void> {
  if (!settings) return;
  const t0 = performance.now();
  const old = exp;
  exp = null;
  old?.dispose();
  lastSnapshot = null;
  allDiverged = false;
  simulateDeviceLoss = false; // the test hook's loss belongs to the run that was asked for
  stepPending = false;
  running = keepRunning && running;
  run += 1;
  const next = await createExperiment(settings, ownPoints ? withTrainingPoints(settings, ownPoints) : undefined);
  exp = next;
  if (!backendInfo) throw new Error('no backend');
  post({
    type: 'ready',
    run,
    backend: backendInfo,
    data: next.data,
    nets: next.nets,
    settings,
    epoch: next.epoch,
    setupMs: performance.now() - t0,
  });
  // Epoch 0: the untrained nets' predictions, so the chart shows something before Play.
  try {
    const cp = await next.checkpoint();
    post({ type: 'checkpoint', run, checkpoint: cp, epochs: 0, chunkMs: 0 });
    await postWeights(next);
  } catch (e) {
    post({ type: 'notice', level: 'warning', text: `Could not evaluate the untrained nets: ${errorText(e)}` });
  }
  postState();
}

/** The GPU device was lost: continue on the CPU from the last checkpoint's parameters. */
async function recoverOnCpu(cause: string): Promise<void> {
  if (!settings || !exp) return;
  const data = exp.data;
  const snap = lastSnapshot;
  const old = exp;
  exp = null;
  try {
    old.dispose();
  } catch {
    // resources of a lost device are gone already
  }
  await switchToCpu(deviceLostReason(cause));
  const next = await createExperiment(settings, data);
  if (snap) next.restore(snap.params, snap.epoch);
  exp = next;
  lastSnapshot = null;
  if (!backendInfo) return;
  post({ type: 'backend', run, backend: backendInfo, resumedAt: next.epoch });
  post({
    type: 'notice',
    level: 'warning',
    text: `The GPU device was lost (${cause}). Training continues on the CPU from epoch ${next.epoch}.`,
  });
}

function disposeMc(): void {
  try {
    mc?.dispose();
  } catch {
    // a lost device's resources are gone already
  }
  mc = null;
}

/** T stochastic forward passes of the regularized net (the tutorial's second net) on the grid. */
async function postMcDropout(samples: number): Promise<void> {
  const current = exp;
  if (!current || !settings || !backend) return;
  const index = current.nets.findIndex((n) => n.name === 'dropout');
  if (index < 0) return;
  const net = tutorialNets(settings)[1];
  const gridX = current.gridX;
  if (!mc || !mc.matches(settings, samples, gridX)) {
    disposeMc();
    mc = await McDropout.create(backend, settings, net, samples, gridX);
  }
  const params = await current.parameters(index);
  const predictions = await mc.sample(
    current.parameterNames.map((n) => params[n]),
    net.hyper,
  );
  if (exp !== current) return;
  post({ type: 'mc-dropout', run, epoch: current.epoch, net: net.name, pDrop: net.hyper.pDrop, gridX, predictions });
}

/** The nets' parameters, when the page watches them. */
async function postWeights(current: Experiment): Promise<void> {
  if (!watchWeights) return;
  const all = await current.allParameters();
  if (exp !== current) return;
  const names = current.nets;
  post({
    type: 'weights',
    run,
    epoch: current.epoch,
    sizes: current.sizes,
    nets: all.map((params, m) => ({ name: names[m].name, label: names[m].label, params })),
  });
}

// ---------------------------------------------------------------------------------------------
// Commands

async function handle(msg: Command): Promise<void> {
  switch (msg.type) {
    case 'device-lost':
      // Lost while idle (a lost device during a chunk is handled there).
      if (backend?.name === 'webgpu' && exp) await recoverOnCpu(errorText(msg.error));
      return;
    case 'init': {
      settings = msg.settings;
      await initBackend(msg.preference);
      await startRun(false);
      return;
    }
    case 'settings': {
      const prev = settings;
      settings = msg.settings;
      if (!prev || !exp) return;
      const diff = diffSettings(prev, msg.settings);
      if (diff.reset.length > 0) await startRun(true);
      else if (diff.live.length > 0) {
        exp.updateLive(msg.settings);
        postState();
      }
      return;
    }
    case 'play':
      running = true;
      stepPending = false;
      postState();
      return;
    case 'pause':
      running = false;
      stepPending = false;
      postState();
      return;
    case 'step':
      running = false;
      stepPending = true;
      postState();
      return;
    case 'reset':
      running = false;
      await startRun(false);
      return;
    case 'simulate-device-loss':
      simulateDeviceLoss = true;
      return;
    case 'mc-dropout':
      await postMcDropout(msg.samples);
      return;
    case 'watch-weights':
      watchWeights = msg.on;
      if (watchWeights && exp) await postWeights(exp);
      return;
    case 'data':
      if (msg.points && settings) validateDataset(withTrainingPoints(settings, msg.points));
      ownPoints = msg.points;
      running = false;
      await startRun(false);
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// Training

function canTrain(): boolean {
  return exp !== null && settings !== null && (running || stepPending) && !finished() && !allDiverged;
}

async function trainChunk(): Promise<void> {
  if (!exp || !settings) return;
  const current = exp;
  // One chunk = `every` epochs (fewer at the end, or if the experiment's loss history is shorter).
  const n = Math.max(1, Math.min(settings.every, settings.epochs - current.epoch, current.historyCapacity));
  const t0 = performance.now();
  try {
    if (simulateDeviceLoss) {
      simulateDeviceLoss = false;
      if (backend?.name === 'webgpu') throw new BackendError('device-lost', 'simulated device loss (test hook)');
    }
    current.train(n);
    const cp = await current.checkpoint();
    const chunkMs = performance.now() - t0;
    if (exp !== current) return; // reset while the readback was in flight
    post({ type: 'checkpoint', run, checkpoint: cp, epochs: n, chunkMs });
    if (cp.nets.length > 0 && cp.nets.every((net) => net.divergedAt !== null)) {
      allDiverged = true;
      running = false;
      post({ type: 'notice', level: 'warning', text: 'Every net diverged; training stopped. Lower the learning rates and press Reset.' });
    }
    if (backend?.name === 'webgpu') lastSnapshot = { params: await current.snapshot(), epoch: cp.epoch };
    await postWeights(current);
  } catch (e) {
    if (isBackendError(e) && e.kind === 'device-lost' && backend?.name === 'webgpu') {
      await recoverOnCpu(errorText(e));
      return;
    }
    running = false;
    stepPending = false;
    post({ type: 'notice', level: 'error', text: `Training stopped: ${errorText(e)}` });
    postState();
    return;
  }
  if (stepPending) stepPending = false;
  if (finished()) running = false;
  postState();
}

// A CPU chunk and its checkpoint may complete without ever leaving the microtask queue, which
// would starve the page's messages (pause, settings). Yield a real task between chunks; a
// MessageChannel round trip avoids the 4 ms clamp of nested setTimeout.
const yieldChannel = new MessageChannel();
let resumeAfterYield: (() => void) | null = null;
yieldChannel.port1.onmessage = () => {
  const r = resumeAfterYield;
  resumeAfterYield = null;
  r?.();
};
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    resumeAfterYield = resolve;
    yieldChannel.port2.postMessage(0);
  });
}

async function loop(): Promise<void> {
  for (;;) {
    while (inbox.length > 0) {
      const msg = inbox.shift();
      if (!msg) break;
      try {
        await handle(msg);
      } catch (e) {
        if (msg.type === 'init' || !exp) {
          post({ type: 'fatal', message: errorText(e) });
          return;
        }
        post({ type: 'notice', level: 'error', text: errorText(e) });
      }
    }
    if (canTrain()) {
      await trainChunk();
      await yieldToEvents();
      continue;
    }
    await new Promise<void>((resolve) => {
      if (inbox.length > 0) resolve();
      else wake = resolve;
    });
  }
}

void loop();
