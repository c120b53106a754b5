// The batch Web Worker: runs one batched experiment of many nets (grid sweep or seeds) on its own
// backend, posting every checkpoint. A new `start` or a `stop` cancels the running job at the next
// checkpoint boundary. When the page asks, a job first times a few epochs of its shape and, if it
// would take long, posts an estimate instead of running (the page offers it or a smaller one). A
// lost GPU device restarts the job (or the golden replay) on the CPU, with a notice that says so;
// later jobs of this worker stay on the CPU.

import { gridAxes, gridNets, seedNets } from '../experiment/grid';
import { replayGoldenCase } from '../experiment/golden';
import { isCheckpoint } from '../experiment/runner';
import { BackendError, isBackendError, type Backend } from '../backends/backend';
import { Experiment, pickBackend } from './engine-api';
import { backendInfoOf, cpuInPlaceOf, deviceLostReason } from './backend-fallback';
import type { BatchToPage, PageToBatch } from './batch-protocol';
import { estimateJob, reducedJob, shouldAsk } from './job-estimate';
import { measureEpochMs, shapeKey, type ProbeShape } from '../experiment/speed-probe';
import type { BackendInfo, BackendPreference } from './protocol';

interface WorkerScope {
  postMessage(message: BatchToPage): void;
  onmessage: ((event: MessageEvent<PageToBatch>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (m: BatchToPage): void => scope.postMessage(m);

let backend: { key: string; backend: Backend; info: BackendInfo; msPerEpoch: number | null } | null = null;
/** id of the job that should be running; a checkpoint loop stops when it changes */
let current = -1;
let queue: Promise<void> = Promise.resolve();
/** test hook: the next checkpoint interval on WebGPU fails as if the device had been lost */
let simulateDeviceLoss = false;

/** The backend for a preference; Auto chooses per job shape (`shape`: the job's experiment). */
async function getBackend(
  preference: BackendPreference,
  shape?: ProbeShape,
): Promise<{ backend: Backend; info: BackendInfo; msPerEpoch: number | null }> {
  const key = preference === 'auto' && shape ? `auto/${shapeKey(shape)}` : preference;
  if (backend && backend.key === key) return backend;
  backend?.backend.dispose();
  backend = null;
  // the panels show no reason: a software adapter is not timed for one
  const picked = await pickBackend(preference, { shape, measureSoftware: false });
  backend = { key, backend: picked.backend, info: backendInfoOf(picked.backend, picked.reason), msPerEpoch: picked.msPerEpoch ?? null };
  return backend;
}

/** The device was lost: drop it and use the CPU for this preference from now on. */
async function switchToCpu(preference: BackendPreference, cause: string): Promise<void> {
  const cpu = await cpuInPlaceOf(backend?.backend);
  backend = { key: backend?.key ?? preference, backend: cpu, info: backendInfoOf(cpu, deviceLostReason(cause)), msPerEpoch: null };
}

function isDeviceLoss(e: unknown): e is BackendError {
  return isBackendError(e) && e.kind === 'device-lost';
}

/** The test hook's lost device, at the next checkpoint interval or case on WebGPU. */
function throwIfSimulatedLoss(b: Backend): void {
  if (!simulateDeviceLoss || b.name !== 'webgpu') return;
  simulateDeviceLoss = false;
  throw new BackendError('device-lost', 'simulated device loss (test hook)');
}

/**
 * A job failed: a lost WebGPU device switches this worker to the CPU and gives the cause (the
 * caller runs the job again); any other failure is posted as the job's error and gives null.
 */
async function recoverOnCpu(e: unknown, id: number, preference: BackendPreference): Promise<string | null> {
  if (!(isDeviceLoss(e) && backend?.backend.name === 'webgpu')) {
    post({ type: 'error', id, message: e instanceof Error ? e.message || e.name : String(e) });
    return null;
  }
  try {
    await switchToCpu(preference, e.message);
  } catch (cpuError) {
    post({ type: 'error', id, message: `the GPU device was lost (${e.message}) and the CPU backend failed: ${String(cpuError)}` });
    return null;
  }
  return e.message;
}

function yieldTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** `lost`: the notice of a device loss that restarted this job on the CPU */
async function runJob(msg: Extract<PageToBatch, { type: 'start' }>, lost: string | null = null): Promise<void> {
  const { id, settings } = msg;
  if (id !== current) return;
  const t0 = performance.now();
  let exp: Experiment | null = null;
  let failure: { readonly error: unknown } | null = null;
  try {
    const nets = msg.job.kind === 'grid' ? gridNets(settings, msg.job.rows, msg.job.cols) : seedNets(settings, msg.job.k, msg.job.vary);
    const shape: ProbeShape = { settings, nets, data: msg.data ?? undefined };
    const b = await getBackend(msg.preference, shape);
    if (msg.askAboveSeconds !== null && reducedJob(msg.job) !== null) {
      throwIfSimulatedLoss(b.backend);
      const estimate = estimateJob(msg.job, b.msPerEpoch ?? (await measureEpochMs(b.backend, shape)), settings.epochs);
      if (id !== current) return;
      if (shouldAsk(estimate, msg.askAboveSeconds)) {
        post({ type: 'estimate', id, estimate, backend: b.info, notice: lost });
        return;
      }
    }
    const job = msg.job;
    const reduced = [lost, msg.note].filter((s) => s !== null).join(' ') || null;
    exp = await Experiment.create(settings, b.backend, { nets, data: msg.data ?? undefined });
    post({
      type: 'started',
      id,
      job,
      backend: b.info,
      nets: exp.nets,
      reduced,
      epochs: settings.epochs,
      axes: job.kind === 'grid' ? gridAxes(job.rows, job.cols) : null,
    });
    const every = settings.every;
    const epochs = settings.epochs;
    while (exp.epoch < epochs) {
      if (id !== current) break;
      let next = exp.epoch + 1;
      while (!isCheckpoint(next, epochs, every)) next++;
      const n = Math.min(next - exp.epoch, exp.historyCapacity);
      throwIfSimulatedLoss(b.backend);
      exp.train(n);
      const checkpoint = await exp.checkpoint();
      post({ type: 'checkpoint', id, checkpoint });
      await yieldTask();
    }
    post({ type: 'done', id, ms: performance.now() - t0, stopped: exp.epoch < epochs });
  } catch (error) {
    failure = { error };
  } finally {
    try {
      exp?.dispose();
    } catch {
      // a lost device's resources are gone already
    }
  }
  if (!failure) {
    simulateDeviceLoss = false; // the job ended: a loss that never fired does not carry into the next one
    return;
  }
  const cause = await recoverOnCpu(failure.error, id, msg.preference);
  if (cause !== null) await runJob(msg, `The GPU device was lost (${cause}); the job restarted on the CPU.`);
}

/** `lost`: the notice of a device loss that restarted this replay on the CPU */
async function runParity(msg: Extract<PageToBatch, { type: 'parity' }>, lost: string | null = null): Promise<void> {
  const { id } = msg;
  const t0 = performance.now();
  try {
    const b = await getBackend(msg.preference);
    const cases = Object.keys(msg.golden.cases ?? {});
    if (cases.length === 0) throw new Error('the file has no cases');
    post({ type: 'parity-start', id, backend: b.info, cases, notice: lost });
    for (const caseId of cases) {
      if (id !== current) break;
      throwIfSimulatedLoss(b.backend);
      const c0 = performance.now();
      const report = await replayGoldenCase(b.backend, msg.golden, caseId);
      post({ type: 'parity-case', id, report, ms: performance.now() - c0 });
      await yieldTask();
    }
    post({ type: 'done', id, ms: performance.now() - t0, stopped: id !== current });
    simulateDeviceLoss = false; // the replay ended: a loss that never fired does not carry into the next job
  } catch (error) {
    const cause = await recoverOnCpu(error, id, msg.preference);
    if (cause !== null) await runParity(msg, `The GPU device was lost (${cause}); every case is replayed on the CPU.`);
  }
}

scope.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'stop') {
    current = -1;
    return;
  }
  if (msg.type === 'simulate-device-loss') {
    simulateDeviceLoss = true;
    return;
  }
  if (msg.type === 'parity') {
    current = msg.id;
    queue = queue.then(() => runParity(msg));
    return;
  }
  current = msg.id;
  queue = queue.then(() => runJob(msg));
};
