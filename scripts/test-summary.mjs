// Prints one plain closing line over vitest's JSON reports: "tests: N passed, N failed, N skipped".
// Reports are read in order, file by file; a later report's results for a test file replace an
// earlier one's (scripts/test-all.sh reruns a file once when the native-hang watchdog killed it).
// A test that neither passed, failed nor was skipped did not finish (its worker died): it counts
// as failed.
import { existsSync, readFileSync } from 'node:fs';

const byFile = new Map(); // test file -> { passed, failed, skipped, unfinished, report }
let failed = 0;
for (const report of process.argv.slice(2)) {
  if (!existsSync(report)) {
    console.error(`test summary: ${report} is missing (that run did not finish)`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  failed += r.numRuntimeErrors ?? 0;
  if (r.numTotalTestSuites > 0 && r.numTotalTests === 0) {
    console.error(`test summary: ${report} ran no test`);
    failed++;
  }
  for (const file of r.testResults) {
    const counts = { passed: 0, failed: 0, skipped: 0, unfinished: 0, report };
    for (const t of file.assertionResults) {
      if (t.status === 'passed') counts.passed++;
      else if (t.status === 'failed') counts.failed++;
      else if (t.status === 'skipped' || t.status === 'todo') counts.skipped++;
      else counts.unfinished++;
    }
    // a file that failed to load has no assertion results
    if (file.status === 'failed' && file.assertionResults.length === 0) counts.failed++;
    const earlier = byFile.get(file.name);
    if (earlier) console.error(`test summary: ${file.name} was rerun (${report}); its results replace those of ${earlier.report}`);
    byFile.set(file.name, counts);
  }
}
let passed = 0,
  skipped = 0;
for (const [name, c] of byFile) {
  if (c.unfinished > 0) console.error(`test summary: ${c.unfinished} test(s) in ${name} did not finish (a worker crashed or hung)`);
  passed += c.passed;
  failed += c.failed + c.unfinished;
  skipped += c.skipped;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
