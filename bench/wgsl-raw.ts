// esbuild plugin for the benchmark bundles: `import text from './x.wgsl?raw'` → the file's text,
// as Vite's `?raw` does for the page.

import type { Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const wgslRaw: Plugin = {
  name: 'wgsl-raw',
  setup(b) {
    b.onResolve({ filter: /\.wgsl\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
      namespace: 'wgsl-raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'wgsl-raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};
