// Drives the bundled provider the way Terraform does (handshake, AutoMTLS, tfplugin6 RPCs) from node.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CtyType, isObject, type ObjectValue, UNKNOWN } from '../../../src/tf-provider/codec.ts';
import { ganetiProvider } from '../../../src/tf-provider/provider.ts';
import { instanceSchema } from '../../../src/tf-provider/resources/instance-schema.ts';
import { blockType } from '../../../src/tf-provider/schema.ts';
import { dv, fromDv, type ProviderSession, startProvider } from '../../helpers/tf-client.ts';
import { buildProvider, providerBundle } from '../../helpers/tf-provider-build.ts';

const T: CtyType = blockType(instanceSchema);
const TYPE = 'ganeti_instance';

/** A full instance object with every attribute (null unless given). */
function inst(values: ObjectValue): ObjectValue {
  const out: ObjectValue = { disks: [], nics: [] };
  for (const k of Object.keys(instanceSchema.attributes)) out[k] = null;
  return { ...out, ...values };
}

const base = {
  name: 'tfp-proto-a',
  os_type: 'noop',
  disk_template: 'diskless',
  nics: [{ network: 'exanet', link: null, mode: null, ip: 'pool', ip_address: null, mac: null }],
};

describe('terraform-provider-ganeti over the plugin protocol', () => {
  let p: ProviderSession;
  beforeAll(async () => {
    await buildProvider();
    p = await startProvider({ env: { TF_LOG: 'WARN', TF_LOG_PROVIDER: '' } });
  });
  afterAll(async () => {
    await p?.shutdown();
  });

  it('prints a go-plugin handshake for protocol 6 over a unix socket with an unpadded DER cert', () => {
    const [core, proto, net, addr, kind, cert] = p.handshake;
    expect([core, proto, net, kind]).toEqual(['1', '6', 'unix', 'grpc']);
    expect(addr).toMatch(/plugin[0-9a-f]+$/);
    expect(cert?.length).toBeGreaterThan(50);
    expect(cert).not.toMatch(/=$/);
  });

  it('answers the health check with SERVING', async () => {
    expect(await p.health()).toEqual({ status: 'SERVING' });
  });

  it('serves the schema with cty type bytes and plan_destroy', async () => {
    const res = await p.call('GetProviderSchema');
    const schemas = res.resource_schemas as Record<
      string,
      { block: { attributes: { name: string; type: Buffer; sensitive?: boolean }[] } }
    >;
    const attrs = schemas[TYPE]?.block.attributes ?? [];
    const byName = Object.fromEntries(attrs.map((a) => [a.name, a]));
    expect(Buffer.from(byName.memory?.type ?? []).toString()).toBe('"number"');
    expect(Buffer.from(byName.os_params?.type ?? []).toString()).toBe('["map","string"]');
    expect(byName.os_params_private?.sensitive).toBe(true);
    expect(Object.keys(res.data_source_schemas as object).sort()).toEqual([
      'ganeti_cluster',
      'ganeti_instance',
    ]);
    expect(res.server_capabilities).toMatchObject({ plan_destroy: true });
  });

  it('rejects a provider endpoint that is not an https URL', async () => {
    const t = blockType(ganetiProvider.schema);
    const cfg = {
      endpoint: 'http://x:5080',
      username: null,
      password: null,
      ca_cert: null,
      ca_fingerprint: null,
      insecure: null,
      timeout: null,
    };
    const res = await p.call('ValidateProviderConfig', { config: dv(t, cfg) });
    expect(res.diagnostics).toMatchObject([{ severity: 'ERROR', summary: 'Invalid endpoint' }]);
  });

  it('logs at the TF_LOG level only (WARN: no debug lines), never on stdout', () => {
    expect(p.stderr()).not.toContain('[DEBUG]');
  });

  it('rejects an uppercase name at validate, with the attribute path', async () => {
    const res = await p.call('ValidateResourceConfig', {
      type_name: TYPE,
      config: dv(T, inst({ ...base, name: 'Tfp-Upper' })),
    });
    const diags = res.diagnostics as { summary: string; detail: string; attribute: { steps: object[] } }[];
    expect(diags[0]?.summary).toBe('Instance name must be lowercase');
    expect(diags[0]?.detail).toContain('"tfp-upper"');
    expect(diags[0]?.attribute.steps).toMatchObject([{ attribute_name: 'name' }]);
  });

  it('accepts unknown values at validate', async () => {
    const res = await p.call('ValidateResourceConfig', {
      type_name: TYPE,
      config: dv(T, inst({ ...base, name: UNKNOWN, memory: UNKNOWN })),
    });
    expect(res.diagnostics ?? []).toEqual([]);
  });

  it('plans a create with computed attributes unknown, defaults filled and config kept', async () => {
    const config = inst({ ...base, memory: 256 });
    const res = await p.call('PlanResourceChange', {
      type_name: TYPE,
      proposed_new_state: dv(T, config),
      config: dv(T, config),
    });
    const planned = fromDv(T, res.planned_state) as ObjectValue;
    expect(planned.id).toBe(UNKNOWN);
    expect(planned.uuid).toBe(UNKNOWN);
    expect(planned.primary_node).toBe(UNKNOWN);
    expect(planned.vcpus).toBe(UNKNOWN);
    expect(planned.memory).toBe(256);
    expect([planned.running, planned.name_check, planned.ip_check]).toEqual([true, false, false]);
    const nic = (planned.nics as ObjectValue[])[0];
    expect(nic).toMatchObject({
      network: 'exanet',
      ip: 'pool',
      link: UNKNOWN,
      ip_address: UNKNOWN,
      mac: UNKNOWN,
    });
    expect(res.requires_replace ?? []).toEqual([]);
  });

  const prior = inst({
    ...base,
    id: 'tfp-proto-a',
    memory: 256,
    vcpus: 1,
    primary_node: 'n1',
    running: true,
    name_check: false,
    ip_check: false,
    uuid: 'u-1',
    status: 'running',
    oper_state: true,
    nics: [
      {
        network: 'exanet',
        link: 'gnt0',
        mode: 'bridged',
        ip: 'pool',
        ip_address: '198.51.100.9',
        mac: 'aa:00:00:00:00:01',
      },
    ],
  });

  it('plans memory changes in place and keeps prior computed values and private bytes', async () => {
    const proposed = { ...prior, memory: 512 };
    const config = inst({ ...base, memory: 512 });
    const res = await p.call('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(T, prior),
      proposed_new_state: dv(T, proposed),
      config: dv(T, config),
      prior_private: Buffer.from('opaque'),
    });
    expect(fromDv(T, res.planned_state)).toEqual(proposed);
    expect(res.requires_replace ?? []).toEqual([]);
    expect(Buffer.from(res.planned_private as Buffer).toString()).toBe('opaque');
  });

  it('requires replacement for os_type and a disk template change', async () => {
    const proposed = { ...prior, os_type: 'other', disk_template: 'file' };
    const res = await p.call('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(T, prior),
      proposed_new_state: dv(T, proposed),
      config: dv(T, inst({ ...base, os_type: 'other', disk_template: 'file' })),
    });
    expect(res.requires_replace).toMatchObject([
      { steps: [{ attribute_name: 'os_type' }] },
      { steps: [{ attribute_name: 'disk_template' }] },
    ]);
  });

  it('marks status unknown when the power state changes', async () => {
    const proposed = { ...prior, running: false };
    const res = await p.call('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(T, prior),
      proposed_new_state: dv(T, proposed),
      config: dv(T, inst({ ...base, running: false })),
    });
    const planned = fromDv(T, res.planned_state) as ObjectValue;
    expect([planned.running, planned.status, planned.oper_state]).toEqual([false, UNKNOWN, UNKNOWN]);
  });

  it('plans destroy as a null state', async () => {
    const res = await p.call('PlanResourceChange', {
      type_name: TYPE,
      prior_state: dv(T, prior),
      config: dv(T, null),
    });
    expect(fromDv(T, res.planned_state)).toBeNull();
  });

  it('upgrades a raw JSON state: missing attributes become null, unknown ones are dropped', async () => {
    const raw = {
      id: 'x',
      name: 'x',
      os_type: 'noop',
      disk_template: 'diskless',
      memory: 128,
      removed_attr: 1,
      nics: [{ link: 'gnt0' }],
    };
    const res = await p.call('UpgradeResourceState', {
      type_name: TYPE,
      version: 0,
      raw_state: { json: Buffer.from(JSON.stringify(raw)) },
    });
    const state = fromDv(T, res.upgraded_state) as ObjectValue;
    expect(state).toMatchObject({ id: 'x', memory: 128, vcpus: null, disks: [] });
    expect('removed_attr' in state).toBe(false);
    expect((state.nics as ObjectValue[])[0]).toEqual({
      network: null,
      link: 'gnt0',
      mode: null,
      ip: null,
      ip_address: null,
      mac: null,
    });
  });

  it('imports by name into a stub that ReadResource completes', async () => {
    const res = await p.call('ImportResourceState', { type_name: TYPE, id: 'some-instance' });
    const [imp] = res.imported_resources as { type_name: string; state: unknown; private: Buffer }[];
    expect(imp?.type_name).toBe(TYPE);
    const state = fromDv(T, imp?.state);
    expect(isObject(state) && [state.id, state.name, state.memory]).toEqual([
      'some-instance',
      'some-instance',
      null,
    ]);
  });

  it('reports an error diagnostic for RPCs that need a configured provider', async () => {
    const res = await p.call('ReadResource', { type_name: TYPE, current_state: dv(T, prior) });
    const diags = res.diagnostics as { severity: string; detail: string }[];
    expect(diags[0]?.severity).toBe('ERROR');
    expect(diags[0]?.detail).toContain('not configured');
    expect(fromDv(T, res.new_state)).toEqual(prior);
  });
});

describe('provider launched by hand', () => {
  it('exits 1 with a human message when the magic cookie is wrong', async () => {
    await buildProvider();
    const child = spawn(process.execPath, [providerBundle], {
      env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: 'nope' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('This binary is a plugin');
  });

  it('rejects a client that presents a certificate other than PLUGIN_CLIENT_CERT', async () => {
    const p = await startProvider({ presentOtherCert: true });
    await expect(p.health()).rejects.toThrow(/UNAVAILABLE/);
    p.child.kill('SIGTERM');
  });

  it('serves plaintext with an empty certificate field when AutoMTLS is off', async () => {
    const p = await startProvider({ tls: false });
    expect(p.handshake[5]).toBe('');
    expect(await p.health()).toEqual({ status: 'SERVING' });
    expect(await p.shutdown()).toBe(0);
  });
});
