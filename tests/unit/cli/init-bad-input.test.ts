// Every bad init input: exit 2, one line naming the flag and accepted values, nothing written.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

const base = mkdtempSync(join(tmpdir(), 'exa-bad-'));
const libvirt = [
  'init',
  '--cloud-provider',
  'libvirt',
  '--libvirt-uri',
  'test:///default',
  '--libvirt-pool',
  'default-pool',
];

const cases: Array<[string, string[], RegExp]> = [
  [
    'non-numeric size',
    ['--cluster-size', 'abc'],
    /^error: --cluster-size: 'abc' is not a whole number \(accepted: 1\.\.64\) \[E_USAGE\]$/,
  ],
  [
    'cluster too big',
    ['--cluster-size', '65'],
    /^error: --cluster-size: 65 is out of range \(accepted: 1\.\.64\) \[E_USAGE\]$/,
  ],
  ['zero nodes', ['--cluster-size', '0'], /--cluster-size: 0 is out of range/],
  ['negative volume', ['--data-volume-size', '-5'], /--data-volume-size: '-5' is not a whole number/],
  [
    'unknown architecture',
    ['--architecture', 'sparc'],
    /--architecture: unknown value 'sparc' \(accepted: x86_64, arm64\)/,
  ],
  [
    'unknown version',
    ['--db-version', '8.0.0-x86_64'],
    /--db-version: unknown version '8\.0\.0-x86_64' \(accepted: exasol-2025\.1\.4/,
  ],
  [
    'version of other arch',
    ['--db-version', 'exasol-2025.2.0-arm64dev.0'],
    /--db-version: exasol-2025\.2\.0-arm64dev\.0 is built for arm64, not x86_64/,
  ],
  [
    'bad cidr',
    ['--allowed-cidr', '10.0.0.300/8'],
    /--allowed-cidr: '10\.0\.0\.300\/8' is not an IPv4 CIDR \(accepted: A\.B\.C\.D\/N\)/,
  ],
  [
    'uppercase owner (libvirt labels)',
    ['--owner', 'Alice'],
    /--owner: 'Alice' must start with a lowercase letter/,
  ],
  ['quote in owner', ['--owner', 'a"b'], /--owner: 'a"b'/],
  ['session uri', ['--libvirt-uri', 'qemu:///session'], /--libvirt-uri: session URIs cannot reach/],
  [
    'bad domain type',
    ['--libvirt-domain-type', 'xen'],
    /--libvirt-domain-type: unknown value 'xen' \(accepted: kvm, qemu\)/,
  ],
  [
    'arm64 on libvirt',
    ['--architecture', 'arm64'],
    /^error: --architecture: not supported on libvirt: dmacvicar\/libvirt 0\.8\.3 attaches the cloud-init disk as an IDE cdrom and the aarch64 'virt' machine has no IDE controller \(accepted: x86_64\)/,
  ],
  ['memory zero', ['--libvirt-memory', '0'], /--libvirt-memory: 0 is out of range \(accepted: 1\.\.1024\)/],
  [
    'flag of another provider',
    ['--aws-region', 'us-east-2'],
    /--aws-region: belongs to the aws provider, not libvirt/,
  ],
  ['bad instance type', ['--instance-type', 'm5.large'], /--instance-type: libvirt sizes come from/],
  ['newline in network', ['--libvirt-network', 'a\nb'], /--libvirt-network: invalid name/],
];

describe('init rejects bad input', () => {
  it.each(cases)('%s', async (_name, extra, message) => {
    const dir = join(base, `d${Math.random().toString(36).slice(2)}`);
    const r = await runCli([...libvirt, ...extra, '--deployment-dir', dir]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(base).filter((n) => n.includes('exasol-init'))).toEqual([]);
  });

  it('unknown provider lists the accepted ones', async () => {
    const r = await runCli(['init', '--cloud-provider', 'openstack']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      "error: --cloud-provider: unknown value 'openstack' (accepted: aws, azure, gcp, libvirt, ganeti) [E_USAGE]",
    );
  });

  it('missing provider without a TTY is an error naming the flag', async () => {
    const r = await runCli(['init', '--deployment-dir', join(base, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'error: --cloud-provider: required (accepted: aws, azure, gcp, libvirt, ganeti) [E_USAGE]',
    );
  });

  it('unknown flags and commands suggest the nearest valid one', async () => {
    const flag = await runCli(['init', '--clustr-size', '3']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("error: unknown option '--clustr-size'");
    expect(flag.stderr).toContain('Did you mean --cluster-size?');
    const cmd = await runCli(['deplyo']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('Did you mean deploy?');
  });

  it('clouds require --allowed-cidr and refuse 0.0.0.0/0 without --allow-internet', async () => {
    const dir = join(base, 'aws');
    const missing = await runCli(['init', '--cloud-provider', 'aws', '--deployment-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^error: --allowed-cidr: required for aws/);
    const open = await runCli([
      'init',
      '--cloud-provider',
      'aws',
      '--allowed-cidr',
      '0.0.0.0/0',
      '--deployment-dir',
      dir,
    ]);
    expect(open.code).toBe(2);
    expect(open.stderr.trim()).toMatch(
      /^error: --allowed-cidr: 0\.0\.0\.0\/0 opens the cluster to the whole internet; add --allow-internet/,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('ganeti: endpoint must be https and the password never comes from argv', async () => {
    const dir = join(base, 'g');
    const http = await runCli([
      'init',
      '--cloud-provider',
      'ganeti',
      '--ganeti-endpoint',
      'http://x:5080',
      '--ganeti-os-type',
      'noop',
      '--deployment-dir',
      dir,
    ]);
    expect(http.stderr.trim()).toBe(
      "error: --ganeti-endpoint: 'http://x:5080' is not an https URL (accepted: https://HOST[:PORT]) [E_USAGE]",
    );
    const nopw = await runCli(
      [
        'init',
        '--cloud-provider',
        'ganeti',
        '--ganeti-endpoint',
        'https://x:5080',
        '--ganeti-os-type',
        'noop',
        '--deployment-dir',
        dir,
      ],
      { GANETI_PASSWORD: undefined },
    );
    expect(nopw.code).toBe(2);
    expect(nopw.stderr.trim()).toMatch(
      /--ganeti-password-file: no RAPI password: set GANETI_PASSWORD or pass --ganeti-password-file/,
    );
    const both = await runCli(
      [
        'init',
        '--cloud-provider',
        'ganeti',
        '--ganeti-endpoint',
        'https://x:5080',
        '--ganeti-os-type',
        'noop',
        '--ganeti-insecure',
        '--ganeti-ca-fingerprint',
        `sha256:${'ab'.repeat(32)}`,
        '--deployment-dir',
        dir,
      ],
      { GANETI_PASSWORD: 'pw-123456' },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/choose one of --ganeti-ca-fingerprint, --ganeti-insecure/);
    expect(existsSync(dir)).toBe(false);
  });
});
