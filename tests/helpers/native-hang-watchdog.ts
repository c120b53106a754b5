// A watchdog for native deadlocks (vitest setup file). Dawn under SwiftShader can deadlock inside
// native code (seen: the main thread stuck on a mutex in dawn::native::InstanceBase::ProcessEvents
// after device.destroy(), about once in a hundred runs of tests/backends/webgpu/errors.gpu.test.ts). A thread
// blocked in native code never returns to the event loop, so vitest's testTimeout never fires and
// the whole run would wait forever. Here the main thread ticks a shared counter once a second; a
// worker thread watches it, and when it has not moved for DROPOUT_LAB_HANG_MS (default 180 s) the
// worker appends the test file and test name to $DROPOUT_LAB_HANG_LOG (test-results/hangs.log by
// default) and kills this test process, so vitest reports the file as failed and goes on.
// scripts/test-all.sh reruns the files named in that log once, in a fresh process.

import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeEach } from 'vitest';

const limitMs = Number(process.env.DROPOUT_LAB_HANG_MS ?? 180_000);
const logPath = resolve(process.env.DROPOUT_LAB_HANG_LOG ?? 'test-results/hangs.log');
const ticks = new Int32Array(new SharedArrayBuffer(4));

const heartbeat = setInterval(() => Atomics.add(ticks, 0, 1), 1000);
heartbeat.unref();

const watcher = new Worker(
  `
  const { workerData, parentPort } = require('node:worker_threads');
  const { appendFileSync, mkdirSync } = require('node:fs');
  const { dirname } = require('node:path');
  const { ticks, limitMs, logPath } = workerData;
  let current = '(before the first test)';
  parentPort.on('message', (m) => { current = m; });
  let last = Atomics.load(ticks, 0);
  let stalledSince = Date.now();
  setInterval(() => {
    const now = Atomics.load(ticks, 0);
    if (now !== last) { last = now; stalledSince = Date.now(); return; }
    if (Date.now() - stalledSince < limitMs) return;
    const line = current + '\\t' + 'main thread blocked for ' + Math.round((Date.now() - stalledSince) / 1000) + ' s';
    try { mkdirSync(dirname(logPath), { recursive: true }); appendFileSync(logPath, line + '\\n'); } catch {}
    process.stderr.write('native-hang-watchdog: ' + line + '; killing this test process\\n');
    process.kill(process.pid, 'SIGKILL');
  }, 1000);
  `,
  { eval: true, workerData: { ticks, limitMs, logPath } },
);
watcher.unref();

beforeEach((ctx) => {
  watcher.postMessage(`${ctx.task.file.filepath}\t${ctx.task.name}`);
});
