// Unit, parity and WebGPU tests (Node). The browser end-to-end tests have their own config
// (vitest.e2e.config.ts) because they need a production build first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
