// The one esbuild configuration of the tests: the options of scripts/build.mjs (Node 20 ESM, packages
// external, linked source maps), for tests that bundle an entry point of their own.
import { build } from 'esbuild';

/** The options scripts/build.mjs bundles with. */
export const BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
} as const;

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
