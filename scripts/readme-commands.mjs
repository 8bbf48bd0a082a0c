// `npm run readme`: rewrites README.md's command reference (between <!-- commands:start/end -->) from the
// commander definitions; `--check` only reports drift (exit 1). Bundles scripts/readme/command-reference.ts
// with esbuild into .tmp/ (inside the package, so its imports resolve) and imports it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.tmp', `readme-commands-${process.pid}.mjs`);
mkdirSync(dirname(out), { recursive: true });
await build({
  entryPoints: [join(root, 'scripts', 'readme', 'command-reference.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { commandReference, replaceSection } = await import(pathToFileURL(out).href).finally(() =>
  rmSync(out, { force: true }),
);
const path = join(root, 'README.md');
const before = readFileSync(path, 'utf8');
const after = replaceSection(before, commandReference());
if (process.argv.includes('--check')) {
  if (after !== before) {
    process.stderr.write('README.md: the command reference is out of date; run `npm run readme`\n');
    process.exitCode = 1;
  }
} else if (after !== before) {
  writeFileSync(path, after);
  process.stdout.write('README.md: command reference updated\n');
} else process.stdout.write('README.md: command reference already up to date\n');
