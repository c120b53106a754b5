// The training worker's state machine, free of any Worker API so it runs (and is tested) in Node.
// Commands from the page queue in an inbox and are handled between slices of ~100 ms of measured
// work, so Pause, Reset and any change land within about one slice on every backend. A slice
// trains, records frames where the schedule puts them (src/experiment/schedule.ts), waits for all
// of them at once (one round trip) and posts them in one message. A change of live settings either
// replays the run from epoch 0 (same initial weights, data and dropout masks: the experiment is
// restored, not rebuilt) or continues the run in progress from the epoch on screen. A run is
// checked against the backend's memory before it is created (resources.ts); MC-dropout runs as a
// job of groups of samples, one group per turn of the loop; commands are taken up while a group
// computes too (a Reset, a new run or a new request at once, the group left to finish unheard).
// While the page waits for the first Play, a new backend's first run warms the engine's code up in
// small pieces and gives its epoch-0 state back (warm-up.ts).

import { msg } from '../analysis/message';
import { isBackendError, type Backend, type BackendError } from '../backends/backend';
import { unpackInit } from '../experiment/pytorch-init';
import { isCheckpoint, nextCheckpoint, nextFrame } from '../experiment/schedule';
import { checkResources, mcDropoutGroups, resourceTargetOf } from '../experiment/resources';
import { SCHEMA, type Settings } from '../experiment/settings';
import { diffSettings } from '../experiment/settings-diff';
import type { Dataset, Frame, TrainingPoints } from '../experiment/types';
import { BackendSlot, type BackendPicker } from './backend-fallback';
import { Experiment, McDropout, tutorialNets, validateDataset, withTrainingPoints } from './engine-api';
import { McJob, type McWeights } from './mc-job';
import { Pace, SLICE_MS } from './pace';
import { plainError } from './plain-error';
import { HANDLED_KEPT, type HandledCommand, type PageToWorker, type RunCause, type RunCost, type WorkerToPage } from './protocol';
import { SessionRun } from './session-run';
import { WARM_UP_MS, WarmUp } from './warm-up';

export interface SessionEnvironment {
  /** opens a backend for a preference (pickBackend) */
  readonly pick: BackendPicker;
  readonly post: (message: WorkerToPage) => void;
  /**
   * PyTorch's initial weights, packed (src/experiment/pytorch-init.ts), for settings that have them
   * (the Tutorial preset's shape); undefined where there are none (seeded weights then).
   */
  readonly pytorchInit?: (settings: Settings) => Promise<ArrayBuffer | undefined>;
  /** ms on the clock the page stamps its messages with (`sentAt`) */
  readonly now?: () => number;
  /** lets other tasks (the page's messages) run between slices */
  readonly yieldTask?: () => Promise<void>;
  /** ms of work per slice (default 100) */
  readonly sliceMs?: number;
  /** compute spent warming a new backend up before the first Play (default WARM_UP_MS; 0: none; warm-up.ts) */
  readonly warmUpMs?: number;
}

/** Commands that change only what the trainer does next: taken up while a slice computes. */
const TAKEN_DURING_A_SLICE: ReadonlySet<Command['type']> = new Set(['pause', 'play', 'step', 'watch-weights', 'simulate-device-loss']);

/** Page commands plus the worker's own: the GPU device was lost while nothing was running. */
type Command = PageToWorker | { readonly type: 'device-lost'; readonly error: BackendError };
interface Queued {
  readonly command: Command;
  readonly sentAt: number | null;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

export class TrainingSession {
  private readonly post: (message: WorkerToPage) => void;
  private readonly now: () => number;
  private readonly yieldTask: () => Promise<void>;
  private readonly inbox: Queued[] = [];
  private wake: (() => void) | null = null;
  /** resolves when a command arrives while a slice computes */
  private arrival: (() => void) | null = null;
  /** the run a slice is computing, and the epoch it started from (what the trainer has done so far) */
  private inFlight: { readonly run: SessionRun; readonly from: number } | null = null;
  /** an MC-dropout group still computing (one left unheard included): the next waits for it, as they share `mc` */
  private mcInFlight: Promise<void> | null = null;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  private settings: Settings | null = null;
  private ownPoints: TrainingPoints | null = null;
  private slot: BackendSlot | null = null;
  private run: SessionRun | null = null;
  private nextRunId = 1;
  /** the page asked to compute (Play) */
  private running = false;
  /** Step: compute up to this checkpoint, then pause */
  private stepTarget: number | null = null;
  private watchWeights = false;
  private mc: McDropout | null = null;
  /** MC-dropout being computed, one group per turn of the loop */
  private mcJob: McJob | null = null;
  /** MC-dropout requests so far (each draws its own dropout masks) */
  private mcDraws = 0;
  private pace: Pace;
  /** the last command handled, and how long it waited (for the page's latency figures) */
  private handled: HandledCommand | null = null;
  /** the commands handled since the last state posted (at most HANDLED_KEPT, the newest) */
  private handledSince: HandledCommand[] = [];
  /** page commands taken from the inbox so far */
  private taken = 0;
  /** the warm-up of a new backend's first run, while the page waits for Play (warm-up.ts) */
  private warm: { readonly run: SessionRun; readonly plan: WarmUp } | null = null;
  /** the backend whose code is warm already */
  private warmedBackend: Backend | null = null;
  private warmUpEpochs_ = 0;

  constructor(private readonly env: SessionEnvironment) {
    this.post = env.post;
    this.now = env.now ?? (() => performance.timeOrigin + performance.now());
    this.yieldTask = env.yieldTask ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
    this.pace = new Pace(SCHEMA.every.default, env.sliceMs ?? SLICE_MS);
  }

  /** A message from the page; `sentAt` is when it was sent (on this session's clock), if known. */
  receive(message: PageToWorker, sentAt: number | null = null): void {
    this.enqueue({ command: message, sentAt });
  }

  /** Resolves once the inbox is empty and nothing is left to compute (tests). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The command loop; resolves after close() or a fatal error. */
  async start(): Promise<void> {
    while (!this.closed) {
      while (this.inbox.length > 0 && !this.closed) {
        const next = this.inbox.shift();
        if (!next) break;
        await this.takeUp(next);
      }
      if (this.closed) break;
      if (this.mcJob) {
        await this.computeMcGroup();
        await this.yieldTask();
        continue;
      }
      if (this.mcInFlight) {
        // a group left unheard: wait for it (its work is the backend's) or the next command
        await Promise.race([this.mcInFlight, this.nextArrival()]);
        this.arrival = null;
        continue;
      }
      if (this.canTrain()) {
        await this.computeSlice();
        await this.yieldTask();
        continue;
      }
      if (this.warm) {
        await this.warmUpPiece();
        await this.yieldTask();
        continue;
      }
      for (const w of this.idleWaiters.splice(0)) w();
      await new Promise<void>((resolve) => {
        if (this.inbox.length > 0 || this.closed) resolve();
        else this.wake = resolve;
      });
    }
    for (const w of this.idleWaiters.splice(0)) w();
    this.disposeAll();
  }

  /** Handles one command from the inbox (and says how long it waited); a failure of `init` is fatal. */
  private async takeUp(next: Queued): Promise<void> {
    if (next.command.type !== 'device-lost') this.taken++;
    if (this.superseded(next.command)) return;
    // how long the command waited for the trainer (measured when it is taken up, not when done)
    const latencyMs = next.sentAt === null ? 0 : Math.max(0, this.now() - next.sentAt);
    try {
      await this.handle(next.command);
      if (next.command.type !== 'device-lost') {
        this.handled = { type: next.command.type, latencyMs, seq: this.taken };
        this.handledSince.push(this.handled);
        if (this.handledSince.length > HANDLED_KEPT) this.handledSince.shift();
      }
    } catch (e) {
      const plain = plainError(e, next.command.type === 'mc-dropout' ? 'mc-dropout' : 'training');
      if (next.command.type === 'init' || !this.run) {
        this.post({ type: 'fatal', message: plain.message, ...(plain.details ? { details: plain.details } : {}) });
        this.closed = true;
        return;
      }
      this.post({ type: 'notice', level: 'error', text: plain.message, ...(plain.details ? { details: plain.details } : {}) });
    }
    if (this.inbox.length === 0) this.postState();
  }

  /** One slice, the page's commands taken up while it computes; a command that starts a new run voids it. */
  private async computeSlice(): Promise<void> {
    this.warmedByWork();
    await this.whileComputing(this.trainSlice(), (c) => this.replacesRun(c));
  }

  /**
   * Takes up the page's commands while `work` computes (elsewhere: the CPU pool's workers, the
   * GPU): Pause, Play, Step and the like at once; a command `voids` says makes the work void
   * (Reset, a change of shape or data, a replay…) at once too, the work left to finish unheard; any
   * other command after the work. Returns when the work is done or a voiding command waits.
   */
  private async whileComputing(work: Promise<void>, voids: (c: Command) => boolean): Promise<void> {
    let settled = false;
    const tracked = work.finally(() => {
      settled = true;
    });
    for (;;) {
      await Promise.race([tracked, this.nextArrival()]);
      this.arrival = null;
      if (settled || this.closed) return;
      const next = this.inbox[0];
      if (!next) continue;
      if (voids(next.command)) return;
      if (!TAKEN_DURING_A_SLICE.has(next.command.type) || (next.command.type === 'watch-weights' && next.command.on)) {
        await tracked;
        return;
      }
      this.inbox.shift();
      await this.takeUp(next);
    }
  }

  /** Resolves when a command is in the inbox (at once if one is there already). */
  private nextArrival(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.arrival = resolve;
      if (this.inbox.length > 0) resolve();
    });
  }

  /**
   * One MC-dropout group, taking up commands while it computes: Pause, Play, Step and the like at
   * once; a Reset, a new run or a new MC-dropout request also at once, the group left to finish
   * unheard (the job it belongs to is dropped); anything else after the group.
   */
  private async computeMcGroup(): Promise<void> {
    const inFlight = this.mcInFlight;
    if (inFlight) {
      // a group of a replaced request still computes (the groups share `mc`): wait for it, or for a command
      const settled = await Promise.race([inFlight.then(() => true), this.nextArrival().then(() => false)]);
      this.arrival = null;
      if (!settled) return;
    }
    const job = this.mcJob;
    if (!job) return;
    const group: Promise<void> = this.mcGroup(job).finally(() => {
      if (this.mcInFlight === group) this.mcInFlight = null;
    });
    this.mcInFlight = group;
    // a Reset, a new run or a new MC-dropout request drops the job: the group finishes unheard
    await this.whileComputing(group, (c) => this.replacesRun(c) || c.type === 'mc-dropout');
  }

  /** Whether the command starts a new run (the run in progress, and a slice of it, are then void). */
  private replacesRun(c: Command): boolean {
    if (c.type === 'reset' || c.type === 'data') return true;
    const run = this.run;
    if (c.type !== 'settings' || !run) return false;
    // of several changes queued, the last one decides (the earlier ones are skipped)
    let last: Command = c;
    for (const q of this.inbox) if (q.command.type === 'settings') last = q.command;
    if (last.type !== 'settings') return false;
    const diff = diffSettings(run.settings, last.settings);
    return diff.reset.length > 0 || (diff.live.length > 0 && last.change === 'replay');
  }

  close(): void {
    this.closed = true;
    this.wakeUp();
  }

  // -------------------------------------------------------------------------------------------
  // Inbox

  private enqueue(q: Queued): void {
    this.inbox.push(q);
    this.wakeUp();
    const arrived = this.arrival;
    this.arrival = null;
    arrived?.();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private isIdle(): boolean {
    return (
      this.inbox.length === 0 &&
      !this.canTrain() &&
      this.warm === null &&
      this.mcJob === null &&
      this.mcInFlight === null &&
      this.wake !== null
    );
  }

  /** A settings change or preview with a later one queued behind it is skipped (the later one carries it). */
  private superseded(c: Command): boolean {
    if (c.type !== 'settings' && c.type !== 'preview') return false;
    return this.inbox.some((q) => q.command.type === 'settings' || (c.type === 'preview' && q.command.type === 'preview'));
  }

  private async handle(c: Command): Promise<void> {
    switch (c.type) {
      case 'init':
        this.settings = c.settings;
        // Auto times the shape the page opens with (its choice is kept for later shapes)
        this.slot = await BackendSlot.open(c.preference, this.env.pick, {
          onLost: (error) => this.enqueue({ command: { type: 'device-lost', error }, sentAt: null }),
          shape: { settings: c.settings },
        });
        await this.startRun('init');
        return;
      case 'device-lost':
        // lost while idle (a loss during a slice is handled there)
        if (this.run) await this.recoverFromLoss(c.error);
        return;
      case 'settings':
        await this.changeSettings(c.settings, c.change, c.atEpoch);
        return;
      case 'preview':
        await this.preview(c.settings);
        return;
      case 'play':
        if (this.run?.finished) return;
        this.running = true;
        this.stepTarget = null;
        return;
      case 'pause':
        this.running = false;
        this.stepTarget = null;
        return;
      case 'step': {
        const run = this.run;
        if (!run) return;
        this.running = false;
        this.stepTarget = nextCheckpoint(run.epoch, run.settings.epochs, run.settings.every);
        return;
      }
      case 'reset':
        this.running = false;
        this.stepTarget = null;
        await this.startRun('reset');
        return;
      case 'simulate-device-loss':
        this.slot?.simulateLoss();
        return;
      case 'mc-dropout':
        this.startMcDropout(c.samples);
        return;
      case 'watch-weights':
        this.watchWeights = c.on;
        if (c.on && this.run) await this.postCurrentWeights(this.run);
        return;
      case 'data':
        if (c.points && this.settings) validateDataset(withTrainingPoints(this.settings, c.points));
        this.ownPoints = c.points;
        this.running = false;
        this.stepTarget = null;
        await this.startRun('data');
        return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Runs

  private dataFor(s: Settings): Dataset | undefined {
    return this.ownPoints ? withTrainingPoints(s, this.ownPoints) : undefined;
  }

  /** Whether `run`'s experiment can be restored for a run with `next` (same shapes, data, history room). */
  private reusable(run: SessionRun | null, next: Settings, cause: RunCause): run is SessionRun {
    if (!run || cause === 'data' || cause === 'init') return false;
    const created = run.settingsAfter(0);
    return diffSettings(created, next).reset.length === 0 && next.every <= run.exp.historyCapacity;
  }

  private async createExperiment(s: Settings, data: Dataset | undefined): Promise<Experiment> {
    const slot = this.slot;
    if (!slot) throw new Error('no backend');
    let exp: Experiment;
    try {
      exp = await Experiment.create(s, slot.backend, { data });
    } catch (e) {
      // e.g. out of GPU memory for a very wide net, or a shader the adapter rejects: run on the CPU.
      const reason = await slot.recover(e, { anyFailure: true });
      if (reason === null) throw e;
      this.disposeMc();
      exp = await Experiment.create(s, slot.backend, { data });
    }
    const packed = await this.env.pytorchInit?.(s);
    if (packed) exp.writeParameters(unpackInit(packed, exp.parameterSizes));
    return exp;
  }

  /**
   * A new run at epoch 0 with the current settings: the previous run's experiment restored to its
   * epoch-0 state where the shapes allow (a replay: same weights, data and masks), else a new one.
   */
  private async startRun(cause: RunCause): Promise<void> {
    const s = this.settings;
    if (!s) return;
    const t0 = this.now();
    const old = this.run;
    this.run = null;
    this.warm = null;
    this.mcJob = null; // its run is gone
    this.slot?.clearSimulatedLoss(); // the test hook's loss belongs to the run that was asked for
    let exp: Experiment;
    const reuse = this.reusable(old, s, cause);
    const initial = reuse ? old.snapshots.atOrBefore(0) : null;
    if (reuse && initial) {
      exp = old.exp;
      exp.restore(initial.state, 0);
      exp.updateLive(s);
    } else {
      try {
        old?.exp.dispose();
      } catch {
        // resources of a lost device are gone already
      }
      if (!this.fits(s)) return;
      exp = await this.createExperiment(s, this.dataFor(s));
      this.pace.reset(s.every);
    }
    this.pace.follow(s.every);
    const run = new SessionRun(this.nextRunId++, exp, s);
    this.run = run;
    run.snapshots.add(0, initial ? initial.state : await exp.snapshot());
    const slot = this.slot;
    if (!slot) throw new Error('no backend');
    this.post({
      type: 'ready',
      run: run.id,
      cause,
      backend: slot.info,
      data: exp.data,
      nets: exp.nets,
      settings: s,
      setupMs: reuse ? 0 : this.now() - t0,
    });
    // Epoch 0: the untrained nets, so the chart shows something before Play. Evaluated alone (and
    // once more) to measure what an evaluation costs here.
    try {
      const frame = await this.measuredEvaluation(run);
      this.postFrames(run, [frame], 0, 0);
      if (this.watchWeights) this.postWeights(run, 0, run.snapshots.atOrBefore(0)?.state ?? null);
      const budget = this.env.warmUpMs ?? WARM_UP_MS;
      if (budget > 0 && slot.backend !== this.warmedBackend) this.warm = { run, plan: new WarmUp(budget) };
    } catch (e) {
      this.post({ type: 'notice', level: 'warning', text: msg('notice.untrainedFailed', { error: errorText(e) }) });
    }
  }

  /**
   * Whether a run with `s` fits the backend's memory; if not, says so in plain words with the
   * largest run that fits as the notice's button (and no run starts).
   */
  private fits(s: Settings): boolean {
    const target = this.slot ? resourceTargetOf(this.slot.backend) : null;
    if (!target) return true;
    const check = checkResources({ kind: 'training', settings: s, trainN: this.ownPoints?.x.length }, target);
    if (check.fits) return true;
    const largest = check.largest?.kind === 'training' ? check.largest.settings.hidden : null;
    this.post({
      type: 'notice',
      level: 'error',
      text: msg('notice.nothingStarted', { reason: check.message }),
      ...(largest !== null ? { action: { label: msg('notice.useHidden', { hidden: largest }), settings: { hidden: largest } } } : {}),
    });
    return false;
  }

  /**
   * The epoch-0 frame, timed: (evaluation + round trip) − (bare round trip). The first run of a
   * shape evaluates twice (the first may pay for compiling); later runs add one sample.
   */
  private async measuredEvaluation(run: SessionRun): Promise<Frame> {
    const exp = run.exp;
    const t0 = this.now();
    await exp.flush();
    const roundTrip = this.now() - t0;
    const t1 = this.now();
    const frame = await exp.evaluate({ checkpoint: true });
    let evalMs = this.now() - t1;
    if (this.pace.evalMs === null) {
      const t2 = this.now();
      await exp.evaluate({ checkpoint: true });
      evalMs = Math.min(evalMs, this.now() - t2);
    }
    this.pace.recordEvaluation(evalMs - roundTrip);
    run.computeMs += this.now() - t0;
    return frame;
  }

  private async changeSettings(next: Settings, change: 'replay' | 'continue', atEpoch: number): Promise<void> {
    const prev = this.settings;
    this.settings = next;
    const run = this.run;
    if (prev && !run && this.slot) {
      // the last run did not fit the backend's memory: these settings may
      await this.startRun('shape');
      return;
    }
    if (!prev || !run) return;
    const diff = diffSettings(run.settings, next);
    if (diff.reset.length > 0) {
      this.running = true;
      this.stepTarget = null;
      await this.startRun('shape');
      return;
    }
    // nothing changed (a state a preview borrowed is reclaimed before it is used)
    if (diff.live.length === 0) return;
    if (change === 'replay') {
      this.running = true;
      this.stepTarget = null;
      await this.startRun('replay');
      return;
    }
    await this.continueAt(run, next, atEpoch);
  }

  /**
   * "Continue from here": the change applies after the epoch on screen. The run goes back there
   * (from the last snapshot before it, retrained) and continues with the new settings — unless the
   * trainer is at most a slice ahead of the screen, or going back would cost more than two slices
   * of compute while the run is still being computed: then the change applies at the trainer's
   * epoch (a slow backend: the trainer is just ahead of the screen anyway).
   */
  private async continueAt(run: SessionRun, next: Settings, atEpoch: number): Promise<void> {
    const exp = run.exp;
    const target = Math.max(0, Math.min(Math.round(atEpoch), run.lastFrameEpoch));
    const ahead = run.epoch - target;
    const from = run.snapshots.atOrBefore(target)?.epoch ?? 0;
    const rewindMs = (target - from) * (this.pace.msPerEpoch ?? 0);
    const nearby = ahead <= this.pace.sliceEpochs(Number.MAX_SAFE_INTEGER) || rewindMs > 2 * this.pace.sliceMs;
    if (!run.stateBorrowed && !run.finished && nearby) {
      run.apply(exp.epoch, next);
      exp.updateLive(next);
    } else {
      await this.rewind(run, target);
      run.apply(target, next);
      exp.updateLive(next);
      const slot = this.slot;
      if (slot) this.post({ type: 'resumed', run: run.id, epoch: target, backend: slot.info, cause: 'continue' });
    }
    this.pace.follow(next.every);
    if (!run.finished) this.running = true;
  }

  /**
   * Puts `run`'s experiment at epoch `epoch` with the state it had there: restores the last
   * snapshot before it and retrains (following the run's settings segments, no frames posted).
   * Frames and snapshots after `epoch` are forgotten.
   */
  private async rewind(run: SessionRun, epoch: number): Promise<void> {
    const exp = run.exp;
    const snap = run.snapshots.atOrBefore(epoch);
    if (!snap) throw new Error(`no state to restart from at or before epoch ${epoch}`);
    exp.restore(snap.state, snap.epoch);
    exp.updateLive(run.settingsAfter(snap.epoch));
    const stops = [...run.changesBetween(snap.epoch, epoch), epoch];
    for (const stop of stops) {
      while (exp.epoch < stop) {
        exp.train(Math.min(stop - exp.epoch, exp.historyCapacity));
        await exp.evaluate({ checkpoint: false }); // keeps the loss history and divergence in step
      }
      exp.updateLive(run.settingsAfter(stop));
    }
    run.snapshots.dropAfter(epoch);
    run.lastFrameEpoch = Math.min(run.lastFrameEpoch, epoch);
    run.allDiverged = false;
    run.stateBorrowed = false;
  }

  /** Training or a preview compiles the engine's code as a warm-up would: none is left to do on this backend. */
  private warmedByWork(): void {
    this.warm = null;
    if (this.slot) this.warmedBackend = this.slot.backend;
  }

  /** Epochs trained to warm backends up so far (warm-up.ts). */
  get warmUpEpochs(): number {
    return this.warmUpEpochs_;
  }

  /**
   * One piece of the warm-up (warm-up.ts): a few epochs and an evaluation of the run's experiment,
   * its state borrowed as a preview borrows it; once the warm-up is over, the run's epoch-0 state
   * comes back. Play (a slice), a preview, MC-dropout or a new run end it early.
   */
  private async warmUpPiece(): Promise<void> {
    const w = this.warm;
    const run = this.run;
    const slot = this.slot;
    if (!w || !run || !slot || w.run !== run) {
      this.warm = null;
      return;
    }
    const exp = run.exp;
    const n = w.plan.nextEpochs(Math.min(exp.historyCapacity, run.settings.epochs - exp.epoch));
    if (n === 0) {
      this.warm = null;
      this.warmedBackend = slot.backend;
      try {
        await this.reclaim(run);
      } catch {
        // (a lost device) the state is reclaimed, or the run revived, when it is next used
      }
      return;
    }
    const t0 = this.now();
    run.stateBorrowed = true;
    try {
      exp.train(n);
      await exp.evaluate({ checkpoint: w.plan.checkpointNext });
    } catch {
      // a lost device reports itself through the slot; the state is reclaimed when next used
      this.warm = null;
      return;
    }
    w.plan.record(n, this.now() - t0);
    this.warmUpEpochs_ += n;
  }

  /** The whole run with `next` computed at once; only its last frame is posted. */
  private async preview(next: Settings): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.warmedByWork();
    if (diffSettings(run.settingsAfter(0), next).reset.length > 0 || next.every > run.exp.historyCapacity) return;
    const initial = run.snapshots.atOrBefore(0);
    if (!initial) return;
    const exp = run.exp;
    const t0 = this.now();
    run.stateBorrowed = true;
    exp.restore(initial.state, 0);
    exp.updateLive(next);
    let frame: Frame | null = null;
    while (exp.epoch < next.epochs) {
      exp.train(Math.min(next.epochs - exp.epoch, exp.historyCapacity));
      const f = exp.evaluate({ checkpoint: true });
      if (exp.epoch >= next.epochs) frame = await f;
      else await f;
    }
    frame ??= await exp.evaluate({ checkpoint: true });
    this.post({ type: 'preview', run: run.id, settings: next, frame, ms: this.now() - t0 });
    // another preview or change queued behind this one replaces the run anyway
    if (!this.inbox.some((q) => q.command.type === 'preview' || q.command.type === 'settings')) await this.reclaim(run);
  }

  /** The run's own state back after a preview borrowed its experiment. */
  private async reclaim(run: SessionRun): Promise<void> {
    if (!run.stateBorrowed) return;
    await this.rewind(run, Math.max(0, run.lastFrameEpoch));
  }

  // -------------------------------------------------------------------------------------------
  // Training

  private canTrain(): boolean {
    const run = this.run;
    if (!run || this.closed || run.allDiverged || run.finished) return false;
    return this.running || this.stepTarget !== null;
  }

  /** One slice: ~sliceMs of epochs, frames where the schedule puts them, one wait, one message. */
  private async trainSlice(): Promise<void> {
    const run = this.run;
    const slot = this.slot;
    if (!run || !slot) return;
    const exp = run.exp;
    try {
      await this.reclaim(run);
      const s = run.settings;
      const target = Math.min(this.stepTarget ?? s.epochs, s.epochs);
      const start = exp.epoch;
      const end = start + this.pace.sliceEpochs(target - start);
      const t0 = this.now();
      slot.throwIfSimulatedLoss();
      this.inFlight = { run, from: start };
      const frames: Promise<Frame>[] = [];
      const states: { epoch: number; state: Promise<Float32Array[]> }[] = [];
      let evalMs = 0;
      while (exp.epoch < end) {
        const frameAt = nextFrame(exp.epoch, s.epochs, s.every, this.pace.frameInterval) ?? end;
        const stop = Math.min(frameAt, end);
        exp.train(stop - exp.epoch);
        if (exp.epoch !== frameAt) continue;
        const checkpoint = isCheckpoint(exp.epoch, s.epochs, s.every);
        const e0 = this.now();
        frames.push(exp.evaluate({ checkpoint }));
        evalMs += this.now() - e0;
        if (checkpoint) {
          const state = exp.snapshot();
          state.catch(() => undefined); // a failure surfaces through the frames (a void slice's too)
          states.push({ epoch: exp.epoch, state });
        }
      }
      const w0 = this.now();
      const done = await Promise.all(frames);
      if (done.length === 0 || done[done.length - 1].epoch !== exp.epoch) await exp.flush();
      const snaps = await Promise.all(states.map(async (x) => ({ epoch: x.epoch, state: await x.state })));
      if (this.run !== run) return; // a new run replaced this one while the slice computed
      this.inFlight = null;
      const ms = this.now() - t0;
      run.computeMs += ms;
      for (const snap of snaps) run.snapshots.add(snap.epoch, snap.state);
      this.pace.recordSlice({ epochs: exp.epoch - start, frames: done.length, ms, evalMs, waitMs: this.now() - w0 }, s.every);
      this.postFrames(run, done, exp.epoch - start, ms);
      if (this.watchWeights && snaps.length > 0) {
        const last = snaps[snaps.length - 1];
        this.postWeights(run, last.epoch, last.state);
      }
      const lastFrame = done[done.length - 1];
      if (lastFrame && lastFrame.nets.length > 0 && lastFrame.nets.every((n) => n.divergedAt !== null)) {
        run.allDiverged = true;
        this.running = false;
        this.post({
          type: 'notice',
          level: 'warning',
          text: msg('notice.allDiverged'),
        });
      }
    } catch (e) {
      if (this.run !== run) return; // the slice of a run that was replaced (its experiment disposed)
      this.inFlight = null;
      if (await this.recoverFromLoss(e)) return;
      this.running = false;
      this.stepTarget = null;
      const plain = plainError(e, 'training');
      this.post({ type: 'notice', level: 'error', text: plain.message, ...(plain.details ? { details: plain.details } : {}) });
      this.postState();
      return;
    }
    if (this.stepTarget !== null && exp.epoch >= this.stepTarget) this.stepTarget = null;
    if (run.finished) this.running = false;
    this.postState();
  }

  /**
   * A lost device (or any backend failure of a losable one): continue on the CPU from the run's
   * last snapshot. False when `error` is something else.
   */
  private async recoverFromLoss(error: unknown): Promise<boolean> {
    this.warm = null;
    const run = this.run;
    const slot = this.slot;
    if (!run || !slot || !isBackendError(error)) return false;
    const reason = await slot.recover(error);
    if (reason === null) return false;
    this.mcJob = null;
    this.disposeMc();
    try {
      run.exp.dispose();
    } catch {
      // resources of a lost device are gone already
    }
    const s = run.settingsAfter(0);
    const exp = await this.createExperiment(s, run.exp.data);
    const snap = run.snapshots.atOrBefore(run.epoch) ?? run.snapshots.atOrBefore(0);
    const revived = new SessionRun(run.id, exp, s);
    for (const epoch of run.snapshots.epochs) {
      const st = run.snapshots.atOrBefore(epoch);
      if (st && st.epoch === epoch) revived.snapshots.add(epoch, st.state);
    }
    let at = 0;
    if (snap) {
      exp.restore(snap.state, snap.epoch);
      at = snap.epoch;
    }
    for (const b of run.changesBetween(-1, Number.MAX_SAFE_INTEGER)) revived.apply(b, run.settingsAfter(b));
    exp.updateLive(revived.settingsAfter(at));
    revived.snapshots.dropAfter(at);
    revived.lastFrameEpoch = Math.min(run.lastFrameEpoch, at);
    revived.computeMs = run.computeMs;
    this.run = revived;
    this.pace.reset(s.every);
    this.post({ type: 'resumed', run: revived.id, epoch: at, backend: slot.info, cause: 'device-lost' });
    this.post({
      type: 'notice',
      level: 'warning',
      text: msg('notice.deviceLost', { cause: errorText(error), epoch: at }),
    });
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Posting

  /** Posts the frames of one or more slices; slices without a frame add their epochs and time to the next message. */
  private postFrames(run: SessionRun, frames: readonly Frame[], epochs: number, sliceMs: number): void {
    run.unposted.epochs += epochs;
    run.unposted.ms += sliceMs;
    if (frames.length === 0) return;
    run.lastFrameEpoch = frames[frames.length - 1].epoch;
    this.post({ type: 'frames', run: run.id, frames, epochs: run.unposted.epochs, sliceMs: run.unposted.ms });
    run.unposted = { epochs: 0, ms: 0 };
  }

  private cost(run: SessionRun): RunCost | null {
    if (run.finished) return { ms: run.computeMs, measured: true };
    const estimate = this.pace.runEstimate(run.settings.epochs, run.settings.every);
    return estimate === null ? null : { ms: estimate, measured: false };
  }

  private postState(): void {
    const run = this.run;
    if (!run) return;
    // while a slice computes, the trainer has done the epochs before it
    const epoch = this.inFlight?.run === run ? this.inFlight.from : run.epoch;
    this.post({
      type: 'state',
      run: run.id,
      running: this.running,
      finished: epoch >= run.settings.epochs,
      epoch,
      settings: run.settings,
      frameInterval: this.pace.frameInterval,
      cost: this.cost(run),
      handled: this.handled,
      handledSince: this.handledSince.splice(0),
      postedAt: this.now(),
    });
  }

  private postWeights(run: SessionRun, epoch: number, state: readonly Float32Array[] | null): void {
    if (!state) return;
    const params = run.exp.parametersIn(state);
    const names = run.exp.nets;
    this.post({
      type: 'weights',
      run: run.id,
      epoch,
      sizes: run.exp.sizes,
      nets: params.map((p, m) => ({ name: names[m].name, label: names[m].label, params: p })),
    });
  }

  /** The weights now (the page just started watching them). */
  private async postCurrentWeights(run: SessionRun): Promise<void> {
    await this.reclaim(run);
    const state = await run.exp.snapshot();
    if (this.run === run) this.postWeights(run, run.exp.epoch, state);
  }

  private disposeMc(): void {
    try {
      this.mc?.dispose();
    } catch {
      // a lost device's resources are gone already
    }
    this.mc = null;
  }

  /**
   * MC-dropout: T stochastic forward passes of the regularized net (the tutorial's second net) on
   * the grid, at the run's current weights, as a job of groups that fit the memory (the loop
   * computes one group per turn). A new request replaces the one in progress.
   */
  private startMcDropout(samples: number): void {
    this.warm = null;
    this.mcJob = null;
    const run = this.run;
    const slot = this.slot;
    if (!run || !slot || !(samples >= 1)) return;
    const exp = run.exp;
    const index = exp.nets.findIndex((n) => n.name === 'dropout');
    if (index < 0) return;
    const s = run.settings;
    const gridX = exp.gridX;
    let maxGroup = samples;
    const target = resourceTargetOf(slot.backend);
    if (target) {
      const job = { kind: 'mc-dropout', settings: s, samples, gridN: gridX.length } as const;
      const check = checkResources(job, target);
      if (!check.fits) {
        const groups = mcDropoutGroups(s, samples, target, gridX.length);
        if (groups === null) {
          this.post({ type: 'notice', level: 'error', text: check.message });
          return;
        }
        maxGroup = Math.max(...groups);
      }
    }
    const net = tutorialNets(s)[1];
    // a first guess of one sample's cost: a train epoch per net, scaled to the grid's points
    const perNet =
      this.pace.msPerEpoch === null ? null : (this.pace.msPerEpoch / exp.nets.length) * Math.max(1, gridX.length / exp.data.x.length);
    const guess = perNet ?? (this.pace.evalMs === null ? null : 1.5 * this.pace.evalMs);
    // read with the first group, which commands interrupt (a state a preview borrowed is given back first)
    const load = async (): Promise<McWeights> => {
      await this.reclaim(run);
      const params = await exp.parameters(index);
      return { epoch: exp.epoch, params: exp.parameterNames.map((n) => params[n]) };
    };
    this.mcJob = new McJob(run.id, s, gridX, net, load, samples, maxGroup, ++this.mcDraws, this.pace.sliceMs, guess);
  }

  /** One group of the MC-dropout job; the last posts every sample. A job dropped meanwhile is not heard of. */
  private async mcGroup(job: McJob): Promise<void> {
    const slot = this.slot;
    if (!slot) return;
    try {
      const size = job.groupSize();
      if (!this.mc || !this.mc.matches(job.settings, size, job.gridX)) {
        this.disposeMc();
        this.mc = await McDropout.create(slot.backend, job.settings, job.net, size, job.gridX);
      }
      if (this.mcJob !== job) return; // dropped while its plan was built
      const { params } = await job.weights();
      if (this.mcJob !== job) return; // dropped while its weights were read
      const t0 = this.now();
      const curves = await this.mc.sample(params, job.net.hyper, job.next, job.draw);
      job.add(curves, this.now() - t0);
    } catch (e) {
      this.disposeMc();
      if (this.mcJob !== job) return; // dropped while it computed: its failure is nobody's concern
      this.mcJob = null;
      const plain = plainError(e, 'mc-dropout');
      this.post({ type: 'notice', level: 'error', text: plain.message, ...(plain.details ? { details: plain.details } : {}) });
      return;
    }
    if (!job.done || this.mcJob !== job) return;
    this.mcJob = null;
    if (this.run?.id !== job.run) return;
    this.post({
      type: 'mc-dropout',
      run: job.run,
      epoch: (await job.weights()).epoch,
      net: job.net.name,
      pDrop: job.net.hyper.pDrop,
      gridX: job.gridX,
      predictions: job.predictions,
    });
  }

  private disposeAll(): void {
    this.disposeMc();
    try {
      this.run?.exp.dispose();
    } catch {
      // a lost device's resources are gone already
    }
    this.run = null;
    this.slot?.dispose();
    this.slot = null;
  }
}
