// The experiment runner: the tutorial's two nets (or any set of nets sharing one architecture) as
// ONE experiment of M models, trained epoch by epoch on a backend, read back only at checkpoints.
// It knows epochs, checkpoints and divergence; the backend knows buffers and kernels.

import type { Backend, CompiledPlan } from '../backends/backend';
import { hyperTable, type ModelHyper } from '../engine/hyper';
import { initParams } from '../engine/init';
import { traceMlp, type TracedMlp } from '../engine/mlp';
import { generateData, linspace, tutorialData, validateDataset } from './data';
import { resolveSettings, type Settings } from './settings';
import { isCheckpoint, nextCheckpoint } from './schedule';
import type { Checkpoint, Dataset, Frame, NetDescription, NetFrame, TrainingPoints } from './types';

/** One model of the experiment: its name and hyperparameters. */
export interface NetSpec extends NetDescription {
  readonly hyper: ModelHyper;
  /** which init draw it gets (nets with the same draw start from the same weights) */
  readonly initDraw: number;
  /** seed of the initial weights when it differs from the dropout-mask seed `hyper.seed` */
  readonly initSeed?: number;
}

export interface ExperimentOptions {
  /** own data instead of the settings' (tutorial preset: PyTorch's points) */
  readonly data?: Dataset;
  /** points of the dense prediction grid (default 121 over [-1.1, 1.1]) */
  readonly gridPoints?: number;
  /** initial parameters per net (e.g. PyTorch's), in the plan's parameter order W1, b1, … */
  readonly initialParams?: readonly (readonly Float32Array[])[];
  /** nets to train instead of the two of the settings */
  readonly nets?: readonly NetSpec[];
}

export const GRID_RANGE = [-1.1, 1.1] as const;

/** Where an experiment stands, to continue from (Experiment.recoveryPoint / resume). Plain data. */
export interface RecoveryPoint {
  /** updates done */
  readonly epoch: number;
  /** the last evaluated epoch: the loss and penalty rings hold the epochs after it */
  readonly evaluatedAt: number;
  readonly models: number;
  /** value, m and v of every parameter (plan order), all models */
  readonly state: readonly Float32Array[];
  readonly lossHistory: Float32Array;
  readonly penaltyHistory: Float32Array;
  readonly divergedAt: readonly (number | null)[];
  readonly trainedMs: number;
}

/** The tutorial's two nets from the settings: a plain one and a regularized one. */
export function tutorialNets(s: Settings): NetSpec[] {
  const optimizer = (lr: number, weightDecay: number) => ({
    type: s.optimizer,
    lr,
    weightDecay,
    momentum: s.optimizer === 'sgd' ? s.momentum : 0,
  });
  return [
    {
      name: 'overfitting',
      label: 'Plain net',
      initDraw: 0,
      hyper: { optimizer: optimizer(s.lrPlain, 0), pDrop: 0, convention: s.convention, l1: 0, seed: s.seed, active: true },
    },
    {
      name: 'dropout',
      label: 'Regularized net',
      initDraw: 1,
      hyper: {
        optimizer: optimizer(s.lrRegularized, s.weightDecay),
        pDrop: s.dropout,
        convention: s.convention,
        l1: s.l1,
        seed: s.seed,
        active: true,
      },
    },
  ];
}

/** 20 points, σ 0.3, seed 1 are the tutorial's own data (PyTorch's exact points), whatever the preset. */
export function datasetFor(s: Settings): Dataset {
  if (s.points === 20 && s.noise === 0.3 && s.seed === 1) return tutorialData();
  return generateData(s.points, s.noise, s.seed);
}

/** The settings' dataset with its training points replaced by own ones (the test points stay). */
export function withTrainingPoints(s: Settings, points: TrainingPoints): Dataset {
  return { ...datasetFor(s), x: [...points.x], y: [...points.y] };
}

export function architecture(s: Settings): number[] {
  return [1, ...Array<number>(s.layers).fill(s.hidden), 1];
}

export class Experiment {
  private nets_: NetSpec[];
  private epoch_ = 0;
  private lastEvalEpoch = 0;
  private pendingEvaluations = 0;
  private readonly divergedAt: (number | null)[];
  private trainStart: number | null = null;
  private trainedMs = 0;
  /** bumped whenever the experiment goes back (restore, resume): evaluations queued before are stale */
  private generation = 0;

  private constructor(
    readonly backend: Backend,
    readonly settings: Settings,
    readonly data: Dataset,
    readonly gridX: readonly number[],
    private readonly traced: TracedMlp,
    private readonly compiled: CompiledPlan,
    nets: NetSpec[],
  ) {
    this.nets_ = nets;
    this.divergedAt = nets.map(() => null);
  }

  static async create(settings: Settings, backend: Backend, options: ExperimentOptions = {}): Promise<Experiment> {
    const { settings: s } = resolveSettings(settings);
    const data = options.data ?? datasetFor(s);
    validateDataset(data);
    const nets = [...(options.nets ?? tutorialNets(s))];
    const gridX = linspace(GRID_RANGE[0], GRID_RANGE[1], options.gridPoints ?? 121);
    const traced = traceMlp({
      models: nets.length,
      sizes: architecture(s),
      dropout: true,
      trainN: data.x.length,
      testN: data.testX.length,
      gridN: gridX.length,
      historyLength: Math.max(1000, s.every),
    });
    const compiled = await backend.compile(traced.plan);
    const exp = new Experiment(backend, s, data, gridX, traced, compiled, nets);
    exp.upload(options.initialParams);
    return exp;
  }

  private upload(initialParams?: readonly (readonly Float32Array[])[]): void {
    const { io, params } = this.traced;
    const c = this.compiled;
    c.write(io.x, Float32Array.from(this.data.x));
    c.write(io.y, Float32Array.from(this.data.y));
    c.write(io.testX, Float32Array.from(this.data.testX));
    c.write(io.testY, Float32Array.from(this.data.testY));
    c.write(io.gridX, Float32Array.from(this.gridX));
    const perNet = this.nets_.map((net, m) => initialParams?.[m] ?? initParams(params, net.initSeed ?? net.hyper.seed, net.initDraw));
    this.writePerNet(perNet, 'initial parameters');
    this.writeHyper();
  }

  /** Packs each net's parameters (plan order W1, b1, …) into the per-model buffers and writes them. */
  private writePerNet(perNet: readonly (readonly Float32Array[])[], what: string): void {
    const { params } = this.traced;
    if (perNet.length !== this.nets_.length) throw new RangeError(`${what}: expected ${this.nets_.length} nets, got ${perNet.length}`);
    params.forEach((p, k) => {
      const size = p.rows * p.cols;
      const all = new Float32Array(size * this.nets_.length);
      perNet.forEach((values, m) => {
        if (values[k]?.length !== size)
          throw new RangeError(`${what}: ${p.name} of net ${m}: expected ${size} values, got ${values[k]?.length ?? 'none'}`);
        all.set(values[k], m * size);
      });
      this.compiled.write(p.value, all);
    });
  }

  private writeHyper(): void {
    this.compiled.writeHyper(hyperTable(this.nets_.map((n, m) => ({ ...n.hyper, active: n.hyper.active && this.divergedAt[m] === null }))));
  }

  get nets(): readonly NetDescription[] {
    return this.nets_.map(({ name, label }) => ({ name, label }));
  }
  get epoch(): number {
    return this.epoch_;
  }
  get historyCapacity(): number {
    return this.traced.plan.buffers[this.traced.io.lossHistory].elemsPerModel;
  }

  /** Queue `epochs` training epochs (no readback). */
  train(epochs: number): void {
    if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError(`train: epochs must be a whole number ≥ 0, got ${epochs}`);
    if (this.epoch_ + epochs - this.lastEvalEpoch > this.historyCapacity) {
      throw new RangeError(`train: at most ${this.historyCapacity} epochs between two evaluations (loss history size)`);
    }
    if (this.trainStart === null) this.trainStart = performance.now();
    this.compiled.run('train', epochs);
    this.epoch_ += epochs;
  }

  /**
   * A frame at the current epoch: eval-mode predictions and losses, plus the per-epoch losses since
   * the previous evaluation. The eval program and the readback are queued before the first await,
   * so a caller may queue more training (and more evaluations) before awaiting this one: a slice of
   * work then needs a single round trip.
   */
  evaluate(options: { readonly checkpoint: boolean }): Promise<Frame> {
    const { io } = this.traced;
    this.compiled.run('eval', 1);
    const read = this.compiled.readMany([io.lossHistory, io.penaltyHistory, io.testLoss, io.trainLossEval, io.testPred, io.gridPred]);
    const first = this.lastEvalEpoch + 1;
    const epoch = this.epoch_;
    const generation = this.generation;
    this.lastEvalEpoch = epoch;
    this.pendingEvaluations++;
    return read.then(
      (arrays) => {
        this.pendingEvaluations--;
        return this.frameOf(arrays, first, epoch, options.checkpoint, generation !== this.generation);
      },
      (e: unknown) => {
        this.pendingEvaluations--;
        throw e;
      },
    );
  }

  /** A frame flagged as a checkpoint (the caller follows the schedule). */
  checkpoint(): Promise<Checkpoint> {
    return this.evaluate({ checkpoint: true });
  }

  /** `stale`: the experiment went back (restore, resume) after this evaluation was queued: it changes nothing here */
  private frameOf(arrays: Float32Array[], first: number, epoch: number, checkpoint: boolean, stale: boolean): Frame {
    const [loss, penalty, testLoss, trainLossEval, testPred, gridPred] = arrays;
    const cap = this.historyCapacity;
    const ring = (buf: Float32Array, m: number) => {
      const out: number[] = [];
      for (let e = first; e <= epoch; e++) out.push(buf[m * cap + ((e - 1) % cap)]);
      return out;
    };
    const nTest = this.data.testX.length,
      nGrid = this.gridX.length;
    let newlyDiverged = false;
    const nets: NetFrame[] = this.nets_.map((net, m) => {
      const lossHistory = ring(loss, m);
      const penaltyHistory = ring(penalty, m);
      if (this.divergedAt[m] === null && !stale) {
        const bad = lossHistory.findIndex((l, i) => !Number.isFinite(l) || !Number.isFinite(penaltyHistory[i]));
        const evalBad = !Number.isFinite(testLoss[m]);
        if (bad >= 0 || evalBad) {
          this.divergedAt[m] = bad >= 0 ? first + bad : epoch;
          newlyDiverged = true;
        }
      }
      return {
        name: net.name,
        label: net.label,
        trainMse: lossHistory.length ? lossHistory[lossHistory.length - 1] : NaN,
        testMse: testLoss[m],
        trainMseEval: trainLossEval[m],
        penalty: penaltyHistory.length ? penaltyHistory[penaltyHistory.length - 1] : NaN,
        testPred: Array.from(testPred.subarray(m * nTest, (m + 1) * nTest)),
        gridPred: Array.from(gridPred.subarray(m * nGrid, (m + 1) * nGrid)),
        lossHistory,
        penaltyHistory,
        divergedAt: this.divergedAt[m] !== null && this.divergedAt[m] <= epoch ? this.divergedAt[m] : null,
      };
    });
    if (newlyDiverged) this.writeHyper();
    if (this.trainStart !== null && !stale) {
      const now = performance.now();
      this.trainedMs += now - this.trainStart;
      this.trainStart = this.pendingEvaluations > 0 ? now : null;
    }
    return { epoch, checkpoint, nets, gridX: [...this.gridX], elapsedMs: this.trainedMs };
  }

  /** Resolves once every queued replay has run (a sync point without a readback). */
  flush(): Promise<void> {
    return this.compiled.flush();
  }

  /** Apply the live settings (rates, decay, L1, dropout, convention, momentum) from the next epoch on. */
  updateLive(settings: Settings): void {
    const s = resolveSettings(settings).settings;
    const fresh = tutorialNets(s);
    this.nets_ = this.nets_.map((net, m) => {
      const update = fresh.find((f) => f.name === net.name) ?? fresh[Math.min(m, fresh.length - 1)];
      return {
        ...net,
        hyper: { ...update.hyper, optimizer: { ...update.hyper.optimizer, type: net.hyper.optimizer.type }, seed: net.hyper.seed },
      };
    });
    this.writeHyper();
  }

  /**
   * Frozen models only (every net inactive, as MC-dropout's copies are): the next train epoch runs
   * as update `epoch + 1` — its dropout masks — and nothing else changes.
   */
  seekFrozen(epoch: number): void {
    if (this.nets_.some((n) => n.hyper.active)) throw new RangeError('seekFrozen: only an experiment of frozen (inactive) nets can seek');
    if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(`seekFrozen: epoch must be a whole number ≥ 0, got ${epoch}`);
    this.compiled.setStep(epoch + 1);
    this.epoch_ = epoch;
    this.lastEvalEpoch = epoch;
  }

  /** Set one net's hyperparameters directly (grid sweeps, tests). */
  setNetHyper(index: number, hyper: ModelHyper): void {
    this.nets_[index] = { ...this.nets_[index], hyper };
    this.writeHyper();
  }

  /** Parameters and optimizer state of every model (queued at once, like evaluate), for restore(). */
  snapshot(): Promise<Float32Array[]> {
    const ids = this.traced.params.flatMap((p) => [p.value, p.m, p.v]);
    return this.compiled.readMany(ids);
  }

  /**
   * Back to a snapshot taken at `epoch` (this run's, or any run's of the same shape and nets): the
   * next epoch trains exactly as it did after that snapshot. Divergence after `epoch` is forgotten.
   */
  restore(state: readonly Float32Array[], epoch: number): void {
    const ids = this.traced.params.flatMap((p) => [p.value, p.m, p.v]);
    if (state.length !== ids.length) throw new RangeError(`restore: expected ${ids.length} arrays, got ${state.length}`);
    ids.forEach((id, i) => this.compiled.write(id, state[i]));
    this.compiled.setStep(epoch + 1);
    this.generation++;
    this.epoch_ = epoch;
    this.lastEvalEpoch = epoch;
    this.trainStart = null;
    if (epoch === 0) this.trainedMs = 0;
    this.divergedAt.forEach((d, m) => {
      if (d !== null && d > epoch) this.divergedAt[m] = null;
    });
    this.writeHyper();
  }

  /**
   * A recovery point: everything the next epochs depend on — parameters, optimizer state, the
   * per-epoch loss and penalty rings since the last evaluation, divergence — read at once (queued
   * like evaluate, so the training queued before it is included). `resume` on an experiment of
   * the same shape and nets, on any backend, continues exactly as this one would.
   */
  recoveryPoint(): Promise<RecoveryPoint> {
    const { io } = this.traced;
    const epoch = this.epoch_;
    const evaluatedAt = this.lastEvalEpoch;
    const divergedAt = [...this.divergedAt];
    const trainedMs = this.trainedMs + (this.trainStart === null ? 0 : performance.now() - this.trainStart);
    const ids = this.traced.params.flatMap((p) => [p.value, p.m, p.v]);
    return this.compiled.readMany([...ids, io.lossHistory, io.penaltyHistory]).then((arrays) => ({
      epoch,
      evaluatedAt,
      models: this.nets_.length,
      state: arrays.slice(0, ids.length),
      lossHistory: arrays[ids.length],
      penaltyHistory: arrays[ids.length + 1],
      divergedAt,
      trainedMs,
    }));
  }

  /** Continues from a recovery point (this experiment's or another's of the same shape and nets). */
  resume(point: RecoveryPoint): void {
    const { io } = this.traced;
    const ids = this.traced.params.flatMap((p) => [p.value, p.m, p.v]);
    if (point.models !== this.nets_.length || point.state.length !== ids.length) {
      throw new RangeError(
        `resume: the recovery point holds ${point.models} models × ${point.state.length} arrays, this experiment ${this.nets_.length} × ${ids.length}`,
      );
    }
    ids.forEach((id, i) => this.compiled.write(id, point.state[i]));
    this.compiled.write(io.lossHistory, point.lossHistory);
    this.compiled.write(io.penaltyHistory, point.penaltyHistory);
    this.compiled.setStep(point.epoch + 1);
    this.generation++;
    this.epoch_ = point.epoch;
    this.lastEvalEpoch = point.evaluatedAt;
    this.trainStart = null;
    this.trainedMs = point.trainedMs;
    point.divergedAt.forEach((d, m) => (this.divergedAt[m] = d));
    this.writeHyper();
  }

  /** Current parameters of one net, by name (W1, b1, …). */
  async parameters(index: number): Promise<Record<string, Float32Array>> {
    return (await this.allParameters())[index];
  }

  /** Overwrite every net's parameters (plan order W1, b1, …), e.g. copies of a trained net. */
  writeParameters(perNet: readonly (readonly Float32Array[])[]): void {
    this.writePerNet(perNet, 'writeParameters');
  }

  /** Train-mode (dropout on) predictions of the last train epoch on the training inputs, per net. */
  async trainModePredictions(): Promise<number[][]> {
    const [pred] = await this.compiled.readMany([this.traced.io.trainPred]);
    const n = this.data.x.length;
    return this.nets_.map((_, m) => Array.from(pred.subarray(m * n, (m + 1) * n)));
  }

  /** Current parameters of every net (one readback), by name (W1, b1, …). */
  async allParameters(): Promise<Record<string, Float32Array>[]> {
    const { params } = this.traced;
    const values = await this.compiled.readMany(params.map((p) => p.value));
    return this.nets_.map((_, index) => {
      const out: Record<string, Float32Array> = {};
      params.forEach((p, k) => {
        const size = p.rows * p.cols;
        out[p.name] = values[k].slice(index * size, (index + 1) * size);
      });
      return out;
    });
  }

  /** Layer sizes (1, H, …, H, 1). */
  get sizes(): readonly number[] {
    return architecture(this.settings);
  }

  get parameterNames(): readonly string[] {
    return this.traced.params.map((p) => p.name);
  }

  /** Elements of each parameter of one net, in plan order. */
  get parameterSizes(): readonly number[] {
    return this.traced.params.map((p) => p.rows * p.cols);
  }

  /** Every net's parameters (by name) in a snapshot() result, without a readback. */
  parametersIn(state: readonly Float32Array[]): Record<string, Float32Array>[] {
    const { params } = this.traced;
    if (state.length !== params.length * 3) throw new RangeError(`parametersIn: expected ${params.length * 3} arrays, got ${state.length}`);
    return this.nets_.map((_, index) => {
      const out: Record<string, Float32Array> = {};
      params.forEach((p, k) => {
        const size = p.rows * p.cols;
        out[p.name] = state[3 * k].slice(index * size, (index + 1) * size);
      });
      return out;
    });
  }

  dispose(): void {
    this.compiled.dispose();
  }
}

export { isCheckpoint };

/**
 * Trains `exp` to `epochs` and evaluates at every checkpoint of the schedule (src/experiment/schedule.ts):
 * epoch 0 when it starts there, after updates 1, 1 + every, …, and after the last update.
 */
export async function runSchedule(
  exp: Experiment,
  epochs: number,
  every: number,
  onCheckpoint: (c: Checkpoint) => void = () => {},
): Promise<Checkpoint[]> {
  const out: Checkpoint[] = [];
  const record = (c: Checkpoint): void => {
    out.push(c);
    onCheckpoint(c);
  };
  if (exp.epoch === 0) record(await exp.checkpoint());
  for (let next = nextCheckpoint(exp.epoch, epochs, every); next !== null; next = nextCheckpoint(exp.epoch, epochs, every)) {
    while (exp.epoch < next) {
      const n = Math.min(next - exp.epoch, exp.historyCapacity);
      exp.train(n);
      if (exp.epoch < next) await exp.evaluate({ checkpoint: false });
    }
    record(await exp.checkpoint());
  }
  return out;
}
