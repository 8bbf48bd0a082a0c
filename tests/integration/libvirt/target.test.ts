// Leftovers, node states and power control against a real libvirtd with tiny diskless qemu domains.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libvirt } from '../../../src/providers/libvirt/index.ts';
import { setLibvirtPower } from '../../../src/providers/libvirt/target.ts';
import { libvirtdMissing, libvirtSandbox, SYSTEM_URI, virshSys } from '../../helpers/libvirt-host.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const skip = skipUnlessService('libvirtd', libvirtdMissing());

describe.skipIf(skip)('libvirt target hooks on qemu:///system', () => {
  // Created in beforeAll: a skipped suite leaves nothing behind.
  let box = {} as ReturnType<typeof libvirtSandbox>;
  beforeAll(() => {
    box = libvirtSandbox();
  });
  afterAll(() => box.cleanup?.());
  const ctx = () => ({
    deploymentId: box.prefix,
    tfvars: { libvirt_uri: SYSTEM_URI, libvirt_pool: `${box.prefix}-pool` },
    secrets: {},
    env: process.env,
  });

  function defineDomain(node: string): void {
    const file = join(box.dir, `${node}.xml`);
    writeFileSync(
      file,
      `<domain type='qemu'><name>${box.prefix}-${node}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
<os><type arch='x86_64'>hvm</type></os><features><acpi/></features></domain>`,
    );
    virshSys(['define', file]);
  }

  // One domain for all steps: libvirtd on these machines re-probes QEMU on every define (about 30 s).
  it('finds the deployment’s domain and volume, and reports its state', async () => {
    const pool = box.pool('pool');
    defineDomain('n11');
    virshSys(['vol-create-as', pool, `${box.prefix}-n11-root.qcow2`, '1M', '--format', 'qcow2']);
    virshSys(['vol-create-as', pool, 'exasol-base-x86_64-test.qcow2', '1M', '--format', 'qcow2']);
    const found = await libvirt.findLeftovers?.(ctx());
    expect(found?.leftovers).toEqual([`domain ${box.prefix}-n11`, `volume ${box.prefix}-n11-root.qcow2`]);
    expect(await libvirt.nodeStates?.(ctx())).toEqual({ n11: 'shut off' });
  });

  it('starts the domain and stops it (forced after the grace period when ACPI is ignored)', async () => {
    expect(await setLibvirtPower(ctx(), true)).toEqual({ n11: 'running' });
    expect(await libvirt.nodeStates?.(ctx())).toEqual({ n11: 'running' });
    expect(await setLibvirtPower(ctx(), false, 1_500, 500)).toEqual({ n11: 'shut off' });
  });

  it('reports nothing left once domain and volume are gone (the shared base volume does not count)', async () => {
    virshSys(['undefine', `${box.prefix}-n11`]);
    virshSys(['vol-delete', `${box.prefix}-n11-root.qcow2`, '--pool', `${box.prefix}-pool`]);
    expect(await libvirt.findLeftovers?.(ctx())).toMatchObject({ checked: true, leftovers: [] });
  });
});
