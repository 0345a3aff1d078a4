// Counts passed and failed tests so `npm test` can print the closing line `N passed, N failed`
// (web-test-runner's own summary is not a line of its own). Writes test-results/browser.json.
import { mkdirSync, writeFileSync } from 'node:fs';

function tally(suite, counts) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite?.suites ?? []) tally(child, counts);
}

export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, errors: 0 };
      for (const session of sessions) {
        tally(session.testResults, counts);
        // A file that fails to load or throws outside a test has no failed test, but fails.
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.errors++;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/browser.json', JSON.stringify(counts));
    },
  };
}
