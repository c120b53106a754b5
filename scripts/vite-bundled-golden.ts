// Vite plugin: ships the small PyTorch golden file with the page, so the parity panel can replay
// it without the user finding the file. It reads golden_small.json from GOLDEN_DIR (default
// ../shared/reference next to the repository, as the tests and the CLI do), emits it as
// dist/golden_small.json on build and serves it in dev. The 12 MB golden_h300.json stays out.
// Without the file the build still succeeds (with a warning); the page then says the file is
// missing when its button is pressed.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The bundled file's name, in the reference folder and in the built page. */
export const BUNDLED_GOLDEN = 'golden_small.json';

export function goldenDir(root: string): string {
  return resolve(process.env.GOLDEN_DIR ?? resolve(root, '../shared/reference'));
}

export function bundledGolden(): Plugin {
  let source: string | null = null;
  let path = '';
  return {
    name: 'dropout-lab-bundled-golden',
    configResolved(config) {
      path = resolve(goldenDir(config.root), BUNDLED_GOLDEN);
      source = existsSync(path) ? readFileSync(path, 'utf8') : null;
    },
    configureServer(server) {
      server.middlewares.use(`/${BUNDLED_GOLDEN}`, (_req, res) => {
        if (source === null) {
          res.statusCode = 404;
          res.end(`${BUNDLED_GOLDEN} not found in ${path}`);
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(source);
      });
    },
    generateBundle() {
      if (source === null) {
        this.warn(`${path} not found: the page is built without its bundled golden file (set GOLDEN_DIR)`);
        return;
      }
      this.emitFile({ type: 'asset', fileName: BUNDLED_GOLDEN, source });
    },
  };
}
