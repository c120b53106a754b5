// The states a run can restart from: parameters and optimizer state of every model at some
// epochs (epoch 0 always, then the checkpoints). A replay restarts from epoch 0, "Continue from
// here" from the last one before the epoch on screen, a lost device from the last one of all.
// Bounded by bytes: past the budget every other one is dropped (epoch 0 and the newest stay).

/** Bytes of snapshots one run keeps at most. */
export const SNAPSHOT_BUDGET_BYTES = 64 * 1024 * 1024;

export interface Snapshot {
  readonly epoch: number;
  readonly state: readonly Float32Array[];
}

export class SnapshotStore {
  private items: Snapshot[] = [];

  constructor(private readonly budgetBytes = SNAPSHOT_BUDGET_BYTES) {}

  get epochs(): number[] {
    return this.items.map((s) => s.epoch);
  }

  add(epoch: number, state: readonly Float32Array[]): void {
    this.items = this.items.filter((s) => s.epoch !== epoch);
    const at = this.items.findIndex((s) => s.epoch > epoch);
    const snap = { epoch, state };
    if (at < 0) this.items.push(snap);
    else this.items.splice(at, 0, snap);
    this.thin();
  }

  /** The newest snapshot at or before `epoch`. */
  atOrBefore(epoch: number): Snapshot | null {
    let best: Snapshot | null = null;
    for (const s of this.items) if (s.epoch <= epoch) best = s;
    return best;
  }

  /** Forget every snapshot after `epoch` (that future is recomputed). */
  dropAfter(epoch: number): void {
    this.items = this.items.filter((s) => s.epoch <= epoch);
  }

  private bytes(): number {
    return this.items.reduce((sum, s) => sum + s.state.reduce((a, b) => a + b.byteLength, 0), 0);
  }

  private thin(): void {
    while (this.items.length > 2 && this.bytes() > this.budgetBytes) {
      const last = this.items.length - 1;
      // drop every other one between the first (epoch 0) and the newest
      this.items = this.items.filter((_, i) => i === 0 || i === last || i % 2 === 0);
      if (this.items.length <= 2) break;
    }
  }
}
