// tests/ganeti-cluster.sh: `status` sees the running cluster and `env` prints what the suites need.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverFingerprint, skipGaneti } from '../../helpers/ganeti-env.ts';

const script = new URL('../../ganeti-cluster.sh', import.meta.url).pathname;
const asRoot = process.getuid?.() === 0;
// The suites' second run points at the Ganeti 3.1 cluster from a chroot (tests/ganeti-chroot.sh).
const secondCluster = process.env.EXASOL_TEST_GANETI31 === '1';
const secondClusterKeys = [
  'EXASOL_TEST_GANETI31',
  'GANETI_RAPI_PEM',
  'GANETI_CLUSTER_ROOT',
  'GANETI_CLUSTER_NETNS',
  'GANETI_CLUSTER_BRIDGE',
  'GANETI_CLUSTER_SUBNET',
  'GANETI_CLUSTER_PORT',
];

describe.skipIf(skipGaneti || !asRoot)('tests/ganeti-cluster.sh on the running cluster', () => {
  it('reports the cluster and RAPI as up', () => {
    const out = execFileSync('bash', [script, 'status'], { encoding: 'utf8' });
    expect(out).toContain('cluster: gnt-cluster.ganeti.test');
    expect(out).toContain(`rapi: ${process.env.GANETI_ENDPOINT} answers`);
    expect(out).toMatch(secondCluster ? /^ganeti: 3\.1\./m : /^ganeti: 3\.0\./m);
    if (secondCluster) expect(out).toContain(`bridge: ${process.env.GANETI_NIC_LINK} (netns `);
  });

  it('prints export lines that match the connection the suites use, including the pinned fingerprint', () => {
    const out = execFileSync('bash', [script, 'env'], { encoding: 'utf8' });
    const vars = Object.fromEntries(
      out
        .split('\n')
        .filter((l) => l.startsWith('export '))
        .flatMap((l) => l.slice(7).split(' '))
        .map((kv) => kv.split('=', 2) as [string, string]),
    );
    expect(vars.GANETI_ENDPOINT).toBe(process.env.GANETI_ENDPOINT);
    expect(vars.GANETI_USERNAME).toBe(process.env.GANETI_USERNAME);
    expect(Object.keys(vars).sort()).toEqual(
      [
        'EXASOL_TEST_GANETI',
        'GANETI_CA_FINGERPRINT',
        'GANETI_ENDPOINT',
        'GANETI_NETWORK',
        'GANETI_NIC_LINK',
        'GANETI_OS_TYPE',
        'GANETI_PASSWORD',
        'GANETI_RO_PASSWORD',
        'GANETI_RO_USERNAME',
        'GANETI_USERNAME',
        ...(secondCluster ? secondClusterKeys : []),
      ].sort(),
    );
    expect(vars.GANETI_CA_FINGERPRINT).toBe(`sha256:${serverFingerprint()}`);
    expect(vars.EXASOL_TEST_GANETI).toBe('1');
  });
});
