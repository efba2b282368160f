/**
 * `npm test`: runs the unit, integration and end-to-end projects in one vitest run and ends
 * with the plain line `N passed, N failed` that CI reads. Extra arguments go to vitest.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reportDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-test-report-'));
const reportFile = path.join(reportDir, 'report.json');
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  passed = report.numPassedTests;
  // A file that fails to load (a missing system tool, a syntax error) counts as a failure.
  failed = report.numFailedTests + report.numFailedTestSuites;
  skipped = report.numPendingTests + report.numTodoTests;
} catch {
  failed = Math.max(1, failed);
}
rmSync(reportDir, { recursive: true, force: true });
const exitCode = vitest.status === 0 && failed === 0 ? 0 : 1;
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
process.exit(exitCode);
