// Readback through MAP_READ staging buffers: one copy command per requested buffer into a single
// staging buffer, one submit, one mapAsync. Idle staging buffers are pooled; concurrent reads
// each get their own.

import { BufferUsage, MapMode } from './gpu-flags';

export interface CopyRange {
  readonly src: GPUBuffer;
  /** byte offset in src */
  readonly offset: number;
  readonly bytes: number;
}

const MAX_IDLE = 4;

export class StagingPool {
  private readonly idle: GPUBuffer[] = [];
  private readonly live = new Set<GPUBuffer>();

  constructor(private readonly device: GPUDevice) {}

  /** Copies the ranges out after all previously submitted work and returns them as f32 arrays. */
  async read(ranges: readonly CopyRange[]): Promise<Float32Array[]> {
    const total = ranges.reduce((s, r) => s + r.bytes, 0);
    const staging = this.acquire(Math.max(total, 4));
    try {
      const encoder = this.device.createCommandEncoder({ label: 'readback' });
      let dst = 0;
      for (const r of ranges) {
        if (r.bytes > 0) encoder.copyBufferToBuffer(r.src, r.offset, staging, dst, r.bytes);
        dst += r.bytes;
      }
      this.device.queue.submit([encoder.finish()]);
      await staging.mapAsync(MapMode.READ, 0, Math.max(total, 4));
      const all = staging.getMappedRange(0, Math.max(total, 4));
      const out: Float32Array[] = [];
      let at = 0;
      for (const r of ranges) {
        out.push(new Float32Array(all.slice(at, at + r.bytes)));
        at += r.bytes;
      }
      staging.unmap();
      this.release(staging);
      return out;
    } catch (e) {
      this.live.delete(staging);
      staging.destroy();
      throw e;
    }
  }

  dispose(): void {
    for (const b of [...this.idle, ...this.live]) b.destroy();
    this.idle.length = 0;
    this.live.clear();
  }

  private acquire(bytes: number): GPUBuffer {
    let best = -1;
    this.idle.forEach((b, i) => {
      if (b.size >= bytes && (best < 0 || b.size < this.idle[best].size)) best = i;
    });
    const buffer =
      best >= 0
        ? this.idle.splice(best, 1)[0]
        : this.device.createBuffer({
            label: 'staging',
            size: Math.ceil(bytes / 256) * 256,
            usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
          });
    this.live.add(buffer);
    return buffer;
  }

  private release(buffer: GPUBuffer): void {
    this.live.delete(buffer);
    this.idle.push(buffer);
    if (this.idle.length > MAX_IDLE) this.idle.shift()?.destroy();
  }
}
