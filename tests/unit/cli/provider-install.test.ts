// `exasol provider install ganeti --dir DIR` writes the mirror and prints the CLI config.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

describe('exasol provider install', () => {
  it('installs the ganeti provider mirror and prints the provider_installation block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exa-pi-'));
    const r = await runCli(['provider', 'install', 'ganeti', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`path    = "${join(dir, 'providers')}"`);
    expect(r.stdout).toContain('source = "local.exasol/exasol/ganeti"');
    const exe = join(
      dir,
      'providers/local.exasol/exasol/ganeti/0.1.0/linux_amd64/terraform-provider-ganeti_v0.1.0',
    );
    expect(readFileSync(exe, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    expect(statSync(exe).mode & 0o100).toBe(0o100);
    expect(readFileSync(join(dir, 'terraform.rc'), 'utf8')).toBe(
      r.stdout.split('# in your configuration')[0],
    );
  });

  it('ganeti-os writes the OS definition exasol-image (scripts executable) and replaces an older copy whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exa-pi-os-'));
    const os = join(dir, 'exasol-image');
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['provider', 'install', 'ganeti-os', '--dir', dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`rsync -a ${os}/ NODE:/srv/ganeti/os/exasol-image/`);
      writeFileSync(join(os, 'stale-file'), 'x');
    }
    await runCli(['provider', 'install', 'ganeti-os', '--dir', dir]);
    expect(readdirSync(os).sort()).toEqual(
      [
        'common.sh',
        'create',
        'export',
        'ganeti_api_version',
        'import',
        'parameters.list',
        'rename',
        'verify',
      ].sort(),
    );
    expect(readdirSync(dir)).toEqual(['exasol-image']);
    for (const f of ['create', 'verify', 'import', 'export', 'rename'])
      expect(statSync(join(os, f)).mode & 0o777).toBe(0o755);
    expect(statSync(join(os, 'parameters.list')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(os, 'ganeti_api_version'), 'utf8')).toBe('20\n');
  });

  it('names the accepted providers for anything else', async () => {
    const r = await runCli(['provider', 'install', 'aws', '--dir', tmpdir()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      "error: provider install <name>: unknown provider 'aws' (accepted: ganeti, ganeti-os) [E_USAGE]",
    );
  });
});
