// A plan compiled for WebGPU: every buffer (packed into arenas), pipeline and the one bind group
// are created once; run() records `times` replays of a program into one compute pass per command
// buffer (replayChunk replays each) and submits. The step t lives on the GPU as t0 (written once
// per submit, with the bias-correction rows) + the replay index (a dynamic uniform offset), so a
// train replay needs no extra dispatch and no per-step write; the host mirrors t for `step`.

import { BackendError, type CompiledPlan } from '../backend';
import { HYPER_STRIDE, type BufferId, type Kernel, type Plan } from '../../engine/plan';
import { layoutArenas, locationOf, type ArenaLayout, type ScratchSpec } from './arena';
import type { BackendContext } from './context';
import { openScopes, withErrorScopes } from './errors';
import { chainKernel, dispatchProgram, type DispatchProgram } from './kernels/dispatch';
import { gatedMaskGrads } from './kernels/gated-masks';
import { programKernels } from './kernels/index';
import { biasPairs } from './kernels/optimizer';
import { allModelsPlainAdam } from './kernels/param-sweep';
import { penaltyPartials } from './kernels/penalty';
import type { TilingProfile } from './kernels/matmul-tiling';
import type { KernelContext } from './kernels/program';
import { scheduleGroups } from './kernels/schedule';
import { CtlWord } from './shared-constants';
import { createPlanResources, type PlanResources } from './plan-resources';
import { StagingPool } from './readback';

/**
 * A dispatch's plain-Adam variant (DispatchProgram.plainAdam), run instead while every model's step
 * is a plain Adam one: compiled in the background the first time a table says so (a plan that
 * never sees such a table never pays for it), used once ready.
 */
interface Variant {
  readonly program: DispatchProgram;
  pipeline?: GPUComputePipeline;
  compiling?: Promise<void>;
}

interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly variant?: Variant;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

interface CompiledProgram {
  readonly advancesStep: boolean;
  readonly dispatches: readonly Dispatch[];
}

/** Scratch buffers the kernels need (the penalty's per-workgroup partial sums), one per kernel. */
function scratchFor(plan: Plan, profile: TilingProfile): { specs: ScratchSpec[]; ids: Map<Kernel, BufferId> } {
  const specs: ScratchSpec[] = [];
  const ids = new Map<Kernel, BufferId>();
  for (const [name, program] of Object.entries(plan.programs)) {
    program.kernels.forEach((k, i) => {
      if (k.kind !== 'penalty' || ids.has(k)) return;
      ids.set(k, plan.buffers.length + specs.length);
      specs.push({ name: `${name}#${i}.penalty-partials`, elemsPerModel: 2 * penaltyPartials(plan, k, profile) });
    });
  }
  return { specs, ids };
}

/** Matmuls that feed an mse: one workgroup computes a model's whole output so the loss can chain after it. */
function lossFeeders(plan: Plan, merge: boolean): Set<Kernel> {
  const feeders = new Set<Kernel>();
  if (!merge) return feeders;
  for (const program of Object.values(plan.programs)) {
    for (const k of program.kernels) {
      if (k.kind !== 'matmul' || k.rows * k.cols > WHOLE_OUTPUT_MAX) continue;
      if (program.kernels.some((m) => m.kind === 'mse' && m.pred === k.out)) feeders.add(k);
    }
  }
  return feeders;
}

/** Largest output (per model) a chained matmul computes in one workgroup. */
const WHOLE_OUTPUT_MAX = 1024;

/** Dispatch programs of every plan program (throws BackendError('validation') on an inconsistent plan). */
export function planDispatches(ctx: BackendContext, kctx: KernelContext): Map<string, DispatchProgram[]> {
  const out = new Map<string, DispatchProgram[]>();
  for (const [name, program] of Object.entries(kctx.plan.programs)) {
    const kernels = programKernels(kctx, program.kernels, ctx.tiling);
    const groups = scheduleGroups(kernels, ctx.merge);
    out.set(
      name,
      groups.map((chains) => dispatchProgram(kctx.arenaCount, chains.map(chainKernel))),
    );
  }
  return out;
}

export async function compilePlan(ctx: BackendContext, plan: Plan): Promise<WebGpuCompiledPlan> {
  ctx.assertUsable();
  if (!Number.isInteger(plan.models) || plan.models < 1 || plan.models > 65535) {
    throw new BackendError('validation', `plan: models must be an integer in 1..65535, got ${plan.models}`);
  }
  const scratch = scratchFor(plan, ctx.tilingProfile);
  const layout = layoutArenas(plan, ctx.arenaBytes, ctx.maxArenas, scratch.specs);
  const kctx: KernelContext = {
    plan,
    layout,
    arenaCount: layout.arenaElems.length,
    tilingProfile: ctx.tilingProfile,
    biasPairs: biasPairs(plan),
    scratch: (k) => scratch.ids.get(k),
    wholeOutput: lossFeeders(plan, ctx.merge),
    gatedMasks: new Set(Object.values(plan.programs).flatMap((p) => [...gatedMaskGrads(p)])),
  };
  const dispatchPrograms = planDispatches(ctx, kctx);
  const { pipelineLayout } = ctx.layoutsFor(kctx.arenaCount);
  let res: PlanResources | undefined;
  try {
    return await withErrorScopes(ctx.device, 'compile', async () => {
      res = createPlanResources(ctx, plan.models, layout, kctx.biasPairs);
      const programs = new Map<string, CompiledProgram>();
      for (const [name, progs] of dispatchPrograms) {
        const pipelines = await Promise.all(progs.map((p) => ctx.pipelines.get(p, pipelineLayout)));
        const dispatches = progs.map((p, i) => ({
          pipeline: pipelines[i],
          ...(p.plainAdam ? { variant: { program: p.plainAdam } } : {}),
          x: p.dispatch[0],
          y: p.dispatch[1],
          z: p.dispatch[2],
        }));
        programs.set(name, { advancesStep: plan.programs[name].advancesStep, dispatches });
      }
      return new WebGpuCompiledPlan(ctx, plan, layout, res, programs, dispatchPrograms);
    });
  } catch (e) {
    res?.destroy();
    throw e;
  }
}

export class WebGpuCompiledPlan implements CompiledPlan {
  private t = 1;
  /** the hyperparameter table last written has only plain Adam steps (allModelsPlainAdam) */
  private plainAdam = false;
  private disposed = false;
  private readonly ctlData = new Uint32Array(4);
  private readonly staging: StagingPool;
  private readonly pending = new Set<Promise<void>>();
  private failure: BackendError | undefined;

  constructor(
    private readonly ctx: BackendContext,
    readonly plan: Plan,
    private readonly layout: ArenaLayout,
    private readonly res: PlanResources,
    private readonly programs: ReadonlyMap<string, CompiledProgram>,
    /** what each program's dispatches run (for inspection and tests) */
    readonly dispatchPrograms: ReadonlyMap<string, readonly DispatchProgram[]>,
  ) {
    this.staging = new StagingPool(ctx.device);
    this.ctlData[CtlWord.biasColumns] = res.biasTable.columns;
  }

  get step(): number {
    return this.t;
  }

  /** GPU buffers the plan's buffers are packed into. */
  get arenaCount(): number {
    return this.res.arenas.length;
  }

  /** Dispatches one replay of `program` records. */
  dispatchCount(program: string): number {
    return this.programOf(program).dispatches.length;
  }

  write(buf: BufferId, data: Float32Array): void {
    this.assertUsable();
    const loc = locationOf(this.layout, buf);
    if (buf >= this.plan.buffers.length || data.length !== loc.length) {
      throw new BackendError('validation', `write: buffer ${buf} holds ${loc.length} floats, got ${data.length}`);
    }
    // writeBuffer takes no SharedArrayBuffer views: copy those
    const view = data.buffer instanceof ArrayBuffer ? (data as Float32Array<ArrayBuffer>) : new Float32Array(data);
    this.ctx.device.queue.writeBuffer(this.res.arenas[loc.arena], loc.offset * 4, view);
  }

  writeHyper(table: ArrayBuffer): void {
    this.assertUsable();
    const bytes = this.plan.models * HYPER_STRIDE * 4;
    if (table.byteLength !== bytes) {
      throw new BackendError('validation', `writeHyper: expected ${bytes} bytes (${this.plan.models} rows), got ${table.byteLength}`);
    }
    this.ctx.device.queue.writeBuffer(this.res.hyper, 0, table);
    this.plainAdam = allModelsPlainAdam(table, this.plan.models);
    if (this.plainAdam) this.compileVariants();
  }

  /** Starts compiling the plain-Adam variants not compiled yet; a failure keeps the general kernels. */
  private compileVariants(): void {
    const { pipelineLayout } = this.ctx.layoutsFor(this.res.arenas.length);
    for (const prog of this.programs.values()) {
      for (const d of prog.dispatches) {
        const v = d.variant;
        if (!v || v.compiling) continue;
        v.compiling = this.ctx.pipelines.get(v.program, pipelineLayout).then(
          (pipeline) => {
            v.pipeline = pipeline;
          },
          () => undefined,
        );
      }
    }
  }

  /** Resolves when the variants being compiled are ready (or have failed): tests and profiling wait for it. */
  async variantsSettled(): Promise<void> {
    const compiling = [...this.programs.values()].flatMap((p) =>
      p.dispatches.flatMap((d) => (d.variant?.compiling ? [d.variant.compiling] : [])),
    );
    await Promise.all(compiling);
  }

  /** Dispatch `d`'s plain-Adam variant when it runs now: compiled, and the table last written has only plain Adam steps. */
  private runningVariant(d: Dispatch): Variant | undefined {
    return this.plainAdam && d.variant?.pipeline ? d.variant : undefined;
  }

  /** The pipeline dispatch `d` runs with the hyperparameter table last written. */
  private pipelineOf(d: Dispatch): GPUComputePipeline {
    return this.runningVariant(d)?.pipeline ?? d.pipeline;
  }

  /** Profiling: the label of what dispatch `index` of `program` runs now (its plain-Adam variant's, when that runs). */
  dispatchLabel(program: string, index: number): string {
    const d = this.programs.get(program)?.dispatches[index];
    const p = this.dispatchPrograms.get(program)?.[index];
    if (!d || !p) throw new BackendError('validation', `dispatchLabel: "${program}" has no dispatch ${index}`);
    return (this.runningVariant(d)?.program ?? p).label;
  }

  setStep(step: number): void {
    if (!Number.isInteger(step) || step < 1 || step > 0xffffffff) throw new BackendError('validation', `setStep: bad step ${step}`);
    this.t = step;
  }

  run(program: string, times = 1): void {
    this.assertUsable();
    const prog = this.programOf(program);
    if (!Number.isInteger(times) || times < 0) throw new BackendError('validation', `run: bad count ${times}`);
    const { device, replayChunk, replayOffsets } = this.ctx;
    const close = openScopes(device);
    for (let done = 0; done < times;) {
      const n = Math.min(replayChunk, times - done);
      this.ctlData[CtlWord.t0] = this.t;
      device.queue.writeBuffer(this.res.ctl, 0, this.ctlData);
      this.res.biasTable.write(device.queue, this.t, n, prog.advancesStep);
      const encoder = device.createCommandEncoder({ label: program });
      const pass = encoder.beginComputePass({ label: program });
      let last: GPUComputePipeline | undefined;
      for (let i = 0; i < n; i++) {
        pass.setBindGroup(0, this.res.bindGroup, replayOffsets, prog.advancesStep ? i : 0, 1);
        for (const d of prog.dispatches) {
          const pipeline = this.pipelineOf(d);
          if (pipeline !== last) pass.setPipeline(pipeline);
          last = pipeline;
          pass.dispatchWorkgroups(d.x, d.y, d.z);
        }
      }
      pass.end();
      device.queue.submit([encoder.finish()]);
      if (prog.advancesStep) this.t += n;
      done += n;
    }
    this.track(close(), `run("${program}")`);
  }

  /**
   * Profiling: replays dispatch `index` of `program` alone, `times` times in one compute pass, at
   * the current step (which it does not advance). What it computes is meaningless on its own.
   */
  runDispatch(program: string, index: number, times = 1): void {
    this.assertUsable();
    const d = this.programOf(program).dispatches[index];
    if (!d) throw new BackendError('validation', `runDispatch: "${program}" has no dispatch ${index}`);
    if (!Number.isInteger(times) || times < 0) throw new BackendError('validation', `runDispatch: bad count ${times}`);
    const { device, replayOffsets } = this.ctx;
    const close = openScopes(device);
    this.ctlData[CtlWord.t0] = this.t;
    device.queue.writeBuffer(this.res.ctl, 0, this.ctlData);
    this.res.biasTable.write(device.queue, this.t, 1, false);
    const encoder = device.createCommandEncoder({ label: `${program}#${index}` });
    const pass = encoder.beginComputePass({ label: `${program}#${index}` });
    pass.setBindGroup(0, this.res.bindGroup, replayOffsets, 0, 1);
    pass.setPipeline(this.pipelineOf(d));
    for (let i = 0; i < times; i++) pass.dispatchWorkgroups(d.x, d.y, d.z);
    pass.end();
    device.queue.submit([encoder.finish()]);
    this.track(close(), `runDispatch("${program}", ${index})`);
  }

  async read(buf: BufferId): Promise<Float32Array> {
    const [out] = await this.readMany([buf]);
    return out;
  }

  async readMany(bufs: readonly BufferId[]): Promise<Float32Array[]> {
    this.assertUsable();
    const ranges = bufs.map((id) => {
      const loc = locationOf(this.layout, id);
      return { src: this.res.arenas[loc.arena], offset: loc.offset * 4, bytes: loc.length * 4 };
    });
    let out: Float32Array[];
    try {
      out = await this.staging.read(ranges);
    } catch (e) {
      await new Promise((resolve) => setTimeout(resolve, 0)); // let device.lost settle first
      const lost = this.ctx.lost();
      if (lost) throw lost;
      throw e instanceof BackendError ? e : new BackendError('internal', `read failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    await Promise.all(this.pending);
    const failure = this.failure;
    if (failure) {
      this.failure = undefined;
      throw failure;
    }
    return out;
  }

  /** Waits for the queued work (a sync point without a readback); rejects as a read would on failure. */
  async flush(): Promise<void> {
    this.assertUsable();
    try {
      await this.ctx.device.queue.onSubmittedWorkDone();
    } catch (e) {
      const lost = this.ctx.lost();
      if (lost) throw lost;
      throw e instanceof BackendError ? e : new BackendError('internal', `flush failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    await Promise.all(this.pending);
    const lost = this.ctx.lost();
    if (lost) throw lost;
    const failure = this.failure;
    if (failure) {
      this.failure = undefined;
      throw failure;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.staging.dispose();
    this.res.destroy();
    this.ctx.forget(this);
  }

  private programOf(name: string): CompiledProgram {
    const prog = this.programs.get(name);
    if (!prog) throw new BackendError('validation', `unknown program "${name}" (have ${[...this.programs.keys()].join(', ')})`);
    return prog;
  }

  private assertUsable(): void {
    this.ctx.assertUsable();
    if (this.disposed) throw new BackendError('validation', 'this compiled plan was disposed');
  }

  /** Remembers the first asynchronous error of a run; the next read rejects with it. */
  private track(result: Promise<BackendError | undefined>, what: string): void {
    const p = result.then(
      (err) => {
        if (!err) return;
        const error = new BackendError(err.kind, `${what}: ${err.message}`);
        this.failure ??= error;
        this.ctx.report(error);
      },
      () => undefined,
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}
