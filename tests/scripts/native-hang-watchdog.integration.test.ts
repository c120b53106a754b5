// The CI safety net against native deadlocks: a test process whose main thread stops returning to
// the event loop is killed by tests/helpers/native-hang-watchdog.ts, the hang is logged with the
// file and test, vitest goes on with the next file, and scripts/test-summary.mjs counts the killed
// file's tests as failed; a rerun report then replaces them.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-hang-'));
const hangLog = join(dir, 'hangs.log');
const report = join(dir, 'report.json');

function summary(...reports: string[]) {
  const r = spawnSync('node', ['scripts/test-summary.mjs', ...reports], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

describe('native-hang watchdog', () => {
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '-c', 'tests/scripts/fixtures/vitest.config.ts', '--reporter=json', `--outputFile.json=${report}`],
    { encoding: 'utf8', env: { ...process.env, DROPOUT_LAB_HANG_MS: '1500', DROPOUT_LAB_HANG_LOG: hangLog }, timeout: 90_000 },
  );

  type Report = { testResults: { name: string; assertionResults: { status: string }[] }[] };
  const readReport = (): Report => JSON.parse(readFileSync(report, 'utf8')) as Report;

  it('kills the blocked process, logs the file and test, and the run goes on', () => {
    expect(run.error).toBeUndefined();
    const log = readFileSync(hangLog, 'utf8').trim().split('\n');
    expect(log).toHaveLength(1);
    const [file, test, why] = log[0].split('\t');
    expect(file).toMatch(/tests\/scripts\/fixtures\/hang\.fixture\.ts$/);
    expect(test).toBe('blocks the main thread');
    expect(why).toMatch(/^main thread blocked for \d+ s$/);
    const fine = readReport().testResults.find((f) => f.name.endsWith('fine.fixture.ts'));
    expect(fine?.assertionResults.map((t) => t.status)).toEqual(['passed']);
  });

  it('the summary counts the killed tests as failed, and a rerun report replaces them', () => {
    const first = summary(report);
    expect(first.status).toBe(1);
    expect(first.out).toBe('tests: 1 passed, 3 failed, 0 skipped');
    expect(first.err).toMatch(/3 test\(s\) in .*hang\.fixture\.ts did not finish/);

    const hung = readReport().testResults.find((f) => f.name.endsWith('hang.fixture.ts'));
    const rerun = join(dir, 'rerun.json');
    const passedRerun = { ...hung, assertionResults: hung?.assertionResults.map((t) => ({ ...t, status: 'passed' })) };
    writeFileSync(rerun, JSON.stringify({ numTotalTestSuites: 1, numTotalTests: 3, testResults: [passedRerun] }));
    const second = summary(report, rerun);
    expect(second.status).toBe(0);
    expect(second.out).toBe('tests: 4 passed, 0 failed, 0 skipped');
    expect(second.err).toMatch(/hang\.fixture\.ts was rerun/);
  });
});
