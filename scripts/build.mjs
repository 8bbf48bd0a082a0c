// Bundles the CLI (code-split so each command loads lazily), the e2e runner and the Terraform provider.
// `--outdir DIR` builds elsewhere (the start-up import test builds into a temp dir); dist/meta.json is
// esbuild's metafile of the CLI build, used to prove that `--help` loads no heavy module.
// The CLI bundles its runtime dependencies into its chunks (one file per chunk instead of hundreds
// under node_modules) and gets the shipped YAML data (providers' defaults.yaml, the versions catalog)
// compiled to JSON through src/util/shipped-data.ts (see shippedDataPlugin).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';

const at = process.argv.indexOf('--outdir');
const outdir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

/** Every YAML file under src/ but src/tf-provider (the data the CLI ships), relative to the root. */
function shippedYamlFiles(dir = 'src') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join('src', 'tf-provider') ? [] : shippedYamlFiles(path);
    return /\.ya?ml$/.test(e.name) ? [relative('.', path).split('\\').join('/')] : [];
  });
}

/**
 * Replaces src/util/shipped-data.ts (which parses YAML at run time from src/ and tests use as is)
 * with a module holding each file already parsed, as JSON text: the built CLI reads no YAML.
 */
const shippedDataPlugin = {
  name: 'shipped-data',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]util[\\/]shipped-data\.ts$/ }, () => {
      const data = Object.fromEntries(
        shippedYamlFiles().map((f) => [f, JSON.stringify(parse(readFileSync(f, 'utf8')))]),
      );
      return {
        loader: 'js',
        contents: `const DATA = ${JSON.stringify(data)};
export function readShippedYaml(path) {
  const text = DATA[path];
  if (text === undefined) throw new Error(\`\${path} was not compiled into this build\`);
  return JSON.parse(text);
}
`,
      };
    });
  },
};

/**
 * Makes every lazily imported module of src/ also import the entry, src/cli/main.ts (already
 * evaluated by then, so nothing runs twice). esbuild groups code into chunks by which entry points
 * reach it; with every lazy entry reaching the whole start-up graph, that graph becomes one shared
 * chunk instead of a dozen small ones, and `--help` resolves and reads 3 files of the build instead
 * of 15. Lazy modules are imported for their named exports only (`export *` passes no default).
 */
const startupChunkPlugin = {
  name: 'startup-chunk',
  setup(b) {
    const entry = resolve('src/cli/main.ts');
    b.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || args.namespace !== 'file') return undefined;
      if (!relative(resolve('src'), args.importer).match(/^[^.]/)) return undefined;
      return { path: resolve(args.resolveDir, args.path), namespace: 'lazy-entry' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-entry' }, (args) => ({
      loader: 'js',
      resolveDir: dirname(args.path),
      contents: `import ${JSON.stringify(entry)};\nexport * from ${JSON.stringify(args.path)};\n`,
    }));
  },
};

const cli = await build({
  ...common,
  // Runtime dependencies go into the chunks; CommonJS ones (handlebars, pg) get a real `require`.
  packages: undefined,
  external: ['pg-native', 'cloudflare:sockets'],
  banner: {
    js: "import { createRequire as __exasolCreateRequire } from 'node:module'; const require = __exasolCreateRequire(import.meta.url);",
  },
  plugins: [shippedDataPlugin, startupChunkPlugin],
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
});
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(cli.metafile, null, 1));
// Chunk names carry content hashes: remove those of earlier builds, after this one is complete (a CLI
// that is running from dist, e.g. in a parallel test, still finds every chunk of its own build).
const current = new Set(Object.keys(cli.metafile.outputs).map((f) => resolve(f)));
for (const f of readdirSync(join(outdir, 'chunks')))
  if (!current.has(resolve(outdir, 'chunks', f))) rmSync(join(outdir, 'chunks', f), { force: true });

if (existsSync('tests/e2e/run.ts'))
  await build({ ...common, entryPoints: { e2e: 'tests/e2e/run.ts' }, outdir });

if (existsSync('src/tf-provider/main.ts'))
  await build({
    ...common,
    entryPoints: { 'terraform-provider-ganeti': 'src/tf-provider/main.ts' },
    outdir,
  });
