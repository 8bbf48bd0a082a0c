// The bare run's verdict (README's `npm test` with every test-service variable and CI unset).
// Usage: node .ci/check-bare.mjs REPORT.json SKIP_LOG.jsonl
// Fails unless the run passed, unit tests ran, no test under tests/integration ran, and every
// integration test file logged a skip with a reason (tests/helpers/service-gate.ts writes SKIP_LOG).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const [reportPath, skipLogPath] = process.argv.slice(2);
if (!reportPath || !skipLogPath) {
  console.error('usage: node .ci/check-bare.mjs REPORT.json SKIP_LOG.jsonl');
  process.exit(2);
}
const root = process.cwd();
const rel = (p) => relative(root, p);

/** Every *.test.ts under DIR, relative to the repository root. */
function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => rel(join(e.parentPath ?? e.path, e.name)))
    .sort();
}

const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const skips = existsSync(skipLogPath)
  ? readFileSync(skipLogPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
const problems = [];
let unitPassed = 0;
for (const f of report.testResults) {
  const file = rel(f.name);
  const ran = f.assertionResults.filter((a) => a.status === 'passed' || a.status === 'failed');
  if (file.startsWith('tests/integration/') && ran.length > 0) {
    problems.push(`${file}: ${ran.length} test(s) ran although no test service was configured`);
  }
  if (file.startsWith('tests/unit/'))
    unitPassed += f.assertionResults.filter((a) => a.status === 'passed').length;
  if (f.status === 'failed')
    problems.push(`${file}: failed${f.message ? ` (${f.message.split('\n')[0]})` : ''}`);
}
for (const file of testFiles(join(root, 'tests/integration'))) {
  const mine = skips.filter((s) => s.file === file && typeof s.reason === 'string' && s.reason.trim());
  if (mine.length === 0)
    problems.push(`${file}: no skip reason logged (gate it with tests/helpers/service-gate.ts)`);
  else console.log(`skipped: ${file}: ${mine.map((s) => `[${s.service}] ${s.reason}`).join('; ')}`);
}
if (unitPassed === 0) problems.push('no unit test passed');
if (!report.success) problems.push(`the run failed (${report.numFailedTests} failed test(s))`);
console.log(`bare run: ${unitPassed} unit tests passed, ${report.numFailedTests} failed`);
for (const p of problems) console.error(`bare run: ${p}`);
process.exit(problems.length ? 1 : 0);
