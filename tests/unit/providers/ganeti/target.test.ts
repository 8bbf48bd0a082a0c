// Ganeti target hooks against the fake RAPI (real TLS): tag filter, leftovers, node states, auth.
import { afterEach, describe, expect, it } from 'vitest';
import { ganeti } from '../../../../src/providers/ganeti/index.ts';
import type { TargetContext } from '../../../../src/providers/types.ts';
import { type FakeRapi, json, startFakeRapi } from '../../../helpers/fake-rapi.ts';

let fake: FakeRapi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const instance = (name: string, status: string, tags: string[]) => ({
  name,
  status,
  tags,
  admin_state: 'up',
});

async function ctxFor(instances: unknown[]): Promise<TargetContext> {
  fake = await startFakeRapi((_q, res) => json(res, 200, instances));
  return {
    deploymentId: 'exa-abc123',
    tfvars: {
      ganeti_endpoint: fake.endpoint,
      ganeti_username: 'exasol',
      ganeti_ca_fingerprint: fake.fingerprint,
    },
    secrets: { GANETI_PASSWORD: 'rapi-pw-123' },
    env: {},
  };
}

describe('ganeti target hooks', () => {
  it('findLeftovers lists only instances tagged with the deployment id', async () => {
    const ctx = await ctxFor([
      instance('exa-abc123-n12', 'running', ['exasol-deployment:exa-abc123']),
      instance('exa-abc123-n11', 'ADMIN_down', ['exasol-deployment:exa-abc123', 'exasol-owner:x']),
      instance('other-n11', 'running', ['exasol-deployment:exa-zzz999']),
    ]);
    const report = await ganeti.findLeftovers?.(ctx);
    expect(report).toEqual({
      checked: true,
      method: `RAPI ${fake?.endpoint}: instances tagged exasol-deployment:exa-abc123`,
      leftovers: ['exa-abc123-n11', 'exa-abc123-n12'],
    });
    expect(fake?.requests[0]?.url).toBe('/2/instances?bulk=1');
    const auth = fake?.requests[0]?.headers.authorization ?? '';
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).toBe('exasol:rapi-pw-123');
  });

  it('findLeftovers reports nothing left when no instance carries the tag', async () => {
    const ctx = await ctxFor([instance('other-n11', 'running', ['exasol-deployment:exa-zzz999'])]);
    expect((await ganeti.findLeftovers?.(ctx))?.leftovers).toEqual([]);
  });

  it('nodeStates maps instance names to Ganeti status', async () => {
    const ctx = await ctxFor([
      instance('exa-abc123-n11', 'running', ['exasol-deployment:exa-abc123']),
      instance('exa-abc123-n12', 'ADMIN_down', ['exasol-deployment:exa-abc123']),
    ]);
    expect(await ganeti.nodeStates?.(ctx)).toEqual({
      'exa-abc123-n11': 'running',
      'exa-abc123-n12': 'stopped',
    });
  });
});
