// Data-driven PyTorch parity, shared by golden.test.ts (CPU) and golden.gpu.test.ts (WebGPU): every
// case of every golden_*.json in GOLDEN_DIR, replayed on one backend. A new golden file dropped into
// that folder is picked up with no code change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, BackendName } from '../../src/backends/backend';
import { formatReport, replayGoldenCase } from '../../src/experiment/golden';
import { goldenFileNames, loadGolden } from '../helpers/golden-files';

/** SwiftShader is a CPU emulation: on WebGPU the wide (≥ 100 units) files run cases a and b unless GPU_PARITY_FULL=1. */
function casesFor(backend: BackendName, file: string): string[] {
  const golden = loadGolden(file);
  const ids = Object.keys(golden.cases);
  const wide = Math.max(...golden.arch.sizes) >= 100;
  if (backend === 'webgpu' && wide && process.env.GPU_PARITY_FULL !== '1') return ids.filter((id) => /^[ab]_/.test(id));
  return ids;
}

export function describeGoldenParity(backendName: BackendName, open: () => Promise<{ backend: Backend; close: () => void }>): void {
  describe(`PyTorch golden parity on ${backendName}`, () => {
    let opened: { backend: Backend; close: () => void } | undefined;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(() => opened?.close());

    for (const file of goldenFileNames()) {
      for (const caseId of casesFor(backendName, file)) {
        it(`${file} ${caseId}`, async () => {
          if (!opened) throw new Error(`no ${backendName} backend`);
          const report = await replayGoldenCase(opened.backend, loadGolden(file), caseId);
          const failed = report.deviations.filter((d) => !(d.value <= d.tolerance));
          expect(failed, formatReport([report])).toEqual([]);
        });
      }
    }
  });
}
