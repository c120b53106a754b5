// Adam's bias corrections per replay, computed on the host in double precision and rounded to f32
// exactly as the CPU backend (and torch) do: column j of row i holds, for the plan's j-th distinct
// (β1, β2) and step t0 + i, (f32(1 - β1^t), f32(sqrt(1 - β2^t))). One writeBuffer per submit.

export class BiasTable {
  private readonly data: Float32Array<ArrayBuffer>;

  constructor(
    readonly buffer: GPUBuffer,
    private readonly pairs: readonly (readonly [number, number])[],
    rows: number,
  ) {
    this.data = new Float32Array(Math.max(1, rows * pairs.length) * 2);
  }

  /** Bytes the GPU buffer needs for `rows` replays of `pairs` (at least one entry). */
  static bytes(pairs: number, rows: number): number {
    return Math.max(1, rows * pairs) * 8;
  }

  get columns(): number {
    return this.pairs.length;
  }

  /** Queues the rows for steps t0, t0+1, ... (or t0 for every row of a program that does not advance). */
  write(queue: GPUQueue, t0: number, rows: number, advances: boolean): void {
    if (this.pairs.length === 0) return;
    const n = advances ? rows : 1;
    for (let i = 0; i < n; i++) {
      const t = t0 + i;
      this.pairs.forEach(([beta1, beta2], j) => {
        const at = (i * this.pairs.length + j) * 2;
        this.data[at] = 1 - Math.pow(beta1, t);
        this.data[at + 1] = Math.sqrt(1 - Math.pow(beta2, t));
      });
    }
    queue.writeBuffer(this.buffer, 0, this.data, 0, n * this.pairs.length * 2);
  }
}
