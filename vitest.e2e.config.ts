// Browser end-to-end tests: the built app (dist/) served on 127.0.0.1, driven in Debian's Chromium
// by playwright-core. One file at a time: SwiftShader WebGPU and the 2 cores are shared.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
