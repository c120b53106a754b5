// The test suite in four projects, by what a test needs (the file name says which):
//   unit         tests/**/*.test.ts(x): pure code (engine, experiment, analysis, UI logic, the CPU backend,
//                the WebGPU backend's code generation, CPU parity with PyTorch); files run in parallel
//                in two threads, short timeouts. `npm run test:unit`.
//   gpu          tests/**/*.gpu.test.ts: real Dawn through the `webgpu` package (SwiftShader without a
//                GPU); one file at a time, under the native-hang watchdog. `npm run test:gpu`.
//   integration  tests/**/*.integration.test.ts: subprocesses (the CLI, the bundle build, the nested
//                vitest of the watchdog's own test, Python); one file at a time. `npm run test:integration`.
//   e2e          tests/e2e/**/*.test.ts: the built page in Debian's Chromium (tests/e2e/fixture.ts);
//                needs `vite build` first. `npm run test:e2e`.
// `vitest run` runs them in that order (sequence.groupOrder); `--project NAME` runs one.
import { configDefaults, defineConfig } from 'vitest/config';

/** Dawn without a GPU: Chromium's SwiftShader Vulkan driver, unless the caller names another. */
const VULKAN_ENV = { VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? '/usr/lib/chromium/vk_swiftshader_icd.json' };

const GPU = 'tests/**/*.gpu.test.ts';
const INTEGRATION = 'tests/**/*.integration.test.ts';
const E2E = 'tests/e2e/**';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, GPU, INTEGRATION, E2E],
          pool: 'threads',
          maxWorkers: 2,
          // pure modules, no mocks, no patched globals: the files of a worker share its module cache
          // (a third less CPU time than isolating each file). A test that mocks must restore.
          isolate: false,
          testTimeout: 20_000,
          hookTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'gpu',
          include: [GPU],
          env: VULKAN_ENV,
          pool: 'forks',
          // one file at a time: two Dawn/SwiftShader instances side by side on 2 cores once crashed a
          // worker in its native teardown (std::system_error), losing that file's results
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // kills a test process whose main thread deadlocks in native code (Dawn), so a run cannot hang
          setupFiles: ['tests/helpers/native-hang-watchdog.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'integration',
          include: [INTEGRATION],
          env: VULKAN_ENV,
          pool: 'forks',
          // each file runs its own subprocesses, which take the cores
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          pool: 'forks',
          // SwiftShader WebGPU and the 2 cores are shared: one browser at a time
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
