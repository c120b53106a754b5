// The bench package's own tests: the benchmarks' pure helpers, the reference figures, the peers
// page's server (Node only, short timeouts), and one tiny `npm run bench:peers` in headless
// Chromium with the peer libraries (its own timeout). No Dawn in Node, so files run in parallel.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
