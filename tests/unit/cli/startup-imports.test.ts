// `exasol --help` must stay fast: it may not load the heavy modules that only real work needs.
// The runtime dependencies are bundled into dist's chunks, so a package "is loaded" when a chunk
// holding its code is. Proven twice: from esbuild's metafile (static import graph of cli.js) and by
// recording which chunks Node resolves. The shipped YAML (providers' defaults, versions catalog) is
// compiled to JSON at build time, so `yaml` stays off the start-up path too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildToTemp, repoRoot } from '../../helpers/build-tmp.ts';
import { libvirtTestInit } from '../../helpers/libvirt-test-init.ts';

const HEAVY = [
  'handlebars',
  'execa',
  '@inquirer/prompts',
  'ora',
  '@grpc/grpc-js',
  '@cdktf/hcl2json',
  'pg',
  'yaml',
];
const recorder = join(repoRoot, 'tests', 'fixtures', 'record-imports.mjs');
let build: string;
let work: string;
let runs = 0;

beforeAll(() => {
  build = buildToTemp();
  work = mkdtempSync(join(tmpdir(), 'startup-'));
}, 60_000);
afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

interface Meta {
  outputs: Record<
    string,
    { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }
  >;
}

const PACKAGE = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/;

function readMeta(): Meta {
  return JSON.parse(readFileSync(join(build, 'meta.json'), 'utf8')) as Meta;
}

/** Packages bundled into the output chunk `file` (by the metafile key of that chunk). */
function bundledPackages(meta: Meta, file: string): string[] {
  return Object.keys(meta.outputs[file]?.inputs ?? {})
    .map((input) => input.match(PACKAGE)?.[1])
    .filter((p): p is string => !!p);
}

/** Packages reachable from `entry` through static imports only: bundled into those chunks or external. */
function staticPackages(meta: Meta, entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const p of bundledPackages(meta, file)) packages.add(p);
    for (const imp of meta.outputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) packages.add(imp.path);
      else queue.push(imp.path);
    }
  }
  return packages;
}

/**
 * Packages whose code Node loaded while running `cli.js ...args`: those bundled into every chunk of
 * the build it resolved, and any it resolved from node_modules itself.
 */
function loadedPackages(args: string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
  packages: Set<string>;
} {
  const out = join(work, `imports-${++runs}.txt`);
  const env = { ...process.env, CI: 'true', RECORD_IMPORTS_FILE: out };
  const r = spawnSync(process.execPath, ['--import', recorder, join(build, 'cli.js'), ...args], {
    env,
    encoding: 'utf8',
  });
  const meta = readMeta();
  const byPath = new Map(Object.keys(meta.outputs).map((key) => [join(repoRoot, key), key]));
  const packages = new Set<string>();
  for (const url of readFileSync(out, 'utf8').split('\n')) {
    if (!url.startsWith('file:')) continue;
    const path = fileURLToPath(url);
    const chunk = byPath.get(path);
    if (chunk) for (const p of bundledPackages(meta, chunk)) packages.add(p);
    const direct = path.match(PACKAGE)?.[1];
    if (direct) packages.add(direct);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, packages };
}

describe('start-up cost of exasol --help', () => {
  it('cli.js statically imports commander but none of the heavy modules', () => {
    const meta = readMeta();
    const entry = Object.keys(meta.outputs).find((k) => k.endsWith('/cli.js'));
    expect(entry).toBeDefined();
    const packages = staticPackages(meta, entry ?? '');
    expect(packages).toContain('commander');
    expect(HEAVY.filter((h) => packages.has(h))).toEqual([]);
  });

  it.each([
    [['--help'], /^Usage: exasol \[options\] \[command\]/],
    [['init', '--help'], /^Usage: exasol init \[options\]/],
    [['export', '--help'], /^Usage: exasol export \[options\]/],
    [['import', '--help'], /^Usage: exasol import \[options\] <file>/],
    [['--version'], /^\d+\.\d+\.\d+\n$/],
  ])('running exasol %j loads none of the heavy modules', (args, output) => {
    const r = loadedPackages(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(output);
    expect(r.packages).toContain('commander');
    expect(HEAVY.filter((h) => r.packages.has(h))).toEqual([]);
  });

  it('the recorder does see heavy modules when a command needs them (init renders templates)', () => {
    const dir = join(work, 'dep');
    const r = loadedPackages(libvirtTestInit(dir));
    expect(r.status, r.stderr).toBe(0);
    expect(r.packages).toContain('handlebars');
  });
});
