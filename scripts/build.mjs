// Bundles the CLI (code-split so each command loads lazily) and the Terraform provider entry point.
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

if (existsSync('src/tf-provider/main.ts'))
  await build({
    ...common,
    entryPoints: { 'terraform-provider-ganeti': 'src/tf-provider/main.ts' },
    outdir: 'dist',
  });
