// The judging half of the Ganeti pre-flight: turns one cluster snapshot into pass/fail lines.

import { type CapacityRequest, fitInstances, policyViolations } from '../../ganeti/capacity.ts';
import type {
  ClusterInfo,
  GroupInfo,
  InstanceInfo,
  NetworkInfo,
  NodeInfo,
  OsInfo,
} from '../../ganeti/types.ts';
import type { CheckResult } from '../../preflight/types.ts';
import type { GanetiPreflightRequest } from './preflight-request.ts';

/** Cluster state read once for all checks. */
export interface Snapshot {
  version: number;
  info: ClusterInfo;
  os: OsInfo[];
  groups: GroupInfo[];
  networks: NetworkInfo[];
  nodes: NodeInfo[];
  instances: InstanceInfo[];
}

/** Where the fixes are explained. */
export const DOC = 'see CLOUD_SETUP_GANETI.md';

/** The lines after the access checks, all `pass` until judged. */
export function laterLines(r: GanetiPreflightRequest): CheckResult[] {
  const disk = r.diskSizesMiB.reduce((a, b) => a + b, 0);
  const nic = r.network
    ? `Network ${r.network} with ${r.clusterSize} free IPs`
    : `NIC link ${r.nicLink ?? '(cluster default)'}`;
  const titles: [string, string][] = [
    ['ganeti.version', 'RAPI version 2 and Ganeti 2.16 or later'],
    ['ganeti.os', `OS ${r.osType} exists and accepts the OS parameters`],
    [
      'ganeti.disk-template',
      `Disk template ${r.diskTemplate ?? '(cluster default)'} enabled and allowed by the instance policy`,
    ],
    ['ganeti.network', nic],
    ['ganeti.node-group', `Node group ${r.nodeGroup ?? '(any)'} exists`],
    [
      'ganeti.capacity',
      `Room for ${r.clusterSize} × (${r.memoryMiB} MiB, ${r.vcpus} vCPUs, ${disk} MiB disk)`,
    ],
    ['ganeti.instance-names', `Instance names not in use (${r.instanceNames.join(', ')})`],
    ['ganeti.dry-run', 'Ganeti accepts the instance definition (dry-run create)'],
  ];
  return titles.map(([id, title]) => ({ id, title, status: 'pass' as const }));
}

/** True when the template is enabled and allowed by the (group's) instance policy. */
export function templateAllowed(snap: Snapshot, template: string, groupName: string | undefined): boolean {
  const policy = snap.groups.find((g) => g.name === groupName)?.ipolicy ?? snap.info.ipolicy;
  return snap.info.enabled_disk_templates.includes(template) && policy['disk-templates'].includes(template);
}

/** Marks `line` failed with the reason when `failed`. */
export function judge(
  line: CheckResult,
  failed: boolean,
  why: () => { detail: string; fix: string },
): CheckResult {
  return failed ? { ...line, status: 'fail', ...why() } : line;
}

/** RAPI 2 and Ganeti 2.16 or later. */
export function judgeVersion(line: CheckResult, snap: Snapshot): CheckResult {
  const [major = 0, minor = 0] = snap.info.software_version.split('.').map(Number);
  const ok = snap.version === 2 && (major > 2 || (major === 2 && minor >= 16));
  return judge(
    { ...line, detail: `RAPI ${snap.version}, Ganeti ${snap.info.software_version}` },
    !ok,
    () => ({
      detail: `RAPI ${snap.version}, Ganeti ${snap.info.software_version}: need RAPI 2 and Ganeti 2.16 or later`,
      fix: 'upgrade Ganeti on the cluster',
    }),
  );
}

/** The network exists, is connected to the group and has enough free IPs (or a link is given). */
export function judgeNetwork(line: CheckResult, r: GanetiPreflightRequest, snap: Snapshot): CheckResult {
  if (!r.network) {
    const fallback = (snap.info.nicparams as { default?: { link?: string } } | undefined)?.default?.link;
    return r.nicLink
      ? { ...line, detail: `link ${r.nicLink} (its presence on the nodes is checked by the dry-run create)` }
      : {
          ...line,
          status: 'warn',
          detail: `no network or link given; NICs use the cluster default link ${fallback}`,
        };
  }
  const net = snap.networks.find((n) => n.name === r.network);
  const names = snap.networks.map((n) => n.name).join(', ') || 'none';
  if (!net) {
    return {
      ...line,
      status: 'fail',
      detail: `network ${r.network} does not exist (networks: ${names})`,
      fix: `gnt-network add ... ${r.network}; ${DOC}`,
    };
  }
  const groups = net.group_list.map((g) => g[0]);
  if (groups.length === 0 || (r.nodeGroup && !groups.includes(r.nodeGroup))) {
    return {
      ...line,
      status: 'fail',
      detail: `network ${r.network} is not connected to node group ${r.nodeGroup ?? '(any)'}`,
      fix: `gnt-network connect --nic-parameters=mode=bridged,link=BRIDGE ${r.network} GROUP`,
    };
  }
  if (net.free_count < r.clusterSize) {
    return {
      ...line,
      status: 'fail',
      detail: `network ${r.network} has ${net.free_count} free IPs, ${r.clusterSize} needed`,
      fix: 'enlarge the pool or release reservations (gnt-network modify --remove-reserved-ips)',
    };
  }
  return { ...line, detail: `${net.free_count} free IPs in ${net.network}` };
}

/** The size is within the instance policy and all instances fit on the usable nodes. */
export function judgeCapacity(
  line: CheckResult,
  r: GanetiPreflightRequest,
  template: string,
  snap: Snapshot,
): CheckResult {
  const group = r.nodeGroup ? snap.groups.find((g) => g.name === r.nodeGroup) : undefined;
  const usable = snap.nodes.filter(
    (n) => n.vm_capable && !n.offline && !n.drained && (!group || n['group.uuid'] === group.uuid),
  );
  const policy = group?.ipolicy ?? snap.info.ipolicy;
  const req: CapacityRequest = { ...r, diskTemplate: template };
  const violations = policyViolations(policy, req);
  if (violations.length)
    return {
      ...line,
      status: 'fail',
      detail: violations.join('; '),
      fix: 'choose a size within the instance policy or change it (gnt-cluster modify --ipolicy-...)',
    };
  const v = fitInstances(usable, snap.instances, policy['vcpu-ratio'], req);
  if (v.placed < r.clusterSize) {
    return {
      ...line,
      status: 'fail',
      detail: `only ${v.placed} of ${r.clusterSize} instances fit on ${usable.length} usable nodes: ${v.shortages.join('; ')}`,
      fix: 'use fewer or smaller nodes, or free resources on the cluster',
    };
  }
  return {
    ...line,
    detail: `free on ${usable.length} nodes: ${v.freeMemoryMiB} MiB memory, ${v.freeVcpus} vCPUs`,
  };
}
