// One WebAssembly.Memory holding every buffer of a compiled plan (16-byte aligned), so the SIMD
// kernels and the TypeScript loops work on the same Float32Arrays without copies.

const PAGE = 65536;

export class Arena {
  readonly memory: WebAssembly.Memory;
  private next = 0;

  constructor(totalFloats: number) {
    const bytes = totalFloats * 4 + 64 * 1024;
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
  }

  /** a zeroed, 16-byte aligned Float32Array of n floats */
  alloc(n: number): Float32Array {
    const offset = this.next;
    this.next = offset + Math.ceil((n * 4) / 16) * 16;
    if (this.next > this.memory.buffer.byteLength) throw new RangeError(`cpu arena: out of room for ${n} floats`);
    return new Float32Array(this.memory.buffer, offset, n);
  }

  /** floats an allocation of n takes, alignment included */
  static footprint(n: number): number {
    return Math.ceil((n * 4) / 16) * 4;
  }
}
