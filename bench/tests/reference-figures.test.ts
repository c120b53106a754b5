// bench/reference-figures.json: the shipped file parses, its figures are those of the device notes
// they cite, its targets name cells the peers run measures, and a mistyped field is an error that
// names it.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import raw from '../reference-figures.json';
import { BROWSER_CELLS, cellKey } from '../peers/cells';
import { parseReferenceFigures, referenceFigures } from '../reference-figures';

const deviceNotes = resolve(
  process.env.GOLDEN_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'reference'),
  '..',
  'device',
  'README.md',
);

/** A copy of the shipped file with one change. */
function broken(change: (copy: typeof raw) => void): unknown {
  const copy = structuredClone(raw);
  change(copy);
  return copy;
}

describe('reference figures', () => {
  it('judges only cells that the peers run measures', () => {
    const measured = new Set([...BROWSER_CELLS.map(cellKey), 'dropout-lab/cpu×1@node', 'dropout-lab/cpu×2@node', 'pytorch/cpu@python']);
    expect(referenceFigures.peerTargets.length).toBeGreaterThan(0);
    for (const t of referenceFigures.peerTargets) {
      for (const ours of t.ours) {
        expect(measured).toContain(cellKey(ours));
        expect(ours.system).toBe('dropout-lab');
      }
      expect(measured).toContain(cellKey(t.peer));
    }
  });

  it("holds issue 10's targets: WebGPU ≥ 5× jax-js and TF.js WebGPU, the CPU backend (any pool size) ≥ 2× TF.js Wasm, on both jobs", () => {
    const factor = (job: string, peer: string, ours: string) =>
      referenceFigures.peerTargets.find((t) => t.job === job && cellKey(t.peer) === peer && t.ours.some((c) => cellKey(c) === ours))
        ?.factor;
    for (const job of ['seed', 'grid']) {
      expect(factor(job, 'jaxjs/webgpu@chromium', 'dropout-lab/webgpu@chromium')).toBe(5);
      expect(factor(job, 'tfjs/webgpu@chromium', 'dropout-lab/webgpu@chromium')).toBe(5);
      for (const ours of ['dropout-lab/cpu×1@chromium', 'dropout-lab/cpu×2@chromium', 'dropout-lab/cpu×1@node', 'dropout-lab/cpu×2@node'])
        expect(factor(job, 'tfjs/wasm@chromium', ours)).toBe(2);
    }
  });

  it.skipIf(!existsSync(deviceNotes))('holds the H100 figures of the device notes it cites', () => {
    const notes = readFileSync(deviceNotes, 'utf8');
    const { seedJob, grid64 } = referenceFigures.pytorchH100;
    for (const f of [seedJob.eager, seedJob.cudaGraph, grid64.bmm, grid64.cudaGraph]) expect(notes).toContain(`${f.ms} ms`);
    expect(notes).toContain(referenceFigures.pytorchH100.setup.replace(' on one H100', ''));
  });

  it('rejects a mistyped field and names it', () => {
    const parse = (change: (copy: typeof raw) => void) => () => parseReferenceFigures(broken(change));
    expect(parse((c) => ((c.pytorchH100.seedJob.eager as { ms: unknown }).ms = '1346'))).toThrow(
      /pytorchH100\.seedJob\.eager\.ms must be a positive number, got "1346"/,
    );
    expect(parse((c) => (c.peerTargets[1].peer.system = 'tensorflow'))).toThrow(
      /peerTargets\[1\]\.peer\.system must be one of dropout-lab, tfjs, jaxjs, pytorch, got "tensorflow"/,
    );
    expect(parse((c) => ((c as Partial<typeof raw>).deviceTargets = undefined))).toThrow(/deviceTargets must be an object/);
    expect(parse((c) => (c.deviceTargets.grid64Ms = 0))).toThrow(/deviceTargets\.grid64Ms must be a positive number, got 0/);
    expect(() => parseReferenceFigures([])).toThrow(/the file must be an object/);
    expect(
      parse((c) => ((c.peerTargets[4].ours as unknown[])[1] = { system: 'dropout-lab', backend: 'cpu', where: 'node', workers: 1.5 })),
    ).toThrow(/peerTargets\[4\]\.ours\[1\]\.workers must be a whole number, got 1\.5/);
    expect(parse((c) => ((c.peerTargets[4] as { ours: unknown }).ours = []))).toThrow(/peerTargets\[4\]\.ours must name at least one cell/);
    expect(parseReferenceFigures(broken(() => {}))).toEqual(referenceFigures);
  });
});
