// Prints one plain closing line over vitest's JSON reports: "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) { console.error(`test summary: ${file} is missing (that run did not finish)`); failed++; continue; }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrors ?? 0);
  // tests that neither passed, failed nor were skipped did not finish (e.g. their worker died)
  const unfinished = r.numTotalTests - r.numPassedTests - r.numFailedTests - r.numPendingTests - r.numTodoTests;
  if (unfinished > 0) {
    console.error(`test summary: ${unfinished} test(s) in ${file} did not finish (a worker crashed or an unhandled error)`);
    failed += unfinished;
  }
  skipped += r.numPendingTests + r.numTodoTests;
  if (r.numTotalTestSuites > 0 && r.numTotalTests === 0) { console.error(`test summary: ${file} ran no test`); failed++; }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
