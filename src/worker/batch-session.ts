// The batch worker's state machine (grid sweeps, seed bands, golden replays), free of any Worker
// API so it runs and is tested in Node; batch-worker.ts only adapts it. A job runs in slices of
// about 100 ms of measured work (the training session's Pace), waits for each slice's work and
// yields to the message queue between slices, so Stop or a new job lands within about one slice.
// Before a job starts, its memory is checked against the backend (resources.ts): one that does not
// fit gets a plain answer with what to reduce and the largest job that fits. When it would take
// long, it first posts an estimate (the page offers it or a smaller one). On a GPU the job keeps a
// recovery point (parameters, optimizer state, loss rings, epoch) every few slices; a lost device
// resumes it on the CPU from there, and later jobs of this session stay on the CPU.

import { replayGoldenCase, type ReplayPacing } from '../experiment/golden';
import { gridAxes, gridNets, seedNets } from '../experiment/grid';
import { msg as msg_, type Message } from '../analysis/message';
import { checkResources, resourceTargetOf, type Job, type ResourceCheck } from '../experiment/resources';
import { nextCheckpoint } from '../experiment/schedule';
import type { Settings } from '../experiment/settings';
import { measureEpochMs, shapeKey, type ProbeShape } from '../experiment/speed-probe';
import type { Checkpoint, Frame } from '../experiment/types';
import type { NetSpec, RecoveryPoint } from '../experiment/runner';
import { BackendSlot, type BackendPicker } from './backend-fallback';
import type { BatchJob, BatchToPage, PageToBatch } from './batch-protocol';
import { Experiment } from './engine-api';
import { estimateJob, reducedJob, shouldAsk } from './job-estimate';
import { Pace, SLICE_MS } from './pace';
import { plainError, type PlainJob } from './plain-error';
import type { BackendPreference } from './protocol';
import { RECOVERY_SHARE, RecoveryClock } from './recovery-clock';

export interface BatchEnvironment {
  /** opens a backend for a preference (pickBackend) */
  readonly pick: BackendPicker;
  readonly post: (message: BatchToPage) => void;
  readonly now?: () => number;
  /** lets other tasks (the page's messages) run between slices */
  readonly yieldTask?: () => Promise<void>;
  /** ms of work per slice (default 100) */
  readonly sliceMs?: number;
  /** recovery points cost at most this share of the compute (default 5%; Infinity: one every slice) */
  readonly recoveryShare?: number;
}

type StartMessage = Extract<PageToBatch, { type: 'start' }>;
type ParityMessage = Extract<PageToBatch, { type: 'parity' }>;

/** What a job has done, kept across a switch to the CPU. */
interface JobProgress {
  /** the job's 'started' was posted */
  started: boolean;
  /** epoch of the last checkpoint posted (-1: none yet) */
  posted: number;
  /** the newest recovery point (null: none yet, a switch restarts from epoch 0) */
  point: RecoveryPoint | null;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

/** The resources view of a batch job (resources.ts sizes grids, seeds, MC-dropout and runs). */
export function resourceJob(job: BatchJob, settings: Settings, trainN: number | undefined): Job {
  return job.kind === 'grid'
    ? { kind: 'sweep', settings, rows: job.rows, cols: job.cols, trainN }
    : { kind: 'seeds', settings, k: job.k, trainN };
}

/** The batch job of a resources job of the same kind (the largest that fits), else null. */
function batchJobOf(job: Job | null, asked: BatchJob): BatchJob | null {
  if (job?.kind === 'sweep' && asked.kind === 'grid') return { kind: 'grid', rows: job.rows, cols: job.cols };
  if (job?.kind === 'seeds' && asked.kind === 'seeds') return { ...asked, k: job.k };
  return null;
}

/** A checkpoint with only the per-epoch losses after epoch `after` (those before were posted already). */
function lossesAfter(frame: Frame, after: number): Frame {
  const first = frame.epoch - (frame.nets[0]?.lossHistory.length ?? 0) + 1;
  const drop = Math.max(0, after + 1 - first);
  if (drop === 0) return frame;
  return {
    ...frame,
    nets: frame.nets.map((n) => ({ ...n, lossHistory: n.lossHistory.slice(drop), penaltyHistory: n.penaltyHistory.slice(drop) })),
  };
}

export class BatchSession {
  private readonly post: (message: BatchToPage) => void;
  private readonly now: () => number;
  private readonly yieldTask: () => Promise<void>;
  private readonly sliceMs: number;
  private readonly recoveryShare: number;
  private slot: BackendSlot | null = null;
  /** id of the job that should be running; a job stops at its next slice when this changes */
  private current = -1;
  private queue: Promise<void> = Promise.resolve();
  /** test hook: the next slice on WebGPU fails as if the device had been lost (set before the slot exists) */
  private simulateDeviceLoss = false;

  constructor(private readonly env: BatchEnvironment) {
    this.post = env.post;
    this.now = env.now ?? (() => performance.now());
    this.yieldTask = env.yieldTask ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
    this.sliceMs = env.sliceMs ?? SLICE_MS;
    this.recoveryShare = env.recoveryShare ?? RECOVERY_SHARE;
  }

  receive(msg: PageToBatch): void {
    switch (msg.type) {
      case 'stop':
        this.current = -1;
        return;
      case 'simulate-device-loss':
        this.simulateDeviceLoss = true;
        return;
      case 'parity':
        this.current = msg.id;
        this.queue = this.queue.then(() => this.runParity(msg));
        return;
      case 'start':
        this.current = msg.id;
        this.queue = this.queue.then(() => this.runJob(msg));
        return;
    }
  }

  /** Resolves once every job received so far has ended (tests). */
  async whenIdle(): Promise<void> {
    let q: Promise<void>;
    do {
      q = this.queue;
      await q;
    } while (q !== this.queue);
  }

  dispose(): void {
    this.current = -1;
    this.slot?.dispose();
    this.slot = null;
  }

  // -------------------------------------------------------------------------------------------
  // Backend

  /** The backend for a preference; Auto chooses per job shape (`shape`: the job's experiment). */
  private async getSlot(preference: BackendPreference, shape?: ProbeShape): Promise<BackendSlot> {
    const key = preference === 'auto' && shape ? `auto/${shapeKey(shape)}` : preference;
    if (this.slot && this.slot.key === key) return this.slot;
    this.slot?.dispose();
    this.slot = null;
    // the panels show no reason: a software adapter is not timed for one
    this.slot = await BackendSlot.open(preference, this.env.pick, { shape, measureSoftware: false, key });
    return this.slot;
  }

  /** The test hook's lost device, at the next slice or case on a losable backend. */
  private throwIfSimulatedLoss(b: BackendSlot): void {
    if (this.simulateDeviceLoss) {
      this.simulateDeviceLoss = false;
      b.simulateLoss();
    }
    b.throwIfSimulatedLoss();
  }

  /** A job ended: a simulated loss that never fired does not carry into the next one. */
  private endSimulatedLoss(): void {
    this.simulateDeviceLoss = false;
    this.slot?.clearSimulatedLoss();
  }

  /**
   * A job failed: a lost device switches this session to the CPU and gives the cause (the caller
   * continues there); any other failure is posted as the job's error (in plain words) and gives null.
   */
  private async switchToCpu(e: unknown, id: number, what: PlainJob): Promise<string | null> {
    let reason: string | null = null;
    try {
      reason = this.slot ? await this.slot.recover(e) : null;
    } catch (cpuError) {
      const plain = plainError(cpuError, what);
      this.post({
        type: 'error',
        id,
        message: msg_('batch.lostNoCpu', { error: plain.message }),
        details: `${errorText(e)}\n${plain.details ?? ''}`,
      });
      return null;
    }
    if (reason === null) {
      const plain = plainError(e, what);
      this.post({ type: 'error', id, ...plain });
      return null;
    }
    return errorText(e);
  }

  /** Whether the job fits the slot's backend; a refusal names what to reduce (and whether the CPU could run it). */
  private fits(msg: StartMessage, b: BackendSlot): ResourceCheck {
    const target = resourceTargetOf(b.backend);
    const job = resourceJob(msg.job, msg.settings, msg.data?.x.length);
    if (target === null) return { fits: true, bytes: 0 };
    const check = checkResources(job, target);
    if (check.fits || target.backend === 'cpu') return check;
    const onCpu = checkResources(job, { backend: 'cpu' });
    return onCpu.fits ? { ...check, message: msg_('resources.cpuCanRun', { message: check.message }) } : check;
  }

  // -------------------------------------------------------------------------------------------
  // Grid sweeps and seed bands

  /** `lost`: why a loss before the job started moved it to the CPU */
  private async runJob(msg: StartMessage, lost: Message | null = null): Promise<void> {
    const { id, settings } = msg;
    if (id !== this.current) return;
    const what: PlainJob = msg.job.kind === 'grid' ? 'sweep' : 'seeds';
    let nets: NetSpec[];
    let b: BackendSlot;
    const t0 = this.now();
    try {
      nets = msg.job.kind === 'grid' ? gridNets(settings, msg.job.rows, msg.job.cols) : seedNets(settings, msg.job.k, msg.job.vary);
      const shape: ProbeShape = { settings, nets, data: msg.data ?? undefined };
      b = await this.getSlot(msg.preference, shape);
      const check = this.fits(msg, b);
      if (!check.fits) {
        this.post({ type: 'too-big', id, message: check.message, largest: batchJobOf(check.largest, msg.job), backend: b.info });
        this.endSimulatedLoss();
        return;
      }
      if (msg.askAboveSeconds !== null && reducedJob(msg.job) !== null) {
        this.throwIfSimulatedLoss(b);
        const estimate = estimateJob(msg.job, b.msPerEpoch ?? (await measureEpochMs(b.backend, shape)), settings.epochs);
        if (id !== this.current) return;
        if (shouldAsk(estimate, msg.askAboveSeconds)) {
          this.post({ type: 'estimate', id, estimate, backend: b.info, notice: lost });
          this.endSimulatedLoss();
          return;
        }
      }
    } catch (e) {
      const cause = await this.switchToCpu(e, id, what);
      if (cause !== null) await this.runJob(msg, msg_('batch.lostJob', { cause }));
      return;
    }
    const progress: JobProgress = { started: false, posted: -1, point: null };
    let notice: Message[] = [lost, msg.note].filter((s): s is Message => s !== null);
    for (;;) {
      try {
        await this.train(msg, b, nets, progress, notice);
        this.post({ type: 'done', id, ms: this.now() - t0, stopped: progress.posted < settings.epochs });
        this.endSimulatedLoss();
        return;
      } catch (e) {
        const cause = await this.switchToCpu(e, id, what);
        if (cause === null) {
          this.endSimulatedLoss();
          return;
        }
        const at = progress.point?.epoch ?? 0;
        if (!progress.started) {
          notice = [msg_('batch.lostJob', { cause }), msg.note].filter((s): s is Message => s !== null);
          continue;
        }
        const text = msg_('batch.resumedAt', { cause, epoch: at });
        this.post({ type: 'resumed', id, epoch: at, backend: b.info, notice: text });
      }
    }
  }

  /**
   * Trains the job's experiment from its progress (a recovery point, or epoch 0) to the end or a
   * stop, in slices, posting every checkpoint once.
   */
  private async train(
    msg: StartMessage,
    b: BackendSlot,
    nets: readonly NetSpec[],
    progress: JobProgress,
    notice: readonly Message[],
  ): Promise<void> {
    const { id, settings, job } = msg;
    const { epochs, every } = settings;
    const exp = await Experiment.create(settings, b.backend, { nets, data: msg.data ?? undefined });
    try {
      if (progress.point) exp.resume(progress.point);
      if (!progress.started) {
        this.post({
          type: 'started',
          id,
          job,
          backend: b.info,
          nets: exp.nets,
          reduced: notice,
          epochs,
          axes: job.kind === 'grid' ? gridAxes(job.rows, job.cols) : null,
        });
        progress.started = true;
      }
      // the schedule's checkpoints (src/experiment/schedule.ts): epoch 0, after updates 1, 1 + every, …, the last
      if (progress.posted < 0) this.postCheckpoint(id, await exp.checkpoint(), progress);
      const pace = new Pace(every, this.sliceMs);
      const clock = new RecoveryClock(this.recoveryShare);
      while (exp.epoch < epochs && id === this.current) {
        this.throwIfSimulatedLoss(b);
        const next = nextCheckpoint(exp.epoch, epochs, every) ?? epochs;
        const start = exp.epoch;
        const t0 = this.now();
        exp.train(pace.sliceEpochs(next - start));
        let evalMs = 0;
        let frames = 0;
        const w0 = this.now();
        if (exp.epoch === next) {
          const e0 = this.now();
          const checkpoint = exp.checkpoint();
          evalMs = this.now() - e0;
          this.postCheckpoint(id, await checkpoint, progress);
          frames = 1;
        } else {
          await exp.flush();
        }
        const ms = this.now() - t0;
        pace.recordSlice({ epochs: exp.epoch - start, frames, ms, evalMs, waitMs: this.now() - w0 }, every);
        if (b.losable && exp.epoch < epochs && clock.afterSlice(ms)) {
          const r0 = this.now();
          progress.point = await exp.recoveryPoint();
          clock.taken(this.now() - r0);
        }
        await this.yieldTask();
      }
    } finally {
      try {
        exp.dispose();
      } catch {
        // a lost device's resources are gone already
      }
    }
  }

  /** Posts a checkpoint unless it was posted before a switch to the CPU (then only its newer losses). */
  private postCheckpoint(id: number, frame: Checkpoint, progress: JobProgress): void {
    if (frame.epoch <= progress.posted) return;
    this.post({ type: 'checkpoint', id, checkpoint: progress.posted < 0 ? frame : lossesAfter(frame, progress.posted) });
    progress.posted = frame.epoch;
  }

  // -------------------------------------------------------------------------------------------
  // Golden replay

  /** Replays every case of a golden file, each in slices. `lost`: the notice of a loss that moved it to the CPU. */
  private async runParity(msg: ParityMessage, lost: Message | null = null): Promise<void> {
    const { id } = msg;
    if (id !== this.current) return;
    const t0 = this.now();
    try {
      const b = await this.getSlot(msg.preference);
      const cases = Object.keys(msg.golden.cases ?? {});
      if (cases.length === 0) {
        this.post({ type: 'error', id, message: msg_('parity.noCases'), details: null });
        return;
      }
      this.post({ type: 'parity-start', id, backend: b.info, cases, notice: lost });
      const pace = new Pace(1, this.sliceMs);
      let sliceStart = this.now();
      const pacing: ReplayPacing = {
        sliceSteps: (remaining) => pace.sliceEpochs(remaining),
        afterSlice: async (steps) => {
          const ms = this.now() - sliceStart;
          pace.recordSlice({ epochs: steps, frames: 0, ms, evalMs: 0, waitMs: 0 }, 1);
          this.throwIfSimulatedLoss(b);
          await this.yieldTask();
          sliceStart = this.now();
          return id === this.current;
        },
      };
      let stopped = false;
      for (const caseId of cases) {
        if (id !== this.current) {
          stopped = true;
          break;
        }
        this.throwIfSimulatedLoss(b);
        const c0 = this.now();
        sliceStart = c0;
        const report = await replayGoldenCase(b.backend, msg.golden, caseId, pacing);
        if (report === null) {
          stopped = true;
          break;
        }
        this.post({ type: 'parity-case', id, report, ms: this.now() - c0 });
        await this.yieldTask();
      }
      this.post({ type: 'done', id, ms: this.now() - t0, stopped });
      this.endSimulatedLoss(); // the replay ended: a loss that never fired does not carry into the next job
    } catch (error) {
      const cause = await this.switchToCpu(error, id, 'parity');
      if (cause !== null) await this.runParity(msg, msg_('batch.lostParity', { cause }));
      else this.endSimulatedLoss();
    }
  }
}
