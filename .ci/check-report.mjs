// Reads vitest's JSON report: prints "N passed, N failed, N skipped" and fails when CI=true and any
// test was skipped (an integration suite whose service was missing must not pass silently).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = report.testResults.flatMap((f) =>
  f.assertionResults.map((a) => ({ file: f.name, status: a.status, title: a.fullName })),
);
const count = (s) => results.filter((r) => r.status === s).length;
const skipped = results.filter(
  (r) => r.status === 'skipped' || r.status === 'pending' || r.status === 'todo',
);
for (const s of skipped) console.log(`skipped: ${s.file.replace(process.cwd() + '/', '')} > ${s.title}`);
console.log(`${count('passed')} passed, ${count('failed')} failed, ${skipped.length} skipped`);
if (count('passed') === 0) {
  console.error('no test ran');
  process.exit(1);
}
if (process.env.CI === 'true' && skipped.length > 0) {
  console.error('CI=true: skipped tests are failures (a required service was missing?)');
  process.exit(1);
}
