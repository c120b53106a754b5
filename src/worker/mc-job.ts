// MC-dropout as a job of the training session: T samples of the regularized net's weights at one
// epoch, computed in groups of G copies (McDropout), one group per turn of the session's loop, so
// commands land between groups. G fits the backend's memory (resources.ts: at most `maxGroup`)
// and about one slice of time (from the measured cost per sample). After the first group G is a
// power of two, so a few plans serve every T; a group may compute more samples than are missing
// and keeps only those. Every group of one request uses the same draw (dropout step), so the
// groups together give exactly what one experiment of all T copies gives. The weights are read
// with the first group (`weights()`), not when the job is asked for, so that a Reset is not kept
// waiting by their readback. Otherwise pure bookkeeping.

import type { NetSpec } from '../experiment/runner';
import type { Settings } from '../experiment/settings';

/** The sampled net's weights (in the plan's parameter order) and the epoch they are of. */
export interface McWeights {
  readonly epoch: number;
  readonly params: readonly Float32Array[];
}

export class McJob {
  private readonly curves: number[][] = [];
  private msPerSample: number | null;
  private loaded: Promise<McWeights> | null = null;

  constructor(
    /** the run whose weights are sampled */
    readonly run: number,
    /** the run's settings (the net's shape) and the prediction grid */
    readonly settings: Settings,
    readonly gridX: readonly number[],
    readonly net: NetSpec,
    private readonly load: () => Promise<McWeights>,
    readonly samples: number,
    /** the largest group the backend's memory holds */
    readonly maxGroup: number,
    /** the dropout step all groups share */
    readonly draw: number,
    private readonly sliceMs: number,
    /** a first guess of one sample's cost (ms), null when nothing was measured yet */
    estimateMsPerSample: number | null,
  ) {
    this.msPerSample = estimateMsPerSample;
  }

  /** The weights, read once (by the first group to ask). */
  weights(): Promise<McWeights> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  get done(): boolean {
    return this.curves.length >= this.samples;
  }

  /** the first sample of the next group */
  get next(): number {
    return this.curves.length;
  }

  get predictions(): readonly (readonly number[])[] {
    return this.curves;
  }

  /** Copies in the next group: about one slice of work, within the memory, at least 1. */
  groupSize(): number {
    const remaining = this.samples - this.curves.length;
    if (remaining <= 0) return 0;
    if (this.msPerSample === null) return Math.min(2, remaining, this.maxGroup);
    const byTime = Math.max(1, Math.min(this.maxGroup, Math.floor(this.sliceMs / Math.max(this.msPerSample, 1e-4))));
    if (this.curves.length === 0 && byTime >= remaining) return remaining; // all at once
    return Math.min(this.maxGroup, 2 ** Math.floor(Math.log2(byTime)));
  }

  /** A group of `curves.length` samples took `ms`: keep those still missing. */
  add(curves: readonly (readonly number[])[], ms: number): void {
    if (curves.length > 0) this.msPerSample = Math.max(0, ms) / curves.length;
    for (const c of curves.slice(0, this.samples - this.curves.length)) this.curves.push([...c]);
  }
}
