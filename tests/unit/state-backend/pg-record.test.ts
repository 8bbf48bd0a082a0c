// The deployment record runners share through the pg backend: what is taken from another runner and
// what stays this machine's.
import { describe, expect, it } from 'vitest';
import type { DeploymentState } from '../../../src/deployment/state.ts';
import { adoptRecord, isNewer } from '../../../src/state-backend/pg-record.ts';

const local: DeploymentState = {
  schema: 'exasol-deployer/state',
  schemaVersion: 1,
  deploymentId: 'exa-ab12cd',
  provider: 'ganeti',
  status: 'initialized',
  clusterSize: 1,
  architecture: 'x86_64',
  dbVersion: 'exasol-2025.1.4',
  cliVersion: '0.1.0',
  engine: { binary: '/opt/tf/terraform', name: 'terraform', version: '1.11.4' },
  nodes: [],
  createdAt: '2026-11-22T01:00:00.000Z',
  updatedAt: '2026-11-22T01:00:00.000Z',
  lastError: 'an old failure',
  terraformInitCliVersion: '0.1.0',
  backend: { kind: 'pg', schema: 'exasol_exa_ab12cd', connStrEnv: 'PG_CONN_STR' },
};

const other: DeploymentState = {
  ...local,
  status: 'stopped',
  nodes: [{ name: 'n11', publicIp: '198.51.100.2', privateIp: '198.51.100.2', state: 'stopped' }],
  poweredOffFrom: 'infrastructure_ready',
  updatedAt: '2026-11-22T02:00:00.000Z',
  engine: { binary: '/usr/bin/tofu', name: 'tofu', version: '1.10.0' },
  cliVersion: '0.2.0',
};
delete (other as Partial<DeploymentState>).lastError;

describe('shared deployment record', () => {
  it('is newer only when it is the same deployment and changed later', () => {
    expect(isNewer({ state: other, running: false }, local)).toBe(true);
    expect(isNewer({ state: local, running: true }, local)).toBe(false);
    expect(isNewer({ state: { ...other, deploymentId: 'exa-zzzzzz' }, running: false }, local)).toBe(false);
    expect(isNewer(null, local)).toBe(false);
  });

  it('takes status, nodes and errors from the other runner, keeps this machine’s engine and backend', () => {
    const next = adoptRecord(local, { state: other, running: false });
    expect(next).toMatchObject({
      status: 'stopped',
      nodes: other.nodes,
      poweredOffFrom: 'infrastructure_ready',
      updatedAt: other.updatedAt,
      engine: local.engine,
      cliVersion: '0.1.0',
      terraformInitCliVersion: '0.1.0',
      backend: local.backend,
    });
    expect(next).not.toHaveProperty('lastError');
  });

  it.each([
    [
      'a node name that ssh would read as an option',
      { nodes: [{ ...other.nodes[0], name: '-oProxyCommand=touch /tmp/x' }] },
    ],
    [
      'a node address with a newline',
      { nodes: [{ ...other.nodes[0], publicIp: '198.51.100.2\nProxyCommand x' }] },
    ],
    ['a negative cluster size', { clusterSize: -7 }],
    ['an unknown status', { status: 'pwned' }],
  ])("refuses another runner's record with %s, like the state file", (_what, change) => {
    const bad = { ...other, ...change } as DeploymentState;
    expect(() => adoptRecord(local, { state: bad, running: false })).toThrow(
      /^the shared deployment record of exa-ab12cd: /,
    );
  });
});
