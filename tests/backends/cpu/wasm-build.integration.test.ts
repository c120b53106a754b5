// The committed WebAssembly binary (src/backends/cpu/wasm/kernels.wasm.ts) is what kernels.wat
// assembles to: scripts/build-wasm.mjs --check, run as a user would.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('CPU backend: WebAssembly build', () => {
  it('kernels.wasm.ts is what kernels.wat assembles to', () => {
    const r = spawnSync('node', [resolve(__dirname, '../../../scripts/build-wasm.mjs'), '--check'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/kernels\.wasm\.ts matches kernels\.wat/);
  });
});
