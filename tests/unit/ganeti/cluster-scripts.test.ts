// tests/ganeti-cluster.sh and tests/ganeti-chroot.sh without a cluster: which cluster the parameters
// address (the `env` verb only reads files) and where the cached chroot lives.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const clusterScript = new URL('../../ganeti-cluster.sh', import.meta.url).pathname;
const chrootScript = new URL('../../ganeti-chroot.sh', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'exa-gnt-root-'));

/** The environment without any GANETI_CLUSTER_* a caller may have exported. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('GANETI_CLUSTER_')),
  );
  return { ...env, ...extra };
}

function exports(out: string): Record<string, string> {
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.startsWith('export '))
      .flatMap((l) => l.slice(7).split(' '))
      .map((kv) => kv.split('=', 2) as [string, string]),
  );
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tests/ganeti-cluster.sh parameters', () => {
  const flags = [
    '--root',
    root,
    '--netns',
    'exa-unit',
    '--bridge',
    'gntu',
    '--subnet',
    '192.0.2',
    '--port',
    '5999',
  ];

  it('addresses a second cluster by flags: RAPI on the node IP and port, its link, and the parameters to come back', () => {
    const vars = exports(
      execFileSync('bash', [clusterScript, ...flags, 'env'], { encoding: 'utf8', env: cleanEnv() }),
    );
    expect(vars).toMatchObject({
      GANETI_ENDPOINT: 'https://192.0.2.10:5999',
      GANETI_NIC_LINK: 'gntu',
      EXASOL_TEST_GANETI31: '1',
      GANETI_RAPI_PEM: `${root}/var/lib/ganeti/rapi.pem`,
      GANETI_CLUSTER_ROOT: root,
      GANETI_CLUSTER_NETNS: 'exa-unit',
      GANETI_CLUSTER_BRIDGE: 'gntu',
      GANETI_CLUSTER_SUBNET: '192.0.2',
      GANETI_CLUSTER_PORT: '5999',
    });
    // No certificate in that root yet: no fingerprint is made up.
    expect(vars.GANETI_CA_FINGERPRINT).toBeUndefined();
  });

  it('reads the same parameters from GANETI_CLUSTER_* variables', () => {
    const byFlags = execFileSync('bash', [clusterScript, ...flags, 'env'], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    const byEnv = execFileSync('bash', [clusterScript, 'env'], {
      encoding: 'utf8',
      env: cleanEnv({
        GANETI_CLUSTER_ROOT: root,
        GANETI_CLUSTER_NETNS: 'exa-unit',
        GANETI_CLUSTER_BRIDGE: 'gntu',
        GANETI_CLUSTER_SUBNET: '192.0.2',
        GANETI_CLUSTER_PORT: '5999',
      }),
    });
    expect(byEnv).toBe(byFlags);
  });

  it("defaults to the machine's own cluster on loopback :5080 and gnt0", () => {
    const vars = exports(execFileSync('bash', [clusterScript, 'env'], { encoding: 'utf8', env: cleanEnv() }));
    expect(vars.GANETI_ENDPOINT).toBe('https://127.0.0.1:5080');
    expect(vars.GANETI_NIC_LINK).toBe('gnt0');
    expect(
      Object.keys(vars).filter((k) => k.startsWith('GANETI_CLUSTER_') || k === 'EXASOL_TEST_GANETI31'),
    ).toEqual([]);
  });

  it('rejects an unknown verb with the usage and exit 2', () => {
    const res = spawnSync('bash', [clusterScript, '--port', '5999', 'start'], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('usage:');
  });
});

describe('tests/ganeti-chroot.sh', () => {
  const key = createHash('sha256').update(readFileSync(chrootScript)).digest('hex').slice(0, 12);

  it('keys the cached chroot by suite and by the hash of the script, under GANETI_CHROOT_CACHE', () => {
    const env = { ...process.env, GANETI_CHROOT_CACHE: root };
    expect(execFileSync('bash', [chrootScript, 'path'], { encoding: 'utf8', env }).trim()).toBe(
      `${root}/ganeti-trixie-${key}`,
    );
    expect(execFileSync('bash', [chrootScript, 'path', 'forky'], { encoding: 'utf8', env }).trim()).toBe(
      `${root}/ganeti-forky-${key}`,
    );
  });

  it('rejects an unknown verb with the usage and exit 2', () => {
    const res = spawnSync('bash', [chrootScript, 'make'], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('usage:');
  });
});
