// Pre-flight against libvirt's test driver (no daemon): every virsh query of one run shares one connection.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseVolumeName, defaultImage } from '../../../src/providers/libvirt/image.ts';
import { which } from '../../../src/tools/engine.ts';
import { runPreflight } from '../../helpers/libvirt.ts';

const URI = 'test:///default';
const README = { 'libvirt-uri': URI, 'libvirt-pool': 'default-pool', 'libvirt-memory': 1 };
let tmp = '';
let virshPath = '';

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'exatest-lv-'));
  virshPath = (await which('virsh')) ?? '';
  expect(virshPath, 'virsh (libvirt-clients) must be installed').not.toBe('');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('libvirt pre-flight on test:///default', () => {
  it('passes the README example; daemon-only checks say "test driver"', async () => {
    const { checks, byId, resolved } = await runPreflight(README);
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    for (const id of ['libvirt.access', 'libvirt.domain-type', 'libvirt.pool-space'])
      expect(byId[id]).toMatchObject({ status: 'skip', detail: 'test driver' });
    for (const id of ['libvirt.uri', 'libvirt.pool', 'libvirt.network', 'libvirt.iso-tool', 'libvirt.memory'])
      expect(byId[id]?.status).toBe('pass');
    expect(resolved.tfvars.libvirt_base_volume_exists).toBe(false);
  });

  it('fails a missing pool with the exact virsh commands that create it', async () => {
    const { byId } = await runPreflight({ ...README, 'libvirt-pool': 'exatest-nopool' });
    expect(byId['libvirt.pool']).toMatchObject({ status: 'fail', detail: 'pool does not exist' });
    const fix = byId['libvirt.pool']?.fix ?? '';
    expect(fix).toContain(
      'virsh -c test:///default pool-define-as exatest-nopool dir --target /var/lib/libvirt/pools/exatest-nopool',
    );
    expect(fix).toContain('virsh -c test:///default pool-start exatest-nopool');
    expect(fix).toContain('--libvirt-create-missing');
  });

  it('fails a missing network with the XML and the net-define/start commands', async () => {
    const { byId } = await runPreflight({ ...README, 'libvirt-network': 'exatest-nonet' });
    const net = byId['libvirt.network'];
    expect(net).toMatchObject({ status: 'fail', detail: 'network does not exist' });
    expect(net?.fix).toContain("<forward mode='nat'/>");
    expect(net?.fix).toContain('virsh -c test:///default net-define /tmp/exatest-nonet-network.xml');
    expect(net?.fix).toContain('virsh -c test:///default net-start exatest-nonet');
  });

  it('--libvirt-create-missing is a set-up step before the pre-flight, which itself creates nothing', async () => {
    const values = {
      ...README,
      'libvirt-pool': 'exatest-newpool',
      'libvirt-network': 'exatest-newnet',
      'libvirt-create-missing': true,
    };
    const { byId, checks } = await runPreflight(values);
    const change = byId['libvirt.host-changes'];
    expect(change?.status).toBe('warn');
    expect(change?.title).toContain('destroy does not undo');
    expect(change?.detail).toContain('virsh pool-define-as exatest-newpool dir');
    expect(change?.detail).toContain('virsh net-start exatest-newnet');
    // The set-up line comes first, before the pre-flight's own lines.
    expect(checks[0]?.id).toBe('libvirt.host-changes');
    // The test driver forgets everything between connections, so the pre-flight's own (new)
    // connection finds the pool missing again: proof that it looked for itself. On a real libvirtd
    // the created pool and network pass (tests/integration/libvirt/preflight.test.ts).
    expect(byId['libvirt.pool']).toMatchObject({ status: 'fail', detail: 'pool does not exist' });
  });

  it('without --libvirt-create-missing nothing is set up', async () => {
    const { byId } = await runPreflight({ ...README, 'libvirt-pool': 'exatest-newpool2' });
    expect(byId['libvirt.host-changes']).toBeUndefined();
  });

  it('fails when cluster-size × memory exceeds the host (test host: 3 GiB)', async () => {
    const { byId } = await runPreflight(README, { clusterSize: 4 });
    expect(byId['libvirt.memory']).toMatchObject({
      status: 'fail',
      detail: "needs 4 GiB, the test driver's fake host has 3.0 GiB",
    });
  });

  it('fails more vCPUs per VM than the host has', async () => {
    const { byId } = await runPreflight({ ...README, 'libvirt-vcpus': 32 });
    // The figures are the test driver's fake host, labelled so, never presented as this machine's.
    expect(byId['libvirt.vcpus']).toMatchObject({
      status: 'fail',
      detail: "the test driver's fake host has 16 CPUs",
      fix: "use --libvirt-vcpus 16 or less (the test driver's limit, not this machine's)",
    });
  });

  it('fails without an ISO tool on PATH and names the package', async () => {
    const bin = join(tmp, 'bin-noiso');
    await mkdir(bin);
    await symlink(virshPath, join(bin, 'virsh'));
    const { byId } = await runPreflight(README, {}, { ...process.env, PATH: bin });
    expect(byId['libvirt.iso-tool']?.status).toBe('fail');
    expect(byId['libvirt.iso-tool']?.fix).toContain('apt-get install genisoimage');
    expect(byId['libvirt.uri']?.status).toBe('pass');
  });

  it('asks for a mkisofs link when only genisoimage exists (the provider runs mkisofs)', async () => {
    const bin = join(tmp, 'bin-geniso');
    await mkdir(bin);
    await symlink(virshPath, join(bin, 'virsh'));
    await writeFile(join(bin, 'genisoimage'), '#!/bin/sh\n', { mode: 0o755 });
    const { byId } = await runPreflight(README, {}, { ...process.env, PATH: bin });
    expect(byId['libvirt.iso-tool']?.fix).toBe(
      `sudo ln -s ${join(bin, 'genisoimage')} /usr/local/bin/mkisofs`,
    );
  });

  it('fails an unreachable URI and skips what depends on it', async () => {
    const { byId } = await runPreflight({ ...README, 'libvirt-uri': 'test:///nonexistent/exatest.xml' });
    expect(byId['libvirt.uri']).toMatchObject({ status: 'fail' });
    expect(byId['libvirt.uri']?.detail).toContain('failed to parse xml');
    expect(byId['libvirt.pool']).toMatchObject({ status: 'skip', detail: 'URI not reachable' });
    expect(byId['libvirt.iso-tool']?.status).toBe('pass');
  });

  it('fails an unreachable qemu+ssh host with the ssh hint', async () => {
    const { byId } = await runPreflight({
      ...README,
      'libvirt-uri': 'qemu+ssh://exatest@127.0.0.1:1/system?no_tty=1',
    });
    expect(byId['libvirt.uri']?.status).toBe('fail');
    // virsh reports ssh's refusal, or (when ssh exits before virsh reads its error) a closed socket.
    expect(byId['libvirt.uri']?.detail).toMatch(/Connection refused|connect|socket is closed/i);
    expect(byId['libvirt.uri']?.fix).toContain('ssh <user@host> virsh -c qemu:///system version');
  });

  it('fails when virsh itself is missing', async () => {
    const { checks } = await runPreflight(README, {}, { ...process.env, PATH: tmp });
    expect(checks[0]).toMatchObject({ id: 'libvirt.uri', status: 'fail', detail: 'virsh not found on PATH' });
  });

  it('finds the shared base volume in the pool and tells terraform to reuse it', async () => {
    const base = baseVolumeName(defaultImage('x86_64'), 'x86_64');
    const xml = join(tmp, 'node.xml');
    await writeFile(
      xml,
      `<node><cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads><active>4</active><mhz>2000</mhz><model>x86_64</model></cpu>
<memory>16777216</memory>
<network><name>exatest-net</name><forward mode='nat'/><ip address='192.168.150.1' netmask='255.255.255.0'/></network>
<pool type='dir'><name>exatest-pool</name><target><path>/exatest-pool</path></target>
<volume type='file'><name>${base}</name><capacity unit='GiB'>3</capacity><target><path>/exatest-pool/${base}</path></target></volume>
</pool></node>`,
    );
    const { byId, resolved } = await runPreflight(
      { 'libvirt-uri': `test://${xml}`, 'libvirt-pool': 'exatest-pool', 'libvirt-network': 'exatest-net' },
      { clusterSize: 3 },
    );
    expect(byId['libvirt.base-image']?.detail).toBe('already in the pool, reused');
    expect(resolved.tfvars.libvirt_base_volume_exists).toBe(true);
    expect(byId['libvirt.memory']).toMatchObject({
      status: 'pass',
      detail: "the test driver's fake host has 16.0 GiB",
    });
  });
});
