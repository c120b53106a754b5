// Serves dist-bench-peers/ on 127.0.0.1 with Vite's preview server (the product's own static server).
// It sends the cross-origin isolation headers (COOP/COEP), as a site would that wants
// SharedArrayBuffer: TF.js's Wasm backend and jax-js can then use threads. Paths answered 404 are
// recorded, so the run can show that nothing was missing.

import { basename, dirname, resolve } from 'node:path';
import { preview, type Plugin } from 'vite';

export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
} as const;

export interface StaticServer {
  readonly url: string;
  readonly missing: string[];
  close(): Promise<void>;
}

/** Records the path of every request answered 404. */
function recordMissing(missing: string[]): Plugin {
  return {
    name: 'bench-peers-record-missing',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        res.on('finish', () => {
          if (res.statusCode === 404) missing.push(new URL(req.url ?? '/', 'http://x').pathname);
        });
        next();
      });
    },
  };
}

export async function serve(dir: string, isolated: boolean): Promise<StaticServer> {
  const missing: string[] = [];
  const served = resolve(dir);
  const server = await preview({
    configFile: false,
    // preview serves root/build.outDir (Vite warns when they are the same directory)
    root: dirname(served),
    build: { outDir: basename(served) },
    appType: 'mpa', // no SPA fallback: an unknown path is a 404, not index.html
    logLevel: 'warn',
    plugins: [recordMissing(missing)],
    preview: {
      host: '127.0.0.1',
      port: 0,
      strictPort: true,
      headers: { 'cache-control': 'no-store', ...(isolated ? ISOLATION_HEADERS : {}) },
    },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error(`vite preview of ${dir}: no local URL`);
  }
  return { url, missing, close: () => server.close() };
}
