// shaders/*.wgsl are the source; src/backends/webgpu/shaders.gen.ts is what the code imports. The
// committed module must be what scripts/gen-shaders.mjs makes of the files (npm run typecheck runs
// the same --check), hold each file's text unchanged, and a stale copy must fail the check.

import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as shaders from '../../../src/backends/webgpu/shaders.gen';

const root = resolve(__dirname, '../../..');
const GENERATOR = 'scripts/gen-shaders.mjs';
const TARGET = 'src/backends/webgpu/shaders.gen.ts';
const wgslFiles = readdirSync(join(root, 'shaders')).filter((f) => f.endsWith('.wgsl'));

/** The exports of a generated module (plain JavaScript apart from `export`). */
function evaluate(module: string): Record<string, string> {
  const exports: Record<string, string> = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generator's own output, in a test
  new Function('exports', module.replace(/^export const (\w+) =/gm, 'exports.$1 =')).call(undefined, exports);
  return exports;
}

/** penalty-finish.wgsl -> penaltyFinishWgsl */
const exportName = (file: string) => `${file.replace(/\.wgsl$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Wgsl`;

describe('shaders.gen.ts', () => {
  it('is up to date with shaders/*.wgsl (the typecheck step runs this check)', () => {
    expect(() => execFileSync('node', [GENERATOR, '--check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toContain(`"typecheck": "node ${GENERATOR} --check && tsc`);
  });

  it('exports each shader file, text for text, and nothing else', () => {
    expect(wgslFiles.length).toBeGreaterThan(0);
    const exported = new Map<string, string>(Object.entries(shaders));
    expect([...exported.keys()].sort()).toEqual(wgslFiles.map(exportName).sort());
    for (const file of wgslFiles) expect(exported.get(exportName(file)), file).toBe(readFileSync(join(root, 'shaders', file), 'utf8'));
  });

  describe('on a copy of the project', () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    /** A fresh copy of the generator, the shaders and the generated module; `run` runs the generator there. */
    function copy(): { dir: string; run: (...args: string[]) => SpawnSyncReturns<string> } {
      const dir = mkdtempSync(join(tmpdir(), 'gen-shaders-'));
      dirs.push(dir);
      for (const path of [GENERATOR, 'shaders', TARGET]) cpSync(join(root, path), join(dir, path), { recursive: true });
      return { dir, run: (...args) => spawnSync('node', [GENERATOR, ...args], { cwd: dir, encoding: 'utf8' }) };
    }

    it('--check fails with a message that says what to run when a shader changed; regenerating fixes it', () => {
      const { dir, run } = copy();
      expect(run('--check').status).toBe(0);
      const shader = join(dir, 'shaders', 'mse.wgsl');
      // quotes, backquotes, ${ and backslashes must survive the string literal
      writeFileSync(shader, `${readFileSync(shader, 'utf8')}// edited: "q" \`x\` \${y} \\n\n`);
      const stale = run('--check');
      expect(stale.status).toBe(1);
      expect(stale.stderr).toMatch(/shaders\.gen\.ts is stale.*npm run gen:shaders/);
      expect(run().status).toBe(0);
      expect(run('--check').status).toBe(0);
      expect(evaluate(readFileSync(join(dir, TARGET), 'utf8')).mseWgsl).toBe(readFileSync(shader, 'utf8'));
    });

    it('--check fails when a shader file is added', () => {
      const { dir, run } = copy();
      writeFileSync(join(dir, 'shaders', 'extra-kernel.wgsl'), 'fn f() {}\n');
      expect(run('--check').status).toBe(1);
      expect(run().status).toBe(0);
      expect(evaluate(readFileSync(join(dir, TARGET), 'utf8')).extraKernelWgsl).toBe('fn f() {}\n');
    });
  });
});
