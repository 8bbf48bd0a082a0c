// Helpers for the orchestration suites: the real CLI (bin/exasol.js over a fresh esbuild bundle) with
// the terraform/ansible-playbook/ssh stand-ins of tests/fixtures/bin first on PATH.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IoHost } from '../../src/io/io-host.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_BIN = join(ROOT, 'tests/fixtures/bin');
export const FAKE_TF = join(FIXTURE_BIN, 'terraform');
export const CLI = join(ROOT, 'bin/exasol.js');

/** Secrets used by every test deployment, so tests can look for them in argv and files. */
export const SECRETS = {
  db: 'DbSecret-4711-xyz',
  adminUi: 'UiSecret-0815-xyz',
  host: 'HostSecret-42-xyz',
  awsSecret: 'AwsSecretKey-1234567890',
};

let built = false;
/**
 * Bundles src into dist once per test file, so the spawned CLI is the code under test. In the unit
 * project the global setup (tests/helpers/build-once.ts) has built dist/ once for all files, so
 * parallel files never rewrite the bundle under each other.
 */
export function ensureBuilt(): void {
  if (built || process.env.EXASOL_TEST_DIST_BUILT === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'exasol-orch-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Environment of a CLI run: stand-ins on PATH, fast SSH retries, fixed passwords, a record file. */
export function cliEnv(work: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${FIXTURE_BIN}:${process.env.PATH ?? ''}`,
    FAKE_TF_RECORD: join(work, 'record.jsonl'),
    EXASOL_SSH_RETRY_MS: '50',
    EXASOL_RETRY_DELAY_MS: '20',
    EXASOL_DB_PASSWORD: SECRETS.db,
    EXASOL_ADMINUI_PASSWORD: SECRETS.adminUi,
    EXASOL_HOST_PASSWORD: SECRETS.host,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: SECRETS.awsSecret,
    NO_COLOR: '1',
    ...extra,
  };
  delete env.CI;
  delete env.EXASOL_LOG_LEVEL;
  return env;
}

/** Result of a finished CLI run. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `exasol ARGS`; `done` resolves when it exits. */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<CliResult>((res) =>
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs `exasol ARGS` to completion. */
export function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return spawnCli(args, env).done;
}

/** `exasol init` for aws (credentials from the env, nothing contacted) with the terraform stand-in. */
export async function initDeployment(work: string, env: NodeJS.ProcessEnv, clusterSize = 2): Promise<string> {
  const dir = join(work, 'dep');
  const r = await cli(
    [
      'init',
      '--cloud-provider',
      'aws',
      '--allowed-cidr',
      '10.0.0.0/8',
      '--cluster-size',
      String(clusterSize),
      '--deployment-dir',
      dir,
      '--terraform-binary',
      FAKE_TF,
    ],
    env,
  );
  if (r.code !== 0) throw new Error(`init failed (${r.code}): ${r.stderr}`);
  return dir;
}

/** The parsed state file. */
export function readState(
  dir: string,
): Record<string, unknown> & { status: string; deploymentId: string; nodes: unknown[] } {
  return JSON.parse(readFileSync(join(dir, '.exasol.json'), 'utf8')) as never;
}

/** Changes fields of the state file directly (to put a deployment into a given status). */
export async function patchState(dir: string, change: Record<string, unknown>): Promise<void> {
  const path = join(dir, '.exasol.json');
  const s = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify({ ...s, ...change }, null, 2));
}

/** Every recorded child invocation ({tool, argv, env, umask}) of the stand-ins. */
export function records(
  work: string,
): { tool: string; cmd?: string; argv: string[]; umask: number; env?: Record<string, string> }[] {
  const f = join(work, 'record.jsonl');
  if (!existsSync(f)) return [];
  return readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as never);
}

/** Waits until `check` is true (polling), failing after `ms`. */
export async function until(check: () => boolean, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An IoHost that records instead of printing (for in-process action calls). */
export function recordingIo(): IoHost & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    interactive: false,
    assumeYes: true,
    log: (level, m) => lines.push(`${level}: ${m}`),
    data: (t) => lines.push(t),
    ask: async (q) => {
      throw new Error(`unexpected question ${q.message}`);
    },
    confirm: async () => true,
    progress: (t) => {
      lines.push(t);
      return { update: (x) => lines.push(x), succeed: () => {}, fail: () => {} };
    },
  };
}
