// The CPU backend spread over a pool of workers along the model axis. Models are independent and
// their dropout masks are keyed by their own seed, so a plan of M models runs as contiguous model
// ranges, one per worker, each a sub-plan compiled by the worker's own CPU backend; the results
// are bit-identical to one CPU backend. Writes are sliced by range, runs and steps broadcast
// (run stays synchronous: it posts, the workers queue), reads gathered in model order. A worker's
// error surfaces on the next read as a BackendError. Disposing a plan frees idle workers for the
// next plan and terminates busy ones at once, so a Reset never waits for a long run.

import { BackendError, isBackendError, type Backend, type CompiledPlan, type MemoryLimits } from '../backend';
import { createCpuBackend } from '../cpu/cpu-backend';
import { HYPER_STRIDE, bufferLength, bufferSpec, type BufferId, type Plan } from '../../engine/plan';
import type { SpawnPoolWorker } from './messages';
import { mergeBuffer, modelRanges, sliceBuffer, sliceHyper, subPlan, type ModelRange } from './partition';
import { WorkerLink } from './worker-link';

export interface PooledCpuBackendOptions {
  /** at most this many workers (a plan uses at most one per model) */
  readonly workers: number;
  readonly spawn: SpawnPoolWorker;
}

/** Hands out workers: idle ones first, fresh ones up to no limit (a plan never waits for one). */
interface WorkerLease {
  lease(): WorkerLink;
  /** back after a plan: an idle worker is kept for the next plan, a busy or dead one terminated */
  giveBack(link: WorkerLink): void;
}

class PooledPlan implements CompiledPlan {
  private currentStep = 1;
  private error: BackendError | null = null;
  private disposed = false;

  constructor(
    readonly plan: Plan,
    private readonly links: readonly WorkerLink[],
    private readonly ranges: readonly ModelRange[],
    private readonly workers: WorkerLease,
  ) {
    for (const link of links) link.onError = (e) => (this.error ??= e);
  }

  get step(): number {
    return this.currentStep;
  }

  /** workers this plan runs on */
  get workerCount(): number {
    return this.links.length;
  }

  private assertOpen(): void {
    if (this.disposed) throw new BackendError('internal', 'CPU pool: the plan was disposed');
  }

  /** a worker's error, once one failed: every later read rejects with it */
  private assertHealthy(): void {
    if (this.error) throw this.error;
  }

  write(buf: BufferId, data: Float32Array): void {
    this.assertOpen();
    const spec = bufferSpec(this.plan, buf);
    const length = bufferLength(this.plan, spec);
    if (data.length !== length) throw new RangeError(`write ${spec.name}: expected ${length} floats, got ${data.length}`);
    this.links.forEach((link, w) => {
      const part = sliceBuffer(this.plan, buf, data, this.ranges[w]);
      link.send({ type: 'write', buf, data: part }, [part.buffer]);
    });
  }

  writeHyper(table: ArrayBuffer): void {
    this.assertOpen();
    const bytes = this.plan.models * HYPER_STRIDE * 4;
    if (table.byteLength !== bytes) {
      throw new RangeError(`hyper table: expected ${bytes} bytes for ${this.plan.models} models, got ${table.byteLength}`);
    }
    this.links.forEach((link, w) => {
      const rows = sliceHyper(table, this.ranges[w]);
      link.send({ type: 'hyper', table: rows }, [rows]);
    });
  }

  setStep(step: number): void {
    this.assertOpen();
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a whole number ≥ 1, got ${step}`);
    for (const link of this.links) link.send({ type: 'step', step });
    this.currentStep = step;
  }

  run(program: string, times = 1): void {
    this.assertOpen();
    const prog = this.plan.programs[program];
    if (!prog) throw new BackendError('internal', `cpu pool: no program "${program}"`);
    for (const link of this.links) link.send({ type: 'run', program, times });
    if (prog.advancesStep) this.currentStep += times;
  }

  async read(buf: BufferId): Promise<Float32Array> {
    const [data] = await this.readMany([buf]);
    return data;
  }

  async readMany(bufs: readonly BufferId[]): Promise<Float32Array[]> {
    this.assertOpen();
    this.assertHealthy();
    const perModel = bufs.filter((b) => !bufferSpec(this.plan, b).shared);
    // a shared buffer comes from the first worker only
    const asked = this.links.map((_, w) => (w === 0 ? bufs : perModel));
    const replies = await Promise.all(
      this.links.map((link, w) => (asked[w].length === 0 ? Promise.resolve(null) : link.call({ type: 'read', bufs: asked[w] }))),
    );
    this.assertHealthy();
    return bufs.map((buf) => {
      const parts = replies.flatMap((reply, w) => {
        if (!reply || reply.type !== 'read') return [];
        const at = asked[w].indexOf(buf);
        return at < 0 ? [] : [reply.data[at]];
      });
      return mergeBuffer(this.plan, buf, parts, this.ranges);
    });
  }

  /** Resolves once every worker has finished the work queued so far (rejects with a worker's error). */
  async flush(): Promise<void> {
    this.assertOpen();
    await Promise.all(this.links.map((link) => link.whenIdle()));
    this.assertHealthy();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const link of this.links) {
      link.onError = null;
      this.workers.giveBack(link);
    }
  }
}

class PooledCpuBackend implements Backend {
  readonly name = 'cpu';
  readonly description: string;
  private readonly idle: WorkerLink[] = [];
  private readonly all = new Set<WorkerLink>();
  private spawned = 0;
  private disposed = false;
  private readonly lease: WorkerLease = {
    lease: () => this.leaseWorker(),
    giveBack: (link) => this.giveBack(link),
  };

  constructor(
    readonly workers: number,
    private readonly spawn: SpawnPoolWorker,
  ) {
    const simd = createCpuBackend().description.includes('SIMD');
    this.description = `CPU ×${workers} worker${workers === 1 ? '' : 's'} (${simd ? 'WebAssembly SIMD' : 'reference'})`;
  }

  /** each worker holds its model range in its own WebAssembly memory */
  get memoryLimits(): MemoryLimits {
    return { kind: 'wasm', memories: this.workers };
  }

  async compile(plan: Plan): Promise<CompiledPlan> {
    if (this.disposed) throw new BackendError('internal', 'the CPU pool was disposed');
    const ranges = modelRanges(plan.models, this.workers);
    const links = ranges.map(() => this.leaseWorker());
    try {
      await Promise.all(links.map((link, w) => link.call({ type: 'compile', plan: subPlan(plan, ranges[w].count) })));
    } catch (e) {
      for (const link of links) this.retire(link);
      throw isBackendError(e) ? e : new BackendError('internal', `CPU pool: compile failed: ${String(e)}`);
    }
    return new PooledPlan(plan, links, ranges, this.lease);
  }

  private leaseWorker(): WorkerLink {
    const link = this.idle.pop() ?? new WorkerLink(this.spawn(), this.spawned++);
    this.all.add(link);
    return link;
  }

  private giveBack(link: WorkerLink): void {
    if (this.disposed || link.busy || link.dead) {
      this.retire(link);
      return;
    }
    link.send({ type: 'release' });
    this.idle.push(link);
  }

  private retire(link: WorkerLink): void {
    link.terminate('the CPU pool plan was disposed while this worker was busy');
    this.all.delete(link);
    const at = this.idle.indexOf(link);
    if (at >= 0) this.idle.splice(at, 1);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const link of [...this.all]) this.retire(link);
  }
}

/** A CPU backend over `workers` workers started by `spawn` (1 is a valid pool). */
export function createPooledCpuBackend(options: PooledCpuBackendOptions): Backend {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`CPU pool: workers must be a whole number ≥ 1, got ${options.workers}`);
  }
  return new PooledCpuBackend(options.workers, options.spawn);
}
