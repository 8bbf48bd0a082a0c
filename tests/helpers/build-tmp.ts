// Builds the bundles (scripts/build.mjs) into a fresh folder under .tmp/ (inside the package, so
// package-root lookup and node_modules resolution work as from dist/); tests never rely on a stale dist/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Absolute path of the package root (the folder of this repository). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Builds into a new .tmp/build-* folder and returns its absolute path. */
export function buildToTemp(): string {
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  const out = mkdtempSync(join(repoRoot, '.tmp', 'build-'));
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', out], { cwd: repoRoot, stdio: 'pipe' });
  return out;
}
