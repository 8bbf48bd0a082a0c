// libvirt adoption: the names the templates give → terraform addresses, and what virsh reports, read
// from a real virsh on a test-driver node file (test:///FILE: domains and a pool with volumes, no daemon).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libvirtAdoptable, libvirtResourceNames } from '../../../src/providers/libvirt/adopt.ts';
import { libvirt } from '../../../src/providers/libvirt/index.ts';

const UUID = '6695eb01-f6a4-8304-79aa-97f2502e193f';

describe('libvirt names → terraform addresses', () => {
  it('maps every domain and volume main.tf names, data volumes node-major', () => {
    const names = libvirtResourceNames('exa-abc123', 2, 2);
    expect(Object.fromEntries([...names].map(([n, r]) => [n, r.address]))).toEqual({
      'exa-abc123-n11': 'libvirt_domain.node[0]',
      'exa-abc123-n11-root.qcow2': 'libvirt_volume.root[0]',
      'exa-abc123-n11-cloudinit.iso': 'libvirt_cloudinit_disk.init[0]',
      'exa-abc123-n11-data-1.qcow2': 'libvirt_volume.data[0]',
      'exa-abc123-n11-data-2.qcow2': 'libvirt_volume.data[1]',
      'exa-abc123-n12': 'libvirt_domain.node[1]',
      'exa-abc123-n12-root.qcow2': 'libvirt_volume.root[1]',
      'exa-abc123-n12-cloudinit.iso': 'libvirt_cloudinit_disk.init[1]',
      'exa-abc123-n12-data-1.qcow2': 'libvirt_volume.data[2]',
      'exa-abc123-n12-data-2.qcow2': 'libvirt_volume.data[3]',
    });
    expect([...names.values()].filter((r) => !r.importable).map((r) => r.address)).toEqual([
      'libvirt_cloudinit_disk.init[0]',
      'libvirt_cloudinit_disk.init[1]',
    ]);
  });

  it('is wired as the libvirt provider’s adoption', () => {
    expect(typeof libvirt.adoptable).toBe('function');
    expect(typeof libvirt.discardOrphans).toBe('function');
  });
});

describe('libvirtAdoptable on a test-driver node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exa-adopt-'));
  const file = join(dir, 'node.xml');
  const dom = (name: string, uuid = '') =>
    `<domain type='test'><name>${name}</name>${uuid ? `<uuid>${uuid}</uuid>` : ''}<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;
  const vol = (name: string) =>
    `<volume><name>${name}</name><capacity>1000</capacity><target><path>/p/${name}</path></target></volume>`;
  writeFileSync(
    file,
    `<node>${dom('exa-abc123-n11', UUID)}${dom('exa-abc123-n13')}${dom('exa-abc1234-n11')}
<pool type='dir'><name>exa-pool</name><uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53fe</uuid><capacity>1073741824</capacity><allocation>0</allocation><available>1073741824</available><target><path>/p</path></target>
${vol('exa-abc123-n11-root.qcow2')}${vol('exa-abc123-n11-cloudinit.iso')}${vol('exa-abc123-n11-data-2.qcow2')}${vol('exasol-base-x86_64.qcow2')}${vol('exa-abc123-n13-root.qcow2')}
</pool></node>`,
  );
  const ctx = (tfvars: Record<string, unknown>) => ({
    deploymentId: 'exa-abc123',
    tfvars: { libvirt_uri: `test://${file}`, libvirt_pool: 'exa-pool', ...tfvars },
    secrets: {},
    env: process.env,
  });

  it('returns the deployment’s objects within node_count with UUIDs and volume keys; never the base image', async () => {
    expect(await libvirtAdoptable(ctx({ node_count: 2, data_volumes_per_node: 2 }))).toEqual([
      { address: 'libvirt_domain.node[0]', id: UUID },
      { address: 'libvirt_cloudinit_disk.init[0]', id: '/p/exa-abc123-n11-cloudinit.iso', importable: false },
      { address: 'libvirt_volume.data[1]', id: '/p/exa-abc123-n11-data-2.qcow2' },
      { address: 'libvirt_volume.root[0]', id: '/p/exa-abc123-n11-root.qcow2' },
    ]);
  });

  it('finds nothing for another deployment id', async () => {
    expect(await libvirtAdoptable({ ...ctx({ node_count: 3 }), deploymentId: 'exa-zzz999' })).toEqual([]);
  });

  it('fails in one line when the URI cannot be reached', async () => {
    await expect(
      libvirtAdoptable({
        ...ctx({ node_count: 1 }),
        tfvars: { libvirt_uri: 'test:///nonexistent.xml', libvirt_pool: 'p' },
      }),
    ).rejects.toThrow(/^virsh -c test:\/\/\/nonexistent.xml list failed: .+$/);
  });
});
