// The rough edges a first-time user hit (issue 14): bad --deployment-dir values, misplaced options,
// hints with spaces, NO_COLOR, version --json, help wrapping, relative paths.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import { printChecks } from '../../../src/cli/print-checks.ts';
import { buildProgram } from '../../../src/cli/program.ts';
import { CliIoHost } from '../../../src/io/cli-io-host.ts';
import { exasolCommand, shellQuote } from '../../../src/util/shell-quote.ts';
import { LIBVIRT_TEST_INIT } from '../../helpers/libvirt-test-init.ts';
import { runCli } from '../../helpers/run-cli.ts';

const base = mkdtempSync(join(tmpdir(), 'exa-newcomer-'));
const libvirt = [...LIBVIRT_TEST_INIT];

describe('--deployment-dir at init', () => {
  it('refuses a missing parent directory with exit 2 before anything is written', async () => {
    const dir = join(base, 'no', 'such', 'parent', 'demo');
    const r = await runCli([...libvirt, '--deployment-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: --deployment-dir: the parent directory ${join(base, 'no', 'such', 'parent')} does not exist; create it first (mkdir -p)`,
    );
    expect(existsSync(join(base, 'no'))).toBe(false);
  });

  it.each([
    ['newline', 'a\nb'],
    ['escape', 'a\u001b[31mb'],
    ['tab', 'a\tb'],
  ])('refuses a %s in the path (exit 2, one line, nothing created)', async (_n, name) => {
    const before = readdirSync(base);
    const r = await runCli([...libvirt, '--deployment-dir', join(base, name)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--deployment-dir:');
    expect(r.stderr).toContain('contains control characters');
    expect(r.stderr).not.toContain('\u001b');
    expect(readdirSync(base)).toEqual(before);
  });

  it('a directory with spaces works and the printed next step can be pasted', async () => {
    const dir = join(base, 'my demo');
    const r = await runCli([...libvirt, '--deployment-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`next: exasol deploy --deployment-dir '${dir}'`);
  });
});

describe('other commands', () => {
  it('a --deployment-dir that does not exist is a usage error (exit 2)', async () => {
    const r = await runCli(['status', '--deployment-dir', join(base, 'absent')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: --deployment-dir: ${join(base, 'absent')} does not exist; pass the directory exasol init created`,
    );
  });

  it('a relative --deployment-dir is printed absolute (import and destroy as the others)', async () => {
    const cwd = process.cwd();
    const dir = join(base, 'rel');
    mkdirSync(dir);
    process.chdir(dir);
    try {
      const r = await runCli([...libvirt, '--deployment-dir', 'd']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`initialised in ${join(dir, 'd')}`);
      const d = await runCli(['destroy', '--yes', '--deployment-dir', 'd'], {
        EXASOL_TERRAFORM: '/nonexistent/terraform-must-not-run',
      });
      expect(d.stderr).toContain(`the directory ${join(dir, 'd')} and its logs are kept`);
      // Never deployed: terraform is not run at all (it would need its providers), the target is asked.
      expect(d.code, d.stderr).toBe(0);
      expect(d.stderr).toContain('terraform (skipped: never deployed, no terraform state)');
      expect(d.stderr).toContain('verify against the target');
      expect(d.stderr).not.toContain('Failed to query available provider packages');
      expect(JSON.parse(readFileSync(join(dir, 'd', '.exasol.json'), 'utf8')).status).toBe('destroyed');
    } finally {
      process.chdir(cwd);
    }
  });

  it('an option of init before the command says where it belongs (exit 2)', async () => {
    const r = await runCli(['--cloud-provider', 'libvirt', 'init', '--deployment-dir', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'error: --cloud-provider is an option of init: exasol init --cloud-provider libvirt --deployment-dir x',
    );
    const other = await runCli(['--cloud-provider=aws', 'deploy']);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toBe(
      'error: --cloud-provider is an option of init, not deploy: exasol init …',
    );
  });

  it('a directory typed in place of the command gets the right command line, not a suggestion', async () => {
    const cwd = process.cwd();
    process.chdir(base);
    mkdirSync(join(base, 'demo'), { recursive: true });
    try {
      const r = await runCli(['demo', 'status']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(
        "error: 'demo' is not a command; for the deployment in demo: exasol status --deployment-dir demo",
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('version --json prints JSON', async () => {
    const r = await runCli(['version', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('help init wraps at 80 columns when piped', () => {
    const program = buildProgram();
    const init = program.commands.find((c) => c.name() === 'init');
    const text = init?.helpInformation() ?? '';
    expect(text).toContain('--cloud-provider');
    const widest = Math.max(...text.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(80);
  });
});

describe('hints and colour', () => {
  it('quotes words as a shell needs', () => {
    expect(shellQuote('/tmp/demo')).toBe('/tmp/demo');
    expect(shellQuote('/tmp/my demo')).toBe("'/tmp/my demo'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(exasolCommand('deploy', '--deployment-dir', '/tmp/my demo')).toBe(
      "exasol deploy --deployment-dir '/tmp/my demo'",
    );
  });

  it('NO_COLOR (color: false) prints check marks without escape codes, even when chalk had colour', () => {
    const saved = chalk.level;
    chalk.level = 3;
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => lines.push(String(s)) > 0) as typeof process.stderr.write;
    try {
      const io = new CliIoHost({ logLevel: 'info', color: false, assumeYes: false, json: false });
      printChecks(
        [
          { id: 'a', title: 'a check', status: 'pass', detail: 'fine' },
          { id: 'b', title: 'b check', status: 'skip', detail: 'skipped: test driver' },
        ],
        io,
      );
    } finally {
      process.stderr.write = write;
      chalk.level = saved;
    }
    expect(lines.join('')).not.toContain('\u001b');
    expect(lines).toEqual(['info: ✔ a check: fine\n', 'info: - b check: skipped (test driver)\n']);
  });
});

describe('init pre-flight output', () => {
  it('check lines first, then the verdict; a missing ansible-playbook warns with a pasteable fix', async () => {
    const r = await runCli([...libvirt, '--deployment-dir', join(base, 'layout')], {
      EXASOL_ANSIBLE_PLAYBOOK: 'exasol-test-no-such-ansible-playbook',
      TF_CLI_CONFIG_FILE: undefined,
    });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    const verdict = lines.findIndex((l) => l.startsWith('info: ✔ pre-flight checks passed ('));
    const lastCheck = lines.findIndex((l) => l.startsWith('warn: ! ansible-playbook: not on PATH'));
    expect(lastCheck).toBeGreaterThan(0);
    expect(verdict).toBeGreaterThan(lastCheck);
    expect(lines[lastCheck + 1]).toBe('warn: fix:');
    expect(lines[lastCheck + 2]).toBe('    apt-get install ansible-core   # or: pipx install ansible-core');
    expect(lines[verdict]).toMatch(/\(\d+ passed, 3 skipped, 1 warning\(s\)\)$/);
    // One layout: every line has a level prefix (no ISO time stamps), skipped lines say it once.
    for (const l of lines) expect(l).toMatch(/^(info|warn|error): |^ {4}\S/);
    expect(r.stderr).not.toContain('skipped (skipped');
  });
});
