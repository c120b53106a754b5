// The warm-up before the first Play: a few epochs and evaluations of a new backend's first run,
// computed while the page waits for the user and then undone (the run's epoch-0 state comes back,
// as after a preview). The engine's code (the CPU pool's JavaScript and WebAssembly) is then
// compiled before Play rather than during its first half second, when the page's own code is being
// compiled too. Measured on a 2-core machine, first play of a freshly opened page, Hidden units 16
// on the CPU: tasks over 30 ms on the page's main thread in the first 800 ms fell from 10 in 12
// plays to 2 in 12, and V8's compiler threads from 256 to 188 ms of CPU (docs/PLAYBACK.md).
//
// Pure bookkeeping: how many epochs the next piece trains, and when the warm-up is over.

/** The warm-up's whole budget of compute (ms). */
export const WARM_UP_MS = 150;
/** The most epochs it trains. */
export const WARM_UP_EPOCHS = 100;
/** About how long one piece computes (ms): a command waits at most one piece. */
export const WARM_UP_PIECE_MS = 40;
/** The most epochs of one piece: at least 4 pieces, so that both kinds of evaluation run a few times. */
export const WARM_UP_PIECE_EPOCHS = WARM_UP_EPOCHS / 4;

export class WarmUp {
  private spentMs = 0;
  private epochs_ = 0;
  private pieces_ = 0;
  private next = 1;

  /** `budgetMs`: compute to spend at most. */
  constructor(private readonly budgetMs: number) {}

  /** epochs trained so far */
  get epochs(): number {
    return this.epochs_;
  }

  /** pieces computed so far */
  get pieces(): number {
    return this.pieces_;
  }

  /** Whether the last piece evaluates at a checkpoint (both kinds of evaluation get warm: every other piece). */
  get checkpointNext(): boolean {
    return this.pieces_ % 2 === 0;
  }

  /**
   * Epochs the next piece trains, at most `room` (what the engine's history buffer and the run's
   * epochs left allow); 0 once the warm-up is over.
   */
  nextEpochs(room: number): number {
    if (this.spentMs >= this.budgetMs) return 0;
    return Math.max(0, Math.min(this.next, room, WARM_UP_PIECE_EPOCHS, WARM_UP_EPOCHS - this.epochs_));
  }

  /** A piece of `epochs` epochs took `ms`: the next one is sized to about WARM_UP_PIECE_MS. */
  record(epochs: number, ms: number): void {
    this.spentMs += ms;
    this.epochs_ += epochs;
    this.pieces_++;
    const perEpoch = Math.max(ms, 0.01) / Math.max(1, epochs);
    this.next = Math.max(1, Math.floor(WARM_UP_PIECE_MS / perEpoch));
  }
}
