// Unit, parity and WebGPU tests (Node). The browser end-to-end tests have their own config
// (vitest.e2e.config.ts) because they need a production build first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    pool: 'forks',
    // one file at a time: two Dawn/SwiftShader instances side by side on 2 cores once crashed a
    // worker in its native teardown (std::system_error), losing that file's results
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    // kills a test process whose main thread deadlocks in native code (Dawn), so a run cannot hang
    setupFiles: ['tests/helpers/native-hang-watchdog.ts'],
  },
});
