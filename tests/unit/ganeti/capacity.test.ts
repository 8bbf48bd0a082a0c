// Capacity arithmetic of the pre-flight: policy bounds and placing N instances on real-shaped node data.
import { describe, expect, it } from 'vitest';
import { fitInstances, policyViolations } from '../../../src/ganeti/capacity.ts';
import type { InstanceInfo, InstancePolicy, NodeInfo } from '../../../src/ganeti/types.ts';

const spec = (mem: number, cpu: number, disk: number, disks: number) => ({
  'memory-size': mem,
  'cpu-count': cpu,
  'disk-size': disk,
  'disk-count': disks,
  'nic-count': 1,
  'spindle-use': 1,
});
const policy: InstancePolicy = {
  minmax: [{ min: spec(128, 1, 1024, 1), max: spec(32768, 8, 1048576, 16) }],
  std: spec(128, 1, 1024, 1),
  'vcpu-ratio': 4,
  'spindle-ratio': 32,
  'disk-templates': ['diskless', 'file'],
};
const node = (name: string, mfree: number, dfree: number, ctotal: number): NodeInfo =>
  ({ name, mfree, dfree, ctotal, vm_capable: true, offline: false, drained: false }) as NodeInfo;
const inst = (pnode: string, vcpus: number): InstanceInfo => ({ pnode, beparams: { vcpus } }) as InstanceInfo;
const req = { memoryMiB: 4096, vcpus: 2, diskSizesMiB: [10240], diskTemplate: 'file', clusterSize: 2 };

describe('policyViolations', () => {
  it('accepts a size within bounds and names each bound that is broken', () => {
    expect(policyViolations(policy, req)).toEqual([]);
    expect(policyViolations(policy, { ...req, memoryMiB: 64, vcpus: 9, diskSizesMiB: [512] })).toEqual([
      'memory 64 MiB is outside the instance policy (128..32768 MiB)',
      '9 vCPUs is outside the instance policy (1..8)',
      'disk of 512 MiB is outside the instance policy (1024..1048576 MiB)',
    ]);
  });

  it('ignores disk bounds for diskless instances', () => {
    expect(policyViolations(policy, { ...req, diskTemplate: 'diskless', diskSizesMiB: [] })).toEqual([]);
  });
});

describe('fitInstances', () => {
  it('places instances across nodes and reports totals', () => {
    const v = fitInstances([node('a', 5000, 20000, 2), node('b', 5000, 20000, 2)], [], 4, req);
    expect(v).toEqual({ placed: 2, freeMemoryMiB: 10000, freeDiskMiB: 40000, freeVcpus: 16, shortages: [] });
  });

  it('says how much memory is missing', () => {
    const v = fitInstances([node('a', 5000, 90000, 8)], [], 4, { ...req, clusterSize: 3 });
    expect(v.placed).toBe(1);
    expect(v.shortages).toEqual(['memory: need 12288 MiB, free 5000 MiB, missing 7288 MiB']);
  });

  it('counts vCPUs already used by instances under the vcpu-ratio', () => {
    const v = fitInstances([node('a', 90000, 90000, 1)], [inst('a', 3)], 4, req);
    expect(v.shortages).toEqual(['vCPUs: need 4, free 1, missing 3']);
  });

  it('notices when totals suffice but no single node has room', () => {
    const v = fitInstances([node('a', 3000, 90000, 8), node('b', 3000, 90000, 8)], [], 4, {
      ...req,
      clusterSize: 1,
    });
    expect(v.shortages).toEqual(['no single node has 4096 MiB memory, 2 vCPUs and 10240 MiB disk free']);
  });

  it('needs no local disk for diskless and doubles it for drbd', () => {
    const nodes = [node('a', 90000, 15000, 8)];
    expect(
      fitInstances(nodes, [], 4, { ...req, diskTemplate: 'diskless', clusterSize: 3 }).freeDiskMiB,
    ).toBeNull();
    expect(fitInstances(nodes, [], 4, { ...req, diskTemplate: 'drbd', clusterSize: 1 }).shortages).toEqual([
      'disk: need 20480 MiB, free 15000 MiB, missing 5480 MiB',
    ]);
  });
});
