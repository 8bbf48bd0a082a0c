// `exasol --help` must stay fast: it may not load the heavy modules that only real work needs.
// The runtime dependencies are bundled into dist's chunks, so a package "is loaded" when a chunk
// holding its code is. Proven twice: from esbuild's metafile (static import graph of cli.js) and by
// recording which chunks Node resolves. The shipped YAML (providers' defaults, versions catalog) is
// compiled to JSON at build time, so `yaml` stays off the start-up path too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
function loadedPackages(
  args: string[],
  extraEnv: Record<string, string> = {},
): {
  status: number | null;
  stdout: string;
  stderr: string;
  packages: Set<string>;
  files: number;
} {
  const out = join(work, `imports-${++runs}.txt`);
  const env = { ...process.env, CI: 'true', ...extraEnv, RECORD_IMPORTS_FILE: out };
  const r = spawnSync(process.execPath, ['--import', recorder, join(build, 'cli.js'), ...args], {
    env,
    encoding: 'utf8',
  });
  const meta = readMeta();
  const byPath = new Map(Object.keys(meta.outputs).map((key) => [join(repoRoot, key), key]));
  const packages = new Set<string>();
  const files = new Set<string>();
  for (const url of readFileSync(out, 'utf8').split('\n')) {
    if (!url.startsWith('file:')) continue;
    const path = fileURLToPath(url);
    files.add(path);
    const chunk = byPath.get(path);
    if (chunk) for (const p of bundledPackages(meta, chunk)) packages.add(p);
    const direct = path.match(PACKAGE)?.[1];
    if (direct) packages.add(direct);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, packages, files: files.size };
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
    expect(r.packages).toContain('execa');
  });

  it('--help reads the start-up code from one shared chunk, not a file per module', () => {
    const r = loadedPackages(['--help']);
    expect(r.status).toBe(0);
    // cli.js, the start-up chunk and esbuild's runtime helpers; before, a dozen chunks.
    expect(r.files).toBeLessThanOrEqual(3);
  });

  it('status --json of an initialised directory starts no tool, so it loads none of the heavy modules', () => {
    const dir = join(work, 'status-dep');
    expect(loadedPackages(libvirtTestInit(dir)).status).toBe(0);
    const r = loadedPackages(['status', '--json', '--deployment-dir', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'initialized', provider: 'libvirt' });
    expect(HEAVY.filter((h) => r.packages.has(h))).toEqual([]);
  });
});

describe('shipped YAML compiled into the build', () => {
  /** The help entry of each option of `init --help`, by flag name. */
  function initHelpEntries(): Map<string, string> {
    const r = loadedPackages(['init', '--help']);
    expect(r.status).toBe(0);
    expect(r.packages.has('yaml')).toBe(false);
    const entries = new Map<string, string>();
    for (const entry of r.stdout.split(/\n(?= {2}-)/)) {
      const flag = entry.match(/^ {2}(?:-\w, )?--([\w-]+)/)?.[1];
      if (flag) entries.set(flag, entry.replace(/\s+/g, ' '));
    }
    return entries;
  }

  it("init --help shows every provider's defaults.yaml flag default without loading the YAML parser", () => {
    const entries = initHelpEntries();
    const dir = join(repoRoot, 'src', 'providers');
    const providers = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(providers.length).toBeGreaterThanOrEqual(5);
    let checked = 0;
    for (const p of providers) {
      const file = join(dir, p.name, 'defaults.yaml');
      const flags = (parse(readFileSync(file, 'utf8')) as { flags?: Record<string, unknown> }).flags ?? {};
      for (const [flag, value] of Object.entries(flags)) {
        expect(entries.get(flag), `${p.name}: --${flag}`).toContain(`(default: ${String(value)})`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('init --list-versions lists versions.yaml from the build, and a file named by EXASOL_VERSIONS_CATALOG instead', () => {
    const shipped = parse(readFileSync(join(repoRoot, 'src', 'catalog', 'versions.yaml'), 'utf8')) as {
      versions: { version: string }[];
    };
    const r = loadedPackages(['init', '--list-versions', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.packages.has('yaml')).toBe(false);
    const rows = JSON.parse(r.stdout) as { version: string }[];
    expect(rows.map((v) => v.version)).toEqual(shipped.versions.map((v) => v.version));

    const mirror = join(work, 'mirror-versions.yaml');
    writeFileSync(
      mirror,
      [
        'default: { x86_64: exasol-9.9.9, arm64: exasol-9.9.9 }',
        'versions:',
        '  - { version: exasol-9.9.9, architecture: x86_64, working_copy: "@exasol-9.9.9", db_url: "https://mirror.invalid/db", db_sha256: "00", c4_version: "1", c4_url: "https://mirror.invalid/c4", c4_sha256: "00" }',
        '',
      ].join('\n'),
    );
    const m = loadedPackages(['init', '--list-versions', '--json'], { EXASOL_VERSIONS_CATALOG: mirror });
    expect(m.status, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout)).toEqual([
      { version: 'exasol-9.9.9', architecture: 'x86_64', default: true },
    ]);
  });
});
