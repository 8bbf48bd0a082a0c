// Bad cloud flags through the real CLI: exit code 2, one line naming the flag, nothing written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { init } from '../../../src/actions/init.ts';
import { main } from '../../../src/cli/main.ts';
import { printChecks } from '../../../src/cli/print-checks.ts';
import { fakeCloudHome, stubIo } from '../../helpers/cloud-init.ts';
import { emptyHome } from '../../helpers/cloud-preflight.ts';

/** Runs `exasol init …` and returns the exit code and what went to stderr. */
async function exasol(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(['init', ...args]), stderr };
  } finally {
    spy.mockRestore();
  }
}

// main() sets a private umask for the process; give the test worker its own back.
const umask = process.umask();
afterEach(() => {
  process.umask(umask);
});

describe('bad cloud input', () => {
  const dir = () => join(emptyHome(), 'deployment');
  const cases: Array<[string, string[], string]> = [
    [
      'a region that is no AWS region',
      ['--cloud-provider', 'aws', '--aws-region', 'nowhere', '--allowed-cidr', '198.51.100.0/24'],
      '--aws-region',
    ],
    [
      'an x86_64 type with arm64',
      [
        '--cloud-provider',
        'aws',
        '--architecture',
        'arm64',
        '--instance-type',
        't3a.medium',
        '--allowed-cidr',
        '198.51.100.0/24',
      ],
      '--instance-type',
    ],
    [
      'an arm64 type with x86_64',
      ['--cloud-provider', 'gcp', '--instance-type', 't2a-standard-1', '--allowed-cidr', '198.51.100.0/24'],
      '--instance-type',
    ],
    [
      'an azure arm64 size with x86_64',
      [
        '--cloud-provider',
        'azure',
        '--instance-type',
        'Standard_D2pls_v5',
        '--allowed-cidr',
        '198.51.100.0/24',
      ],
      '--instance-type',
    ],
    [
      '0.0.0.0/0 without --allow-internet',
      ['--cloud-provider', 'azure', '--allowed-cidr', '0.0.0.0/0'],
      '--allowed-cidr',
    ],
    ['no --allowed-cidr on a public cloud', ['--cloud-provider', 'gcp'], '--allowed-cidr'],
    ['a malformed CIDR', ['--cloud-provider', 'aws', '--allowed-cidr', '10.0.0.0/33'], '--allowed-cidr'],
    [
      'a zone outside the region',
      [
        '--cloud-provider',
        'gcp',
        '--gcp-region',
        'europe-west4',
        '--gcp-zone',
        'us-east1-b',
        '--allowed-cidr',
        '198.51.100.0/24',
      ],
      '--gcp-zone',
    ],
    [
      'a flag of another cloud',
      ['--cloud-provider', 'aws', '--gcp-region', 'europe-west4', '--allowed-cidr', '198.51.100.0/24'],
      '--gcp-region',
    ],
  ];

  it.each(cases)('rejects %s with exit 2 naming the flag and writes nothing', async (_what, args, flag) => {
    const target = dir();
    const { code, stderr } = await exasol([...args, '--deployment-dir', target]);
    expect(code).toBe(2);
    expect(stderr).toContain(flag);
    expect(stderr.trim().split('\n')[0]).toMatch(/^error: /);
    expect(existsSync(target)).toBe(false);
  });
});

describe('missing cloud credentials', () => {
  it('fail init before anything is written and print each way to fix them on its own line', async () => {
    const target = join(emptyHome(), 'deployment');
    const io = stubIo();
    const err = await init(
      {
        deploymentDir: target,
        provider: 'aws',
        values: { 'allowed-cidr': '198.51.100.0/24', 'terraform-binary': '/usr/local/bin/terraform' },
        env: { HOME: emptyHome(), PATH: process.env.PATH ?? '' },
      },
      io,
    ).catch((e: unknown) => e as Error & { code?: string; checks?: Parameters<typeof printChecks>[0] });
    expect(err).toMatchObject({ code: 'E_PREFLIGHT', message: expect.stringContaining('AWS credentials') });
    expect(existsSync(target)).toBe(false);
    printChecks(err.checks ?? [], io);
    const fixes = io.lines.filter(([, l]) => l.startsWith('fix: ')).map(([, l]) => l);
    expect(fixes).toHaveLength(3);
    expect(fixes[0]).toContain('AWS_ACCESS_KEY_ID');
  });

  it('pass init with the fake HOME credentials', async () => {
    const { env, flags } = fakeCloudHome();
    const target = join(emptyHome(), 'deployment');
    const result = await init(
      {
        deploymentDir: target,
        provider: 'azure',
        values: {
          ...flags.azure,
          'allowed-cidr': '198.51.100.0/24',
          'terraform-binary': '/usr/local/bin/terraform',
        },
        env,
      },
      stubIo(),
    );
    // Everything passes; a service principal is only checked for presence, and the line says so.
    expect(result.checks.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status, c.detail])).toEqual([
      [
        'azure.identity',
        'skip',
        'only the presence of credentials was checked (a service principal is not verified without logging the az CLI in with it)',
      ],
    ]);
    expect(existsSync(join(target, 'main.tf'))).toBe(true);
  });
});
