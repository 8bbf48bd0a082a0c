// Builds dist/terraform-provider-ganeti.js (the options of scripts/build.mjs) for tests that spawn it.
import { fileURLToPath } from 'node:url';
import { bundle } from './esbuild.ts';

/** Repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The bundled provider entry point. */
export const providerBundle = `${repoRoot}dist/terraform-provider-ganeti.js`;

let built: Promise<void> | undefined;

/** Bundles the provider once per test process. */
export function buildProvider(): Promise<void> {
  built ??= bundle({ 'terraform-provider-ganeti': 'src/tf-provider/main.ts' }, 'dist', {
    absWorkingDir: repoRoot,
  });
  return built;
}
