// Pre-flight against a real libvirtd (tests/libvirtd.sh start); every object uses an exatest-<random> prefix.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { which } from '../../../src/tools/engine.ts';
import { runPreflight } from '../../helpers/libvirt.ts';
import { libvirtdMissing, libvirtSandbox, SYSTEM_URI, sh, virshSys } from '../../helpers/libvirt-host.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const skip = skipUnlessService('libvirtd', libvirtdMissing());

describe.skipIf(skip)('libvirt pre-flight on qemu:///system', () => {
  // Created in beforeAll: a skipped suite leaves nothing behind.
  let box = {} as ReturnType<typeof libvirtSandbox>;
  const base = { 'libvirt-uri': SYSTEM_URI, 'libvirt-pool': '', 'libvirt-network': '', 'libvirt-memory': 1 };
  const small = { rootVolumeSize: 1, dataVolumeSize: 1 };
  beforeAll(() => {
    box = libvirtSandbox();
    base['libvirt-pool'] = box.pool('pool');
    base['libvirt-network'] = box.network('net');
  });
  afterAll(() => box.cleanup?.());

  it('passes with an active pool and network (qemu domains)', async () => {
    const { checks, byId } = await runPreflight({ ...base, 'libvirt-domain-type': 'qemu' }, small);
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    for (const id of ['libvirt.access', 'libvirt.domain-type', 'libvirt.pool-space', 'libvirt.network'])
      expect(byId[id]?.status).toBe('pass');
    expect(byId['libvirt.pool-space']?.detail).toMatch(/GiB free$/);
  });

  it('reports kvm as available exactly when /dev/kvm exists', async () => {
    const { byId } = await runPreflight({ ...base, 'libvirt-domain-type': 'kvm' }, small);
    const hasKvm = (await import('node:fs')).existsSync('/dev/kvm');
    expect(byId['libvirt.domain-type']?.status).toBe(hasKvm ? 'pass' : 'fail');
  });

  it('fails a missing pool; running the printed commands fixes it', async () => {
    const name = `${box.prefix}-printed`;
    const { byId } = await runPreflight({ ...base, 'libvirt-pool': name }, small);
    expect(byId['libvirt.pool']).toMatchObject({ status: 'fail', detail: 'pool does not exist' });
    const lines = (byId['libvirt.pool']?.fix ?? '').split('\n').map((l) => l.trim());
    for (const line of lines.filter((l) => l.startsWith('virsh '))) sh(line);
    const again = await runPreflight({ ...base, 'libvirt-pool': name }, small);
    expect(again.byId['libvirt.pool']?.status).toBe('pass');
  });

  it('fails an inactive network with net-start as the fix', async () => {
    const idle = box.network('idle', false);
    const { byId } = await runPreflight({ ...base, 'libvirt-network': idle }, small);
    expect(byId['libvirt.network']).toMatchObject({ status: 'fail', detail: 'network is inactive' });
    expect(byId['libvirt.network']?.fix).toContain(`virsh -c qemu:///system net-start ${idle}`);
  });

  it('--libvirt-create-missing defines a pool and starts an inactive network, persistently', async () => {
    const idle = box.network('idle2', false);
    const newPool = `${box.prefix}-made`;
    const { byId } = await runPreflight(
      { ...base, 'libvirt-pool': newPool, 'libvirt-network': idle, 'libvirt-create-missing': true },
      small,
    );
    expect(byId['libvirt.host-changes']?.status).toBe('warn');
    expect(byId['libvirt.host-changes']?.detail).toContain(`virsh pool-define-as ${newPool} dir`);
    expect(byId['libvirt.pool']?.status).toBe('pass');
    expect(byId['libvirt.network']?.status).toBe('pass');
    expect(virshSys(['pool-info', newPool])).toMatch(/State:\s+running/);
    expect(virshSys(['net-info', idle])).toMatch(/Active:\s+yes/);
  });

  it('fails when cluster-size × memory exceeds the host', async () => {
    const hostKiB = Number(/Memory size:\s+(\d+)/.exec(virshSys(['nodeinfo']))?.[1]);
    const perVm = Math.ceil(hostKiB / 1024 ** 2 / 2) + 1;
    const { byId } = await runPreflight({ ...base, 'libvirt-memory': perVm }, { ...small, clusterSize: 2 });
    expect(byId['libvirt.memory']?.status).toBe('fail');
    expect(byId['libvirt.memory']?.detail).toContain(`needs ${perVm * 2} GiB`);
  });

  it('fails when the pool cannot hold the volumes', async () => {
    const { byId } = await runPreflight(base, { dataVolumeSize: 1_000_000, clusterSize: 2 });
    expect(byId['libvirt.pool-space']?.status).toBe('fail');
    expect(byId['libvirt.pool-space']?.detail).toMatch(/^only [\d.]+ GiB free/);
  });

  it('fails without mkisofs on PATH', async () => {
    const bin = join(box.dir, 'bin');
    await mkdir(bin);
    await symlink((await which('virsh')) ?? 'virsh', join(bin, 'virsh'));
    const { byId } = await runPreflight(base, small, { ...process.env, PATH: bin });
    expect(byId['libvirt.iso-tool']?.status).toBe('fail');
    expect(byId['libvirt.pool']?.status).toBe('pass');
  });

  it('reports a user without libvirt access on the permission line, not as unreachable', async () => {
    const bin = join(box.dir, 'bin-nobody');
    await mkdir(bin);
    const real = (await which('virsh')) ?? '/usr/bin/virsh';
    await writeFile(join(bin, 'virsh'), `#!/bin/sh\nexec runuser -u nobody -- ${real} "$@"\n`, {
      mode: 0o755,
    });
    const { byId } = await runPreflight(base, small, { ...process.env, PATH: `${bin}:${process.env.PATH}` });
    expect(byId['libvirt.uri']?.status).toBe('pass');
    expect(byId['libvirt.access']?.status).toBe('fail');
    expect(byId['libvirt.access']?.fix).toContain('usermod -aG libvirt');
  });
});
