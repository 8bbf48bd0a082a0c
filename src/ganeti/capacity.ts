// Capacity arithmetic of the pre-flight: does the instance policy allow the size, and do N instances
// of that size fit on the cluster's usable nodes (memory, node-local disk, vCPUs under the vcpu-ratio)?
import type { InstanceInfo, InstancePolicy, NodeInfo } from './types.ts';

/** The size of one instance and how many of them are wanted. */
export interface CapacityRequest {
  memoryMiB: number;
  vcpus: number;
  diskSizesMiB: number[];
  diskTemplate: string;
  clusterSize: number;
}

/** Templates whose disks take space on the primary node's local storage (reported as dfree). */
const LOCAL_DISK_TEMPLATES = new Set(['file', 'plain', 'drbd']);

/** Size violations of the instance policy for one instance, as readable sentences (empty = allowed). */
export function policyViolations(policy: InstancePolicy, req: CapacityRequest): string[] {
  const problems: string[] = [];
  const bounds = policy.minmax;
  const within = (key: 'memory-size' | 'cpu-count' | 'disk-size' | 'disk-count', v: number) =>
    bounds.some((b) => v >= b.min[key] && v <= b.max[key]);
  const range = (key: 'memory-size' | 'cpu-count' | 'disk-size' | 'disk-count') =>
    bounds.map((b) => `${b.min[key]}..${b.max[key]}`).join(' or ');
  if (!within('memory-size', req.memoryMiB)) {
    problems.push(`memory ${req.memoryMiB} MiB is outside the instance policy (${range('memory-size')} MiB)`);
  }
  if (!within('cpu-count', req.vcpus))
    problems.push(`${req.vcpus} vCPUs is outside the instance policy (${range('cpu-count')})`);
  if (req.diskTemplate !== 'diskless') {
    if (!within('disk-count', req.diskSizesMiB.length)) {
      problems.push(
        `${req.diskSizesMiB.length} disks is outside the instance policy (${range('disk-count')})`,
      );
    }
    for (const size of req.diskSizesMiB) {
      if (!within('disk-size', size))
        problems.push(`disk of ${size} MiB is outside the instance policy (${range('disk-size')} MiB)`);
    }
  }
  return problems;
}

/** Outcome of placing the instances: how many fit, and totals for the message. */
export interface CapacityVerdict {
  placed: number;
  freeMemoryMiB: number;
  freeDiskMiB: number | null;
  freeVcpus: number;
  /** Sentences naming each resource that is short, and by how much. */
  shortages: string[];
}

/** Places `clusterSize` instances greedily on the nodes (most free memory first) and reports shortages. */
export function fitInstances(
  nodes: NodeInfo[],
  instances: InstanceInfo[],
  vcpuRatio: number,
  req: CapacityRequest,
): CapacityVerdict {
  const localDisk = LOCAL_DISK_TEMPLATES.has(req.diskTemplate);
  const diskPerInstance = localDisk
    ? req.diskSizesMiB.reduce((a, b) => a + b, 0) * (req.diskTemplate === 'drbd' ? 2 : 1)
    : 0;
  const slots = nodes.map((n) => {
    const used = instances.filter((i) => i.pnode === n.name).reduce((a, i) => a + (i.beparams.vcpus ?? 1), 0);
    return {
      mem: n.mfree ?? 0,
      disk: localDisk ? (n.dfree ?? 0) : Number.POSITIVE_INFINITY,
      cpu: Math.floor((n.ctotal ?? 0) * vcpuRatio) - used,
    };
  });
  const totals = {
    freeMemoryMiB: sum(slots.map((s) => s.mem)),
    freeDiskMiB: localDisk ? sum(slots.map((s) => s.disk)) : null,
    freeVcpus: sum(slots.map((s) => s.cpu)),
  };
  let placed = 0;
  for (; placed < req.clusterSize; placed++) {
    const fits = slots.filter(
      (s) => s.mem >= req.memoryMiB && s.disk >= diskPerInstance && s.cpu >= req.vcpus,
    );
    const best = fits.sort((a, b) => b.mem - a.mem)[0];
    if (!best) break;
    best.mem -= req.memoryMiB;
    best.disk -= diskPerInstance;
    best.cpu -= req.vcpus;
  }
  const shortages: string[] = [];
  const short = (what: string, need: number, free: number, unit: string) => {
    if (need > free)
      shortages.push(`${what}: need ${need}${unit}, free ${free}${unit}, missing ${need - free}${unit}`);
  };
  short('memory', req.clusterSize * req.memoryMiB, totals.freeMemoryMiB, ' MiB');
  short('vCPUs', req.clusterSize * req.vcpus, totals.freeVcpus, '');
  if (totals.freeDiskMiB !== null)
    short('disk', req.clusterSize * diskPerInstance, totals.freeDiskMiB, ' MiB');
  if (placed < req.clusterSize && shortages.length === 0) {
    shortages.push(
      `no single node has ${req.memoryMiB} MiB memory, ${req.vcpus} vCPUs and ${diskPerInstance} MiB disk free`,
    );
  }
  return { placed, ...totals, shortages };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
