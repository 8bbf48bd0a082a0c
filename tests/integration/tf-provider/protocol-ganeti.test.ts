// The provider's CRUD over the plugin protocol against the real Ganeti cluster, checking the rules
// Terraform core enforces (planned known values = applied values, wholly known new state, null on gone).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RapiClient, waitForJob } from '../../../src/ganeti/index.ts';
import {
  type CtyType,
  containsUnknown,
  isObject,
  type ObjectValue,
  UNKNOWN,
  type Value,
} from '../../../src/tf-provider/codec.ts';
import { ganetiProvider } from '../../../src/tf-provider/provider.ts';
import { instanceSchema } from '../../../src/tf-provider/resources/instance-schema.ts';
import { blockType } from '../../../src/tf-provider/schema.ts';
import { skipGaneti as skip } from '../../helpers/ganeti-env.ts';
import { serverFingerprint } from '../../helpers/terraform-run.ts';
import { dv, fromDv, type ProviderSession, startProvider } from '../../helpers/tf-client.ts';
import { buildProvider } from '../../helpers/tf-provider-build.ts';

const P = `tfp-${randomBytes(3).toString('hex')}-p`;
const T: CtyType = blockType(instanceSchema);
const PT: CtyType = blockType(ganetiProvider.schema);
const TYPE = 'ganeti_instance';

function inst(values: ObjectValue): ObjectValue {
  const out: ObjectValue = { disks: [], nics: [] };
  for (const k of Object.keys(instanceSchema.attributes)) out[k] = null;
  return { ...out, ...values };
}

/** Core's rule: every known planned value comes back unchanged from apply. */
function expectConsistent(planned: Value, applied: Value, path = ''): void {
  if (planned === UNKNOWN) return;
  if (Array.isArray(planned) && Array.isArray(applied) && planned.length === applied.length) {
    for (const [i, item] of planned.entries()) expectConsistent(item, applied[i] ?? null, `${path}[${i}]`);
  } else if (isObject(planned) && isObject(applied)) {
    for (const k of Object.keys(planned))
      expectConsistent(planned[k] ?? null, applied[k] ?? null, `${path}.${k}`);
  } else expect(applied, path).toEqual(planned);
}

describe.skipIf(skip)('provider CRUD over the protocol against Ganeti', () => {
  let p: ProviderSession;
  let rapi: RapiClient;
  const diags = (res: Record<string, unknown>) =>
    (res.diagnostics ?? []) as { severity: string; summary: string; detail: string }[];

  async function plan(prior: ObjectValue | null, config: ObjectValue) {
    const proposed = prior
      ? { ...prior, ...Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null)) }
      : config;
    const res = await p.call('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(T, prior),
      proposed_new_state: dv(T, proposed),
      config: dv(T, config),
    });
    expect(diags(res)).toEqual([]);
    return { planned: fromDv(T, res.planned_state) as ObjectValue, replace: res.requires_replace ?? [] };
  }
  async function apply(prior: ObjectValue | null, planned: ObjectValue | null, config: ObjectValue | null) {
    const res = await p.call('ApplyResourceChange', {
      type_name: TYPE,
      prior_state: dv(T, prior),
      planned_state: dv(T, planned),
      config: dv(T, config),
    });
    return { state: fromDv(T, res.new_state) as ObjectValue | null, diagnostics: diags(res) };
  }

  beforeAll(async () => {
    await buildProvider();
    const endpoint = process.env.GANETI_ENDPOINT ?? '';
    const fp = await serverFingerprint(endpoint);
    rapi = new RapiClient({
      endpoint,
      username: process.env.GANETI_USERNAME ?? '',
      password: process.env.GANETI_PASSWORD ?? '',
      tls: { mode: 'fingerprint', sha256: fp },
    });
    p = await startProvider({ env: { TF_LOG: 'DEBUG' } });
    const cfg = {
      endpoint: null,
      username: null,
      password: null,
      ca_cert: null,
      ca_fingerprint: `sha256:${fp}`,
      insecure: null,
      timeout: null,
    };
    const res = await p.call('ConfigureProvider', { terraform_version: '1.11.4', config: dv(PT, cfg) });
    expect(diags(res)).toEqual([]);
  });

  afterAll(async () => {
    await p?.shutdown();
    for (const i of (await rapi?.instances().catch(() => [])) ?? []) {
      if (i.name.startsWith(P))
        await waitForJob(rapi, await rapi.deleteInstance(i.name)).catch(() => undefined);
    }
  });

  it('reads the cluster data source', async () => {
    const t = blockType(ganetiProvider.dataSources[0]!.schema);
    const res = await p.call('ReadDataSource', { type_name: 'ganeti_cluster', config: dv(t, {}) });
    const info = await rapi.info();
    expect(fromDv(t, res.state)).toMatchObject({
      name: info.name,
      version: info.software_version,
      enabled_hypervisors: info.enabled_hypervisors,
    });
  });

  it('creates, refreshes without drift, updates in place, and forgets a vanished instance', async () => {
    const config = inst({
      name: `${P}-a`,
      os_type: 'noop',
      disk_template: 'file',
      memory: 128,
      tags: ['a', 'b'],
      disks: [{ size: 1024 }],
      nics: [{ network: 'exanet', link: null, mode: null, ip: 'pool', ip_address: null, mac: null }],
    });
    const { planned } = await plan(null, config);
    const created = await apply(null, planned, config);
    expect(created.diagnostics).toEqual([]);
    expect(containsUnknown(created.state)).toBe(false);
    expectConsistent(planned, created.state);
    const nic = (created.state?.nics as ObjectValue[] | undefined)?.[0];
    expect(nic?.ip_address).toBe((await rapi.instance(`${P}-a`))?.['nic.ips'][0]);
    expect(nic?.ip).toBe('pool');

    const read = await p.call('ReadResource', {
      type_name: TYPE,
      current_state: dv(T, created.state),
      private: Buffer.from('keep'),
    });
    expect(fromDv(T, read.new_state)).toEqual(created.state);
    expect(Buffer.from(read.private as Buffer).toString()).toBe('keep');

    const config2 = {
      ...config,
      memory: 256,
      vcpus: 2,
      tags: ['a', 'c'],
      disks: [{ size: 2048 }, { size: 1024 }],
    };
    const up = await plan(created.state, config2);
    expect(up.replace).toEqual([]);
    const updated = await apply(created.state, up.planned, config2);
    expect(updated.diagnostics).toEqual([]);
    expectConsistent(up.planned, updated.state);
    const remote = await rapi.instance(`${P}-a`);
    expect([
      remote?.uuid,
      remote?.beparams.maxmem,
      remote?.beparams.vcpus,
      remote?.tags,
      remote?.['disk.sizes'],
    ]).toEqual([created.state?.uuid, 256, 2, ['a', 'c'], [2048, 1024]]);

    const extraNic = { network: null, link: 'gnt0', mode: null, ip: null, ip_address: null, mac: null };
    const config3 = {
      ...config2,
      nics: [{ ...extraNic }, { ...extraNic, network: 'exanet', link: null, ip: 'pool' }],
    };
    const nicPlan = await plan(updated.state, config3);
    expect(nicPlan.replace).toEqual([]);
    const renic = await apply(updated.state, nicPlan.planned, config3);
    expect(renic.diagnostics).toEqual([]);
    expectConsistent(nicPlan.planned, renic.state);
    const afterNics = await rapi.instance(`${P}-a`);
    expect(afterNics?.uuid).toBe(created.state?.uuid);
    expect(afterNics?.['nic.links']).toEqual(['gnt0', 'gnt0']);
    expect(afterNics?.['nic.ips'][0]).toBeNull();
    expect(afterNics?.['nic.ips'][1]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const stop = await plan(renic.state as ObjectValue, { ...config3, running: false });
    const stopped = await apply(renic.state, stop.planned, { ...config3, running: false });
    expect([stopped.state?.running, stopped.state?.status]).toEqual([false, 'ADMIN_down']);

    await waitForJob(rapi, await rapi.deleteInstance(`${P}-a`));
    const gone = await p.call('ReadResource', { type_name: TYPE, current_state: dv(T, stopped.state) });
    expect(fromDv(T, gone.new_state)).toBeNull();
    expect(diags(gone)).toEqual([]);
    const del = await apply(stopped.state, null, null);
    expect([del.state, del.diagnostics]).toEqual([null, []]);
  });

  it('renames a running instance in place and keeps it running', async () => {
    const config = inst({
      name: `${P}-r`,
      os_type: 'noop',
      disk_template: 'diskless',
      nics: [{ network: null, link: 'gnt0', mode: null, ip: null, ip_address: null, mac: null }],
    });
    const first = await plan(null, config);
    const created = await apply(null, first.planned, config);
    const renamedConfig = { ...config, name: `${P}-r2` };
    const { planned, replace } = await plan(created.state, renamedConfig);
    expect([replace, planned.id]).toEqual([[], `${P}-r2`]);
    const renamed = await apply(created.state, planned, renamedConfig);
    expect(renamed.diagnostics).toEqual([]);
    expectConsistent(planned, renamed.state);
    const remote = await rapi.instance(`${P}-r2`);
    expect([remote?.uuid, remote?.status]).toEqual([created.state?.uuid, 'running']);
    expect(await rapi.instance(`${P}-r`)).toBeNull();
    expect((await apply(renamed.state, null, null)).diagnostics).toEqual([]);
  });

  it('reports insufficient resources with what was asked and records nothing', async () => {
    const config = inst({
      name: `${P}-huge`,
      os_type: 'noop',
      disk_template: 'diskless',
      memory: 30000,
      nics: [{ network: null, link: 'gnt0', mode: null, ip: null, ip_address: null, mac: null }],
    });
    const { planned } = await plan(null, config);
    const res = await apply(null, planned, config);
    expect(res.state).toBeNull();
    expect(res.diagnostics[0]?.summary).toBe(
      `Insufficient resources on the Ganeti cluster for instance ${P}-huge`,
    );
    expect(res.diagnostics[0]?.detail).toContain('Requested: memory 30000 MiB');
    expect(await rapi.instance(`${P}-huge`)).toBeNull();
  });

  it('imports an existing instance so that a matching config plans no change', async () => {
    await waitForJob(
      rapi,
      await rapi.createInstance({
        instance_name: `${P}-imp`,
        os_type: 'noop',
        disk_template: 'diskless',
        disks: [],
        nics: [{ network: 'exanet', ip: 'pool' }],
        beparams: { maxmem: 128, minmem: 128, vcpus: 1 },
      }),
    );
    const imp = await p.call('ImportResourceState', { type_name: TYPE, id: `${P}-imp` });
    const [first] = imp.imported_resources as { state: unknown; private: Buffer }[];
    const read = await p.call('ReadResource', {
      type_name: TYPE,
      current_state: first?.state,
      private: first?.private,
    });
    const state = fromDv(T, read.new_state) as ObjectValue;
    const config = inst({
      name: `${P}-imp`,
      os_type: 'noop',
      disk_template: 'diskless',
      memory: 128,
      vcpus: 1,
      nics: [{ network: 'exanet', link: null, mode: null, ip: 'pool', ip_address: null, mac: null }],
    });
    const { planned, replace } = await plan(state, config);
    expect(replace).toEqual([]);
    expect(planned).toEqual(state);
  });

  it('reads the instance data source, and reports a missing instance', async () => {
    const t = blockType(ganetiProvider.dataSources[1]!.schema);
    const cfg = (name: string) => {
      const v: ObjectValue = {};
      for (const k of Object.keys(ganetiProvider.dataSources[1]!.schema.attributes)) v[k] = null;
      return { ...v, name };
    };
    const res = await p.call('ReadDataSource', {
      type_name: 'ganeti_instance',
      config: dv(t, cfg(`${P}-imp`)),
    });
    const remote = await rapi.instance(`${P}-imp`);
    expect(fromDv(t, res.state)).toMatchObject({
      uuid: remote?.uuid,
      memory: 128,
      ip_addresses: remote?.['nic.ips'],
    });
    const missing = await p.call('ReadDataSource', {
      type_name: 'ganeti_instance',
      config: dv(t, cfg(`${P}-none`)),
    });
    expect(diags(missing)[0]?.summary).toBe('Instance not found');
  });

  it('fails import of an unknown instance with a clear message', async () => {
    const imp = await p.call('ImportResourceState', { type_name: TYPE, id: `${P}-nope` });
    const [first] = imp.imported_resources as { state: unknown; private: Buffer }[];
    const read = await p.call('ReadResource', {
      type_name: TYPE,
      current_state: first?.state,
      private: first?.private,
    });
    expect(diags(read)[0]?.detail).toBe(`Ganeti has no instance named "${P}-nope".`);
  });

  it('never logs the password or private OS parameters', () => {
    expect(p.stderr()).toContain('ApplyResourceChange');
    expect(p.stderr()).not.toContain(process.env.GANETI_PASSWORD ?? 'unset');
  });
});
