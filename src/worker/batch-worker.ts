// The batch Web Worker: runs one batched experiment of many nets (grid sweep or seeds) on its own
// backend, posting every checkpoint. A new `start` or a `stop` cancels the running job at the next
// checkpoint boundary. When the page asks, a job first times a few epochs of its shape and, if it
// would take long, posts an estimate instead of running (the page offers it or a smaller one). A
// lost GPU device restarts the job (or the golden replay) on the CPU, with a notice that says so;
// later jobs of this worker stay on the CPU.

import { gridAxes, gridNets, seedNets } from '../experiment/grid';
import { replayGoldenCase } from '../experiment/golden';
import { nextCheckpoint } from '../experiment/schedule';
import { Experiment, pickBackend } from './engine-api';
import { BackendSlot } from './backend-fallback';
import type { BatchToPage, PageToBatch } from './batch-protocol';
import { estimateJob, reducedJob, shouldAsk } from './job-estimate';
import { measureEpochMs, shapeKey, type ProbeShape } from '../experiment/speed-probe';
import type { BackendPreference } from './protocol';

interface WorkerScope {
  postMessage(message: BatchToPage): void;
  onmessage: ((event: MessageEvent<PageToBatch>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (m: BatchToPage): void => scope.postMessage(m);

let slot: BackendSlot | null = null;
/** id of the job that should be running; a checkpoint loop stops when it changes */
let current = -1;
let queue: Promise<void> = Promise.resolve();
/** test hook: the next checkpoint interval on WebGPU fails as if the device had been lost (set before the slot exists) */
let simulateDeviceLoss = false;

/** The backend for a preference; Auto chooses per job shape (`shape`: the job's experiment). */
async function getSlot(preference: BackendPreference, shape?: ProbeShape): Promise<BackendSlot> {
  const key = preference === 'auto' && shape ? `auto/${shapeKey(shape)}` : preference;
  if (slot && slot.key === key) return slot;
  slot?.dispose();
  slot = null;
  // the panels show no reason: a software adapter is not timed for one
  slot = await BackendSlot.open(preference, pickBackend, { shape, measureSoftware: false, key });
  return slot;
}

/** The test hook's lost device, at the next checkpoint interval or case on a losable backend. */
function throwIfSimulatedLoss(b: BackendSlot): void {
  if (simulateDeviceLoss) {
    simulateDeviceLoss = false;
    b.simulateLoss();
  }
  b.throwIfSimulatedLoss();
}

/**
 * A job failed: a lost device switches this worker to the CPU and gives the cause (the caller runs
 * the job again); any other failure is posted as the job's error and gives null.
 */
async function recoverOnCpu(e: unknown, id: number): Promise<string | null> {
  let reason: string | null = null;
  try {
    reason = slot ? await slot.recover(e) : null;
  } catch (cpuError) {
    post({ type: 'error', id, message: `the GPU device was lost (${String(e)}) and the CPU backend failed: ${String(cpuError)}` });
    return null;
  }
  if (reason === null) post({ type: 'error', id, message: e instanceof Error ? e.message || e.name : String(e) });
  return reason === null ? null : e instanceof Error ? e.message : String(e);
}

/** A job ended: a simulated loss that never fired does not carry into the next one. */
function endSimulatedLoss(): void {
  simulateDeviceLoss = false;
  slot?.clearSimulatedLoss();
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
    const b = await getSlot(msg.preference, shape);
    if (msg.askAboveSeconds !== null && reducedJob(msg.job) !== null) {
      throwIfSimulatedLoss(b);
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
    // the schedule's checkpoints (src/experiment/schedule.ts): epoch 0, after updates 1, 1 + every, …, the last
    post({ type: 'checkpoint', id, checkpoint: await exp.checkpoint() });
    for (let next = nextCheckpoint(exp.epoch, epochs, every); next !== null; next = nextCheckpoint(exp.epoch, epochs, every)) {
      if (id !== current) break;
      throwIfSimulatedLoss(b);
      exp.train(Math.min(next - exp.epoch, exp.historyCapacity));
      const frame = await exp.evaluate({ checkpoint: exp.epoch === next });
      if (frame.checkpoint) post({ type: 'checkpoint', id, checkpoint: frame });
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
    endSimulatedLoss();
    return;
  }
  const cause = await recoverOnCpu(failure.error, id);
  if (cause !== null) await runJob(msg, `The GPU device was lost (${cause}); the job restarted on the CPU.`);
}

/** `lost`: the notice of a device loss that restarted this replay on the CPU */
async function runParity(msg: Extract<PageToBatch, { type: 'parity' }>, lost: string | null = null): Promise<void> {
  const { id } = msg;
  const t0 = performance.now();
  try {
    const b = await getSlot(msg.preference);
    const cases = Object.keys(msg.golden.cases ?? {});
    if (cases.length === 0) throw new Error('the file has no cases');
    post({ type: 'parity-start', id, backend: b.info, cases, notice: lost });
    for (const caseId of cases) {
      if (id !== current) break;
      throwIfSimulatedLoss(b);
      const c0 = performance.now();
      const report = await replayGoldenCase(b.backend, msg.golden, caseId);
      post({ type: 'parity-case', id, report, ms: performance.now() - c0 });
      await yieldTask();
    }
    post({ type: 'done', id, ms: performance.now() - t0, stopped: id !== current });
    endSimulatedLoss(); // the replay ended: a loss that never fired does not carry into the next job
  } catch (error) {
    const cause = await recoverOnCpu(error, id);
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
