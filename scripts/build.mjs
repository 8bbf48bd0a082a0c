// Bundles the CLI (code-split so each command loads lazily), the e2e runner and the Terraform provider.
// `--outdir DIR` builds elsewhere (the start-up import test builds into a temp dir); dist/meta.json is
// esbuild's metafile of the CLI build, used to prove that `--help` loads no heavy module.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUILD_OPTIONS } from './build-options.mjs';

const at = process.argv.indexOf('--outdir');
const outdir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist';

const common = BUILD_OPTIONS;

const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
});
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(cli.metafile, null, 1));

if (existsSync('tests/e2e/run.ts'))
  await build({ ...common, entryPoints: { e2e: 'tests/e2e/run.ts' }, outdir });

if (existsSync('src/tf-provider/main.ts'))
  await build({
    ...common,
    entryPoints: { 'terraform-provider-ganeti': 'src/tf-provider/main.ts' },
    outdir,
  });
