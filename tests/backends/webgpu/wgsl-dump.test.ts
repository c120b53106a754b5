// The DROPOUT_LAB_DUMP_WGSL switch: on only for "1" in a Node environment, off where there is no
// environment (a browser); a dump names the shader and holds its text unchanged.

import { describe, expect, it } from 'vitest';
import { DUMP_WGSL_ENV, formatWgslDump, wgslDumpEnabled } from '../../../src/backends/webgpu/wgsl-dump';

describe('DROPOUT_LAB_DUMP_WGSL', () => {
  it('is on for "1" only', () => {
    expect(DUMP_WGSL_ENV).toBe('DROPOUT_LAB_DUMP_WGSL');
    expect(wgslDumpEnabled({ DROPOUT_LAB_DUMP_WGSL: '1' })).toBe(true);
    for (const value of ['0', '', 'true', undefined]) expect(wgslDumpEnabled({ DROPOUT_LAB_DUMP_WGSL: value })).toBe(false);
    expect(wgslDumpEnabled({})).toBe(false);
    expect(wgslDumpEnabled(undefined)).toBe(false); // a browser: no process.env
  });

  it('prints the label, the line count and the unchanged source', () => {
    const wgsl = 'const A: u32 = 1u;\nfn f() {}\n';
    const text = formatWgslDump('matmul 20x1x300 -> h1', wgsl);
    expect(text.startsWith('// ---- WGSL "matmul 20x1x300 -> h1" (3 lines) ----\n')).toBe(true);
    expect(text).toContain(`\n${wgsl}\n`);
    expect(text.endsWith('// ---- end of "matmul 20x1x300 -> h1" ----')).toBe(true);
  });
});
