// Reads vitest's JSON report and prints `N passed, N failed[, N skipped]` for scripts/test.sh.
// The static checks (type check, lint, format) are passed in as counts of passed and failed checks. A test file that failed to load
// has no test results but a failed suite: it counts as one failure, so it cannot hide.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, checksPassed = '1', extraFailed = '0'] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(extraFailed);
let skipped = 0;
if (!reportPath || !existsSync(reportPath)) {
  failed += 1;
} else {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed');
    if (file.status === 'failed' && !failedInside) failed += 1;
  }
  if ((report.numTotalTests ?? 0) === 0) failed += 1;
}
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
