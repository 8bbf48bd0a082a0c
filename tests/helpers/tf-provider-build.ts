// Builds dist/terraform-provider-ganeti.js (same options as scripts/build.mjs) for tests that spawn it.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The bundled provider entry point. */
export const providerBundle = `${repoRoot}dist/terraform-provider-ganeti.js`;

let built: Promise<void> | undefined;

/** Bundles the provider once per test process. */
export function buildProvider(): Promise<void> {
  built ??= build({
    absWorkingDir: repoRoot,
    entryPoints: { 'terraform-provider-ganeti': 'src/tf-provider/main.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  }).then(() => undefined);
  return built;
}
