// The one esbuild configuration of the tests: scripts/build-options.mjs (what scripts/build.mjs uses),
// for tests that bundle an entry point of their own.
import { build } from 'esbuild';
import { BUILD_OPTIONS } from '../../scripts/build-options.mjs';

/**
 * Bundles `entryPoints` (name → source) into `outdir`. `selfContained` also bundles the packages and
 * writes `.mjs`, for a bundle that runs from outside the package (a temp dir).
 */
export async function bundle(
  entryPoints: Record<string, string>,
  outdir: string,
  opts: { absWorkingDir?: string; selfContained?: boolean } = {},
): Promise<void> {
  await build({
    ...BUILD_OPTIONS,
    absWorkingDir: opts.absWorkingDir ?? process.cwd(),
    entryPoints,
    outdir,
    ...(opts.selfContained ? { packages: 'bundle', outExtension: { '.js': '.mjs' } } : {}),
  });
}
