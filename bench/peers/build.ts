// Builds the benchmark page into dist-bench-peers/ (git-ignored): page.ts bundled by esbuild with
// this project's engine (its shaders in src/backends/webgpu/shaders.gen.ts), TF.js's Wasm binaries
// copied so they are served locally, and seed-job.json made from PyTorch's seed_run.json.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { seedJobFileFrom, type SeedRun } from './job';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OUT_DIR = join(ROOT, 'dist-bench-peers');

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench:peers</title></head>
<body><p>Dropout Lab peer benchmark page: driven by <code>npm run bench:peers</code>.</p>
<script type="module" src="./page.js"></script></body></html>
`;

export async function buildPage(referenceDir: string): Promise<string> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'bench', 'peers', 'page.ts')],
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    outdir: OUT_DIR,
    logLevel: 'warning',
    // tfjs-backend-wasm's Emscripten glue mentions Node modules it never loads in a browser
    external: ['fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto'],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  writeFileSync(join(OUT_DIR, 'index.html'), HTML);
  const seedRun = JSON.parse(readFileSync(join(referenceDir, 'seed_run.json'), 'utf8')) as SeedRun;
  writeFileSync(join(OUT_DIR, 'seed-job.json'), JSON.stringify(seedJobFileFrom(seedRun)));
  const wasmDir = join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    const to = join(OUT_DIR, 'tfjs-wasm', f);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(wasmDir, f), to);
  }
  return OUT_DIR;
}
