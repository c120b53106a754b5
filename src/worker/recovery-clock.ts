// When a batch job takes a recovery point (Experiment.recoveryPoint: parameters, optimizer state,
// loss rings, epoch): after its first slice, then whenever the compute since the last one is large
// enough that reading a point back costs at most `share` of it. Pure bookkeeping, no clock.

/** Recovery points cost at most this share of the compute time. */
export const RECOVERY_SHARE = 0.05;

export class RecoveryClock {
  private costMs: number | null = null;
  private sinceMs = 0;

  /** `share`: at most this share of compute spent on recovery points (Infinity: one after every slice) */
  constructor(private readonly share: number = RECOVERY_SHARE) {}

  /** A slice of `ms` of compute ran: whether a recovery point is due now. */
  afterSlice(ms: number): boolean {
    this.sinceMs += Math.max(0, ms);
    return this.costMs === null || this.costMs <= this.share * this.sinceMs;
  }

  /** A recovery point was taken; reading it back cost `costMs`. */
  taken(costMs: number): void {
    this.costMs = Math.max(0, costMs);
    this.sinceMs = 0;
  }
}
