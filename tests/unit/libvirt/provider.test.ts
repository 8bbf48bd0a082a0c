// libvirt provider pieces a user meets directly: flag validation, image and URI handling, virsh argument
// building, and the leftovers/node-state hooks (against a test-driver host described in XML).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.ts';
import { firmwareCheck } from '../../../src/providers/libvirt/host-checks.ts';
import { baseVolumeName, defaultImage, resolveImage } from '../../../src/providers/libvirt/image.ts';
import { libvirt, sshJumpOf, validateLibvirtUri } from '../../../src/providers/libvirt/index.ts';
import { parseTable, splitSections, virshArgs } from '../../../src/tools/virsh.ts';
import { commonConfig, resolveLibvirt } from '../../helpers/libvirt.ts';

const tmp = mkdtempSync(join(tmpdir(), 'exatest-prov-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('libvirt flags and resolution', () => {
  it('refuses session URIs with the reason and the accepted forms', () => {
    expect(() => validateLibvirtUri('qemu:///session')).toThrow(/--libvirt-uri: session URIs cannot reach/);
    expect(() => validateLibvirtUri('xen:///system')).toThrow(/accepted: qemu:\/\/\/system/);
  });

  it('derives the SSH jump host of qemu+ssh URIs', () => {
    expect(sshJumpOf('qemu+ssh://ops@kvm1:2222/system?keyfile=/k')).toBe('ops@kvm1:2222');
    expect(sshJumpOf('qemu+ssh://kvm1/system')).toBe('kvm1');
    expect(sshJumpOf('qemu:///system')).toBe('');
  });

  it('accepts URLs and existing files as --libvirt-image and rejects the rest', () => {
    const file = join(tmp, 'img.qcow2');
    writeFileSync(file, 'x');
    expect(resolveImage(undefined, 'arm64')).toBe(defaultImage('arm64'));
    expect(defaultImage('x86_64')).toMatch(/ubuntu-24\.04-server-cloudimg-amd64\.img$/);
    expect(resolveImage('img.qcow2', 'x86_64', tmp)).toBe(file);
    expect(() => resolveImage('nope.img', 'x86_64', tmp)).toThrow(UsageError);
    expect(() => resolveImage('ftp://h/i.img', 'x86_64')).toThrow(/--libvirt-image: unsupported scheme/);
  });

  it('gives one base volume name per image and architecture', () => {
    const url = defaultImage('x86_64');
    expect(baseVolumeName(url, 'x86_64')).toBe(baseVolumeName(url, 'x86_64'));
    expect(baseVolumeName(url, 'x86_64')).not.toBe(baseVolumeName(url, 'arm64'));
    expect(baseVolumeName(url, 'x86_64')).toMatch(/^exasol-base-x86_64-[0-9a-f]{12}\.qcow2$/);
  });

  it('rejects bad pool/network names naming the flag', async () => {
    await expect(resolveLibvirt({ 'libvirt-pool': 'a b' }, commonConfig())).rejects.toThrow(/--libvirt-pool/);
    await expect(resolveLibvirt({ 'libvirt-network': '../x' }, commonConfig())).rejects.toThrow(
      /--libvirt-network/,
    );
  });
});

describe('virsh argument building and parsing', () => {
  it('joins commands for one connection and quotes words virsh would split', () => {
    expect(
      virshArgs('test:///default', [
        ['pool-info', 'p'],
        ['vol-list', 'my pool'],
      ]),
    ).toEqual(['-c', 'test:///default', "pool-info p ; vol-list 'my pool'"]);
  });

  it('keeps ssh from prompting: qemu+ssh URIs get no_tty=1 for virsh', () => {
    expect(virshArgs('qemu+ssh://u@h/system', [['uri']])[1]).toBe('qemu+ssh://u@h/system?no_tty=1');
    expect(virshArgs('qemu+ssh://u@h/system?keyfile=/k', [['uri']])[1]).toBe(
      'qemu+ssh://u@h/system?keyfile=/k&no_tty=1',
    );
    expect(virshArgs('qemu:///system', [['uri']])[1]).toBe('qemu:///system');
  });

  it('splits sectioned output and parses tables', () => {
    const out = splitSections('@@exasol-section:a\nx\n@@exasol-section:b\n');
    expect(out).toEqual({ connected: true, sections: { a: 'x', b: '' } });
    expect(
      parseTable(' Id   Name   State\n----------\n 1    a-n11   running\n -    a-n12   shut off\n'),
    ).toEqual([
      ['1', 'a-n11', 'running'],
      ['-', 'a-n12', 'shut off'],
    ]);
  });
});

describe('leftovers and node states (test driver host from XML)', () => {
  const xml = join(tmp, 'host.xml');
  writeFileSync(
    xml,
    `<node>
  <domain type='test'><name>exa-t1-n11</name><memory>1048576</memory><os><type>hvm</type></os></domain>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>exa-t1-n12</name>
    <memory>1048576</memory><os><type>hvm</type></os><test:runstate>5</test:runstate></domain>
  <domain type='test'><name>exa-t10-n11</name><memory>1048576</memory><os><type>hvm</type></os></domain>
  <pool type='dir'><name>p</name><target><path>/p</path></target>
    <volume type='file'><name>exa-t1-n11-root.qcow2</name><capacity unit='GiB'>1</capacity><target><path>/p/r</path></target></volume>
    <volume type='file'><name>exasol-base-x86_64-aaa.qcow2</name><capacity unit='GiB'>1</capacity><target><path>/p/b</path></target></volume>
  </pool>
</node>`,
  );
  const ctx = {
    deploymentId: 'exa-t1',
    tfvars: { libvirt_uri: `test://${xml}`, libvirt_pool: 'p' },
    secrets: {},
    env: process.env,
  };

  it('lists only the deployment’s domains and volumes, never the shared base volume', async () => {
    const report = await libvirt.findLeftovers?.(ctx);
    expect(report?.checked).toBe(true);
    expect(report?.leftovers).toEqual([
      'domain exa-t1-n11',
      'domain exa-t1-n12',
      'volume exa-t1-n11-root.qcow2',
    ]);
  });

  it('reports each node’s libvirt state by node name', async () => {
    expect(await libvirt.nodeStates?.(ctx)).toEqual({ n11: 'running', n12: 'shut off' });
  });

  it('says how to check by hand when virsh is missing', async () => {
    const report = await libvirt.findLeftovers?.({ ...ctx, env: { ...process.env, PATH: tmp } });
    expect(report).toMatchObject({ checked: false, leftovers: [] });
    expect(report?.method).toContain('list --all');
  });
});

describe('EFI loader choice', () => {
  it('prefers the plain OVMF code image and records it for terraform', () => {
    const r = firmwareCheck(['/usr/share/OVMF/OVMF_CODE_4M.ms.fd', '/usr/share/OVMF/OVMF_CODE_4M.fd']);
    expect(r.check).toMatchObject({ status: 'pass', detail: '/usr/share/OVMF/OVMF_CODE_4M.fd' });
    expect(r.loader).toBe('/usr/share/OVMF/OVMF_CODE_4M.fd');
  });

  it('fails without any loader and offers bios', () => {
    expect(firmwareCheck([]).check).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('--libvirt-firmware bios'),
    });
  });

  it('keeps the shared base volume out of destroy', () => {
    expect(libvirt.keepOnDestroy).toEqual(['libvirt_volume.base']);
  });
});
