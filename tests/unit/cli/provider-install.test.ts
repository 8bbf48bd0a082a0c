// `exasol provider install ganeti --dir DIR` writes the mirror and prints the CLI config.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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

  it('names the accepted providers for anything else', async () => {
    const r = await runCli(['provider', 'install', 'aws', '--dir', tmpdir()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      "error: provider install <name>: unknown provider 'aws' (accepted: ganeti) [E_USAGE]",
    );
  });
});
