// Builds the benchmark page into dist-bench-peers/ (git-ignored): browser/page.ts bundled by esbuild
// with this project's engine (its shaders in src/backends/webgpu/shaders.gen.ts; its CPU pool's
// worker as pool-worker.browser.js) and the peer libraries
// from bench/node_modules, TF.js's Wasm binaries copied so they are served locally, and
// seed-job.json made from PyTorch's seed_run.json. DROPOUT_LAB_BENCH_PEERS_OUT puts it elsewhere
// (the smoke test does, so a real run's results.json stays).

import { build, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { seedJobFileFrom, type SeedRun } from './job';

/** the repository */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** the bench package: its package.json and node_modules hold the peer libraries */
export const BENCH_DIR = join(ROOT, 'bench');
export const OUT_DIR = resolve(process.env.DROPOUT_LAB_BENCH_PEERS_OUT ?? join(ROOT, 'dist-bench-peers'));

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench:peers</title></head>
<body><p>Dropout Lab peer benchmark page: driven by <code>npm run bench:peers</code>.</p>
<script type="module" src="./page.js"></script></body></html>
`;

/** The CPU pool's browser worker: spawn-browser.ts names its TypeScript entry (Vite's way); here it is bundled as a .js beside the page. */
const POOL_WORKER = join(ROOT, 'src', 'backends', 'pool', 'pool-worker.browser.ts');
const poolWorkerUrl: Plugin = {
  name: 'pool-worker-url',
  setup(b) {
    b.onLoad({ filter: /spawn-browser\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(
        "new URL('./pool-worker.browser.ts', import.meta.url)",
        "new URL('./pool-worker.browser.js', import.meta.url)",
      );
      if (contents === source) throw new Error(`${args.path}: the pool worker's URL was not found (update bench/peers/build.ts)`);
      return { contents, loader: 'ts' };
    });
  },
};

export async function buildPage(referenceDir: string): Promise<string> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  await build({
    entryPoints: { page: join(BENCH_DIR, 'peers', 'browser', 'page.ts'), 'pool-worker.browser': POOL_WORKER },
    plugins: [poolWorkerUrl],
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
  const wasmDir = join(BENCH_DIR, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    const to = join(OUT_DIR, 'tfjs-wasm', f);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(wasmDir, f), to);
  }
  return OUT_DIR;
}
