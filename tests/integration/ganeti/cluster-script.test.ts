// tests/ganeti-cluster.sh: `status` sees the running cluster and `env` prints what the suites need.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverFingerprint, skipGaneti } from '../../helpers/ganeti-env.ts';

const script = new URL('../../ganeti-cluster.sh', import.meta.url).pathname;
const asRoot = process.getuid?.() === 0;

describe.skipIf(skipGaneti || !asRoot)('tests/ganeti-cluster.sh on the running cluster', () => {
  it('reports the cluster and RAPI as up', () => {
    const out = execFileSync('bash', [script, 'status'], { encoding: 'utf8' });
    expect(out).toContain('cluster: gnt-cluster.ganeti.test');
    expect(out).toMatch(/rapi: https:\/\/127\.0\.0\.1:5080 answers/);
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
      ].sort(),
    );
    expect(vars.GANETI_CA_FINGERPRINT).toBe(`sha256:${serverFingerprint()}`);
    expect(vars.EXASOL_TEST_GANETI).toBe('1');
  });
});
