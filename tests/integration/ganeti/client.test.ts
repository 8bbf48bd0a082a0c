// Every RapiClient call against the real Ganeti cluster: reads, the instance life cycle, tags, rename.
import { afterAll, describe, expect, it } from 'vitest';
import { waitForJob } from '../../../src/ganeti/jobs.ts';
import { removeInstancesWithPrefix } from '../../helpers/ganeti-cleanup.ts';
import { lazyRapiClient, runPrefix, sandbox, skipGaneti } from '../../helpers/ganeti-env.ts';

describe.skipIf(skipGaneti)('RapiClient against a real Ganeti cluster', () => {
  const client = lazyRapiClient();
  const prefix = runPrefix();
  const name = `${prefix}-life`;
  const renamed = `${prefix}-renamed`;
  const tag = `exasol-deployment:${prefix}`;

  afterAll(() => removeInstancesWithPrefix(client, prefix));

  it('reads version, info, features, OSes, nodes, groups and networks', async () => {
    expect(await client.version()).toBe(2);
    const info = await client.info();
    expect(info.software_version).toMatch(/^\d+\.\d+/);
    expect(info.enabled_disk_templates).toContain('diskless');
    expect(info.ipolicy.minmax[0]?.max['memory-size']).toBeGreaterThan(0);
    expect(await client.features()).toContain('instance-create-reqv1');
    expect((await client.osList()).map((o) => o.name)).toContain(sandbox.os);
    const nodes = await client.nodes();
    expect(nodes.some((n) => n.vm_capable && typeof n.mfree === 'number')).toBe(true);
    const groups = await client.groups();
    expect(groups.map((g) => g.name)).toContain('default');
    expect(groups[0]?.ipolicy['vcpu-ratio']).toBeGreaterThan(0);
    const net = (await client.networks()).find((n) => n.name === sandbox.network);
    expect(net?.free_count).toBeGreaterThan(0);
    expect(net?.group_list[0]?.[2]).toBe(sandbox.link);
  });

  it('creates an instance with a pool address and a tag, then finds it by name and tag', async () => {
    const logs: string[] = [];
    const id = await client.createInstance({
      instance_name: name,
      os_type: sandbox.os,
      disk_template: 'diskless',
      disks: [],
      nics: [{ network: sandbox.network, ip: 'pool' }],
      beparams: { memory: 256, vcpus: 1 },
      tags: [tag],
      start: false,
    });
    const job = await waitForJob(client, id, { onLog: (e) => logs.push(e[3]), timeoutMs: 120_000 });
    expect(job.status).toBe('success');
    expect(logs.some((l) => l.includes(`from network ${sandbox.network}`))).toBe(true);
    const inst = await client.instance(name);
    expect(inst?.admin_state).toBe('down');
    expect(inst?.beparams.maxmem).toBe(256);
    expect(inst?.['nic.ips'][0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect((await client.instances()).map((i) => i.name)).toContain(name);
    expect((await client.instancesByTag(tag)).map((i) => i.name)).toEqual([name]);
  });

  it('modifies, starts, reboots and shuts the instance down', async () => {
    await waitForJob(client, await client.modifyInstance(name, { beparams: { memory: 512, vcpus: 2 } }));
    expect((await client.instance(name))?.custom_beparams).toMatchObject({
      maxmem: 512,
      minmem: 512,
      vcpus: 2,
    });
    await waitForJob(client, await client.startupInstance(name));
    expect((await client.instance(name))?.status).toBe('running');
    await waitForJob(client, await client.rebootInstance(name, { type: 'hard' }));
    expect((await client.instance(name))?.oper_ram).toBe(512);
    await waitForJob(client, await client.shutdownInstance(name, { timeout: 0 }));
    expect((await client.instance(name))?.status).toBe('ADMIN_down');
  });

  it('adds, lists and removes tags', async () => {
    await waitForJob(client, await client.addInstanceTags(name, ['role:data', 'extra']));
    expect(await client.instanceTags(name)).toEqual(['extra', tag, 'role:data'].sort());
    await waitForJob(client, await client.removeInstanceTags(name, ['extra']));
    expect(await client.instanceTags(name)).toEqual([tag, 'role:data'].sort());
  });

  it('renames and deletes; a deleted instance reads as null and its tag finds nothing', async () => {
    const job = await waitForJob(client, await client.renameInstance(name, renamed));
    expect(job.opresult).toEqual([renamed]);
    expect(await client.instance(name)).toBeNull();
    await waitForJob(client, await client.deleteInstance(renamed));
    expect(await client.instance(renamed)).toBeNull();
    expect(await client.instancesByTag(tag)).toEqual([]);
  });

  it('reinstalls an instance with disks as one multi-opcode job', async () => {
    const disked = `${prefix}-disk`;
    await waitForJob(
      client,
      await client.createInstance({
        instance_name: disked,
        os_type: sandbox.os,
        disk_template: 'file',
        disks: [{ size: 1024 }],
        nics: [{ link: sandbox.link }],
        start: false,
      }),
    );
    const job = await waitForJob(
      client,
      await client.reinstallInstance(disked, { os: sandbox.os, osparams: { sleep: '0' } }),
    );
    expect(job.summary).toEqual([
      `INSTANCE_SHUTDOWN(${disked})`,
      `INSTANCE_REINSTALL(${disked})`,
      `INSTANCE_STARTUP(${disked})`,
    ]);
    expect((await client.instance(disked))?.status).toBe('running');
  });

  it('reads a finished job, reports unknown job ids as null, and cannot cancel a finished job', async () => {
    const id = await client.addInstanceTags(`${prefix}-missing`, ['x']);
    await expect(waitForJob(client, id)).rejects.toThrow(`Instance '${prefix}-missing' not known`);
    const job = await client.job(id);
    expect(job?.status).toBe('error');
    expect(await client.job(2_000_000_000)).toBeNull();
    const cancel = await client.cancelJob(id);
    expect(cancel.cancelled).toBe(false);
    expect(cancel.message).toMatch(/Job exited before|not found/);
  });
});
