// Vitest global setup of the unit project: bundles src into dist/ once before any file runs, so the
// suites that spawn bin/exasol.js test the current code and parallel files share one build.
import { execFileSync } from 'node:child_process';
import { repoRoot } from './build-tmp.ts';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  process.env.EXASOL_TEST_DIST_BUILT = '1';
}
