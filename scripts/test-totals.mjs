// Sums the JSON reports of vitest and Playwright into one closing line: `N passed, M failed`.
// A failed step that is not a test runner (lint, typecheck, build) counts as one failure, so the
// line never reads clean when the run was not.
import fs from "node:fs";

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);
let passed = 0;
let failed = Number(process.argv[2] ?? 0);

for (const file of [".tmp/vitest.json", ".tmp/vitest-postgres.json", ".tmp/vitest-bundle.json"]) {
  const vitest = read(file);
  if (!vitest) continue;
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}

const pw = read(".tmp/playwright.json");
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
}

console.log(`${passed} passed, ${failed} failed`);
