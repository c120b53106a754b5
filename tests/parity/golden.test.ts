// Data-driven PyTorch parity: every case of every golden_*.json in GOLDEN_DIR, on every backend.
// A new golden file dropped into that folder is picked up with no code change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/backends/backend';
import type { NodeBackend } from '../../src/cli/node-backend';
import { formatReport, replayGoldenCase } from '../../src/experiment/golden';
import { openBackend, parityBackendNames } from '../helpers/backends';
import { goldenFileNames, loadGolden } from '../helpers/golden-files';

/** SwiftShader is a CPU emulation: on WebGPU the wide (≥ 100 units) files run cases a and b unless GPU_PARITY_FULL=1. */
function casesFor(backend: BackendName, file: string): string[] {
  const golden = loadGolden(file);
  const ids = Object.keys(golden.cases);
  const wide = Math.max(...golden.arch.sizes) >= 100;
  if (backend === 'webgpu' && wide && process.env.GPU_PARITY_FULL !== '1') return ids.filter((id) => /^[ab]_/.test(id));
  return ids;
}

for (const backendName of parityBackendNames()) {
  describe(`PyTorch golden parity on ${backendName}`, () => {
    let nb: NodeBackend;
    beforeAll(async () => {
      nb = await openBackend(backendName);
    });
    afterAll(() => nb?.close());

    for (const file of goldenFileNames()) {
      for (const caseId of casesFor(backendName, file)) {
        it(`${file} ${caseId}`, async () => {
          const report = await replayGoldenCase(nb.backend, loadGolden(file), caseId);
          const failed = report.deviations.filter((d) => !(d.value <= d.tolerance));
          expect(failed, formatReport([report])).toEqual([]);
        });
      }
    }
  });
}
