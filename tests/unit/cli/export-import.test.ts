// export and import as a user runs them: a deployment directory goes through one encrypted file into a
// new directory, byte for byte; a wrong passphrase, a changed byte or a bad target leave nothing behind.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive, sealArchive } from '../../../src/archive/sealed-archive.ts';
import type { DeploymentState } from '../../../src/deployment/state.ts';
import { libvirtTestInit } from '../../helpers/libvirt-test-init.ts';
import { runCli } from '../../helpers/run-cli.ts';

const base = mkdtempSync(join(tmpdir(), 'exa-export-'));
const source = join(base, 'source');
const archive = join(base, 'source.exasol');
const PASS = { EXASOL_EXPORT_PASSPHRASE: 'Export-Passphrase-4711' };
const mode = (p: string) => statSync(p).mode & 0o777;

/** Every entry under `dir`, relative, directories with a trailing slash. */
function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const path = rel ? `${rel}/${e.name}` : e.name;
      return e.isDirectory() ? [`${path}/`, ...walk(dir, path)] : [path];
    });
}

/** Leftover staging directories next to `dir`. */
const staging = (dir: string) =>
  readdirSync(join(dir, '..')).filter((n) => n.startsWith(`.${dir.split('/').pop()}.exasol-`));

const exportTo = (output: string, env: Record<string, string | undefined> = PASS, ...extra: string[]) =>
  runCli(['export', '--deployment-dir', source, '--output', output, ...extra], env);
const importFrom = (file: string, dir: string, env: Record<string, string | undefined> = PASS) =>
  runCli(['import', file, '--deployment-dir', dir], env);

beforeAll(async () => {
  const init = await runCli(libvirtTestInit(source));
  expect(init.code, init.stderr).toBe(0);
  // What a deployed local-backend directory also holds; some of it must travel, some must not.
  writeFileSync(join(source, 'terraform.tfstate'), '{"version":4,"resources":[]}\n', { mode: 0o600 });
  writeFileSync(join(source, 'terraform.tfstate.backup'), '{"version":4}\n', { mode: 0o600 });
  writeFileSync(join(source, 'inventory.yml'), 'all:\n  hosts: {}\n', { mode: 0o640 });
  mkdirSync(join(source, '.terraform/providers/registry'), { recursive: true });
  writeFileSync(join(source, '.terraform/providers/registry/plugin'), 'binary');
  writeFileSync(join(source, 'logs/deploy-1.log'), 'terraform apply ...\n');
  writeFileSync(join(source, '.exasol.tfplan'), 'plan');
  symlinkSync('/etc/hostname', join(source, 'elsewhere'));
});

/** `.exasol.json` as the shared archive holds it. */
async function stateInArchive(): Promise<DeploymentState> {
  const entries = await openArchive(readFileSync(archive), PASS.EXASOL_EXPORT_PASSPHRASE, 'a');
  return JSON.parse(String(entries.find((e) => e.path === '.exasol.json')?.data));
}

/** The shared archive sealed again as base/NAME with its `.exasol.json` changed by `change`. */
async function resealWithState(
  name: string,
  change: (state: DeploymentState) => Record<string, unknown>,
): Promise<string> {
  const entries = await openArchive(readFileSync(archive), PASS.EXASOL_EXPORT_PASSPHRASE, 'a');
  const changed = entries.map((e) =>
    e.path === '.exasol.json'
      ? { ...e, data: Buffer.from(JSON.stringify(change(JSON.parse(e.data.toString())))) }
      : e,
  );
  const file = join(base, name);
  writeFileSync(file, await sealArchive(changed, PASS.EXASOL_EXPORT_PASSPHRASE));
  return file;
}

describe('exasol export / exasol import', () => {
  it('moves a deployment directory through one encrypted file, byte for byte, owner-only', async () => {
    const out = await exportTo(archive);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(
      /info: exported 17 files of deployment exa-[a-z0-9]{6} \(\d+\.\d KiB, encrypted\) to /,
    );
    expect(out.stderr).toContain(archive);
    expect(out.stderr).toMatch(
      /warn: the file holds the deployment secrets \(passwords, SSH private key\).*CI secret/,
    );
    expect(out.stderr).toContain('warn: skipped elsewhere: symbolic links are not exported');
    expect(mode(archive)).toBe(0o600);
    expect(readFileSync(archive).includes(readFileSync(join(source, 'secrets.json')))).toBe(false);

    const target = join(base, 'restored');
    const r = await importFrom(archive, target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /info: imported deployment exa-[a-z0-9]{6} \(libvirt, initialized\): 17 files into /,
    );
    expect(r.stderr).toContain(`info: next: exasol status --deployment-dir ${target}\n`);
    // A relative --deployment-dir is printed absolute, as by every other command.
    const cwd = process.cwd();
    process.chdir(base);
    try {
      const rel = await importFrom(archive, 'restored-rel');
      expect(rel.code, rel.stderr).toBe(0);
      expect(rel.stderr).toContain(`files into ${join(base, 'restored-rel')}\n`);
      expect(rel.stderr).toContain(
        `info: next: exasol status --deployment-dir ${join(base, 'restored-rel')}\n`,
      );
    } finally {
      process.chdir(cwd);
    }

    const excluded = [
      '.terraform/',
      '.terraform/providers/',
      '.terraform/providers/registry/',
      '.terraform/providers/registry/plugin',
      'logs/deploy-1.log',
      '.exasol.tfplan',
      'elsewhere',
    ];
    expect(walk(target)).toEqual(walk(source).filter((p) => !excluded.includes(p)));
    expect(walk(target)).toContain('terraform.tfstate');
    expect(walk(target)).toContain('terraform.tfstate.backup');
    expect(walk(target)).toContain('ssh/id_ed25519');
    expect(readdirSync(join(target, 'logs'))).toEqual([]);
    for (const p of walk(target).filter((p) => !p.endsWith('/')))
      expect([p, readFileSync(join(target, p)).equals(readFileSync(join(source, p)))]).toEqual([p, true]);
    expect(mode(target)).toBe(0o700);
    for (const p of walk(target))
      expect([p, mode(join(target, p))]).toEqual([p, p.endsWith('/') ? 0o700 : 0o600]);
    expect(staging(target)).toEqual([]);

    const status = await runCli(['status', '--deployment-dir', target]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/\(libvirt, 1 node\(s\)\): initialized/);
  });

  it('prints JSON on stdout with --json', async () => {
    const file = join(base, 'json.exasol');
    const out = await exportTo(file, PASS, '--json');
    expect(out.code, out.stderr).toBe(0);
    const exported = JSON.parse(out.stdout);
    expect(exported).toMatchObject({ output: file, deploymentId: expect.stringMatching(/^exa-/) });
    expect(exported.files).toContain('terraform.tfstate');
    expect(exported.files).not.toContain('.exasol.tfplan');
    const target = join(base, 'json-restored');
    const r = await runCli(['--json', 'import', file, '--deployment-dir', target], PASS);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      deploymentDir: target,
      deploymentId: exported.deploymentId,
      provider: 'libvirt',
      status: 'initialized',
      files: exported.files,
    });
  });

  it('warns when the deployment is locked, and exports anyway without the lock file', async () => {
    const lock = join(source, '.exasol.lock');
    writeFileSync(
      lock,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        operation: 'deploy',
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    try {
      const file = join(base, 'locked.exasol');
      const out = await exportTo(file, PASS, '--json');
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toMatch(
        /warn: the deployment is locked by deploy \(pid \d+ on .*\); exporting anyway/,
      );
      expect(JSON.parse(out.stdout).files).not.toContain('.exasol.lock');
    } finally {
      (await import('node:fs')).rmSync(lock);
    }
  });

  it('leaves out an --output placed inside the deployment directory', async () => {
    const file = join(source, 'inside.exasol');
    const out = await exportTo(file, PASS, '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout).files).not.toContain('inside.exasol');
    const again = await exportTo(file, PASS, '--json', '--force');
    expect(JSON.parse(again.stdout).files).not.toContain('inside.exasol');
    (await import('node:fs')).rmSync(file);
  });

  it('refuses a wrong passphrase in one line, exit 1, and creates nothing', async () => {
    const target = join(base, 'wrong-pass');
    const r = await importFrom(archive, target, { EXASOL_EXPORT_PASSPHRASE: 'not-the-passphrase' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot decrypt ${archive}: wrong EXASOL_EXPORT_PASSPHRASE or the file was changed (the two cannot be told apart) [E_IMPORT_DECRYPT]\n`,
    );
    expect(existsSync(target)).toBe(false);
    expect(staging(target)).toEqual([]);
  });

  it('refuses a file with one flipped byte in the header or in the body, and a truncated file', async () => {
    const good = readFileSync(archive);
    const cases: Array<[string, Buffer]> = [];
    for (const [what, at] of [
      ['salt', 25],
      ['iv', 40],
      ['body', Math.floor(good.length / 2)],
      ['tag', good.length - 1],
    ] as const) {
      const bad = Buffer.from(good);
      bad[at] = (bad[at] ?? 0) ^ 0x80;
      cases.push([what, bad]);
    }
    cases.push(['truncated', good.subarray(0, good.length - 100)]);
    for (const [what, bytes] of cases) {
      const file = join(base, `${what}.exasol`);
      writeFileSync(file, bytes);
      const target = join(base, `bad-${what}`);
      const r = await importFrom(file, target);
      expect([what, r.code, r.stderr]).toEqual([
        what,
        1,
        `error: cannot decrypt ${file}: wrong EXASOL_EXPORT_PASSPHRASE or the file was changed (the two cannot be told apart) [E_IMPORT_DECRYPT]\n`,
      ]);
      expect(existsSync(target)).toBe(false);
    }
    const magic = Buffer.from(good);
    magic[0] = 0x7b;
    writeFileSync(join(base, 'magic.exasol'), magic);
    const r = await importFrom(join(base, 'magic.exasol'), join(base, 'bad-magic'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: \S+magic\.exasol is not an exasol export file \[E_IMPORT_NOT_EXPORT\]\n/,
    );
    const short = await importFrom(join(base, 'short.exasol'), join(base, 'bad-short'));
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^error: cannot read \S+short\.exasol: ENOENT \[E_USAGE\]\n$/);
  });

  it('refuses an archive that would write outside the deployment directory', async () => {
    const entries = await openArchive(readFileSync(archive), PASS.EXASOL_EXPORT_PASSPHRASE, 'a');
    const file = join(base, 'evil.exasol');
    writeFileSync(
      file,
      await sealArchive(
        [...entries, { path: '../x', mode: 0o600, data: Buffer.from('owned') }],
        PASS.EXASOL_EXPORT_PASSPHRASE,
      ),
    );
    const target = join(base, 'evil');
    const r = await importFrom(file, target);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: ${file} contains the unsafe path "../x" (absolute, '..', control characters or not normalised); nothing was imported [E_IMPORT_UNSAFE_PATH]\n`,
    );
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(base, 'x'))).toBe(false);
  });

  it('needs EXASOL_EXPORT_PASSPHRASE (set and not empty) for both commands: exit 2, nothing written', async () => {
    for (const value of [undefined, '']) {
      const env = { EXASOL_EXPORT_PASSPHRASE: value };
      const file = join(base, 'no-pass.exasol');
      const out = await exportTo(file, env);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(
        /^error: EXASOL_EXPORT_PASSPHRASE is not set: .*never taken from the command line\) \[E_USAGE\]\n$/,
      );
      expect(existsSync(file)).toBe(false);
      const target = join(base, 'no-pass');
      const r = await importFrom(archive, target, env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: EXASOL_EXPORT_PASSPHRASE is not set/);
      expect(existsSync(target)).toBe(false);
    }
  });

  it('imports only into an absent or empty directory (an empty one is used)', async () => {
    const full = join(base, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), 'mine');
    const r = await importFrom(archive, full);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: --deployment-dir: ${full} is not empty (accepted: a new or empty directory) [E_USAGE]\n`,
    );
    expect(readdirSync(full)).toEqual(['notes.txt']);

    const empty = join(base, 'empty');
    mkdirSync(empty, { mode: 0o755 });
    const ok = await importFrom(archive, empty);
    expect(ok.code, ok.stderr).toBe(0);
    expect(mode(empty)).toBe(0o700);
    expect(existsSync(join(empty, '.exasol.json'))).toBe(true);
  });

  it('does not overwrite --output without --force', async () => {
    const file = join(base, 'exists.exasol');
    writeFileSync(file, 'keep me');
    const r = await exportTo(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --output: ${file} already exists; pass --force to replace it [E_USAGE]\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    const forced = await exportTo(file, PASS, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 8).toString()).toBe('EXAEXPRT');
    expect(mode(file)).toBe(0o600);
  });

  it('refuses to export a directory that is not a deployment', async () => {
    const plain = join(base, 'plain');
    mkdirSync(plain);
    const r = await runCli(
      ['export', '--deployment-dir', plain, '--output', join(base, 'plain.exasol')],
      PASS,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${plain} is not a deployment directory (no .exasol.json)`);
    expect(existsSync(join(base, 'plain.exasol'))).toBe(false);
  });

  it('rebuilds the Ganeti provider mirror and terraform.rc for the new place on import', async () => {
    const file = await resealWithState('ganeti.exasol', (state) => ({ ...state, provider: 'ganeti' }));
    const target = join(base, 'ganeti');
    const r = await importFrom(file, target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\(ganeti, initialized\)/);
    expect(readFileSync(join(target, 'terraform.rc'), 'utf8')).toContain(
      `path    = "${join(target, 'providers')}"`,
    );
    expect(walk(join(target, 'providers')).some((p) => p.includes('terraform-provider-ganeti_v'))).toBe(true);
  });

  it("records this machine's terraform when the exporting machine's binary is not here", async () => {
    const recorded = (await stateInArchive()).engine;
    if (!recorded) throw new Error('init recorded no terraform engine');
    const file = await resealWithState('moved.exasol', (state) => ({
      ...state,
      engine: { ...recorded, binary: '/opt/other-runner/bin/terraform' },
    }));
    const target = join(base, 'moved');
    const r = await importFrom(file, target);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warn: the exported terraform binary is not the one on this machine; using ${recorded.name} ${recorded.version} at ${recorded.binary}`,
    );
    expect(JSON.parse(readFileSync(join(target, '.exasol.json'), 'utf8')).engine).toEqual(recorded);
    // The same binary path here: the record stays as exported, without a warning.
    const same = await importFrom(archive, join(base, 'same-engine'));
    expect(same.stderr).not.toContain('exported terraform binary');
  });
});
