// Pre-flight checks of `exasol init --provider ganeti`: one CheckResult line per question, in order.
import type { CheckResult } from '../preflight/types.ts';
import { type CapacityRequest, fitInstances, policyViolations } from './capacity.ts';
import type { RapiClient } from './client.ts';
import { checkAccess, skip } from './preflight-access.ts';
import { dryRunCreate } from './preflight-dry-run.ts';
import type { ClusterInfo, GroupInfo, InstanceInfo, NetworkInfo, NodeInfo, OsInfo } from './types.ts';

/** What the deployment will ask of the cluster. */
export interface GanetiPreflightRequest {
  endpoint: string;
  osType: string;
  osParams: Record<string, string>;
  /** Default: the cluster's first enabled disk template. */
  diskTemplate?: string;
  network?: string;
  nicLink?: string;
  nodeGroup?: string;
  memoryMiB: number;
  vcpus: number;
  diskSizesMiB: number[];
  clusterSize: number;
  instanceNames: string[];
}

/** Cluster state read once for all checks. */
interface Snapshot {
  version: number;
  info: ClusterInfo;
  os: OsInfo[];
  groups: GroupInfo[];
  networks: NetworkInfo[];
  nodes: NodeInfo[];
  instances: InstanceInfo[];
}

const DOC = 'see CLOUD_SETUP_GANETI.md';

/** Runs every check against the cluster; cluster-side problems become `fail` lines, never exceptions. */
export async function ganetiPreflight(
  client: RapiClient,
  request: GanetiPreflightRequest,
): Promise<CheckResult[]> {
  const access = await checkAccess(client);
  const later = laterLines(request);
  if (!access.canRead) return [...access.lines, ...later.map((l) => skip(l, access.skipReason))];
  let snap: Snapshot;
  try {
    const [version, info, os, groups, networks, nodes, instances] = await Promise.all([
      client.version(),
      client.info(),
      client.osList(),
      client.groups(),
      client.networks(),
      client.nodes(),
      client.instances(),
    ]);
    snap = { version, info, os, groups, networks, nodes, instances };
  } catch (err) {
    const why = `reading the cluster state failed: ${err instanceof Error ? err.message : String(err)}`;
    return [...access.lines, ...later.map((l) => ({ ...l, status: 'fail' as const, detail: why }))];
  }
  const template = request.diskTemplate ?? snap.info.enabled_disk_templates[0] ?? 'diskless';
  const [version, os, tmpl, net, group, capacity, names, dry] = later as [CheckResult, ...CheckResult[]];
  const lines = [
    judgeVersion(version, snap),
    judge(os!, !snap.os.some((o) => o.name === request.osType), () => ({
      detail: `OS ${request.osType} is not installed (available: ${snap.os.map((o) => o.name).join(', ') || 'none'})`,
      fix: `install the OS definition on every node or pass another --ganeti-os; ${DOC}`,
    })),
    judge(tmpl!, !templateAllowed(snap, template, request.nodeGroup), () => ({
      detail: `disk template ${template} is not enabled or not allowed by the instance policy (enabled: ${snap.info.enabled_disk_templates.join(', ')})`,
      fix: `pass --ganeti-disk-template with an enabled one, or: gnt-cluster modify --enabled-disk-templates=...,${template}`,
    })),
    judgeNetwork(net!, request, snap),
    judge(group!, !!request.nodeGroup && !snap.groups.some((g) => g.name === request.nodeGroup), () => ({
      detail: `node group ${request.nodeGroup} does not exist (groups: ${snap.groups.map((g) => g.name).join(', ')})`,
      fix: 'pass an existing --ganeti-node-group or leave it out',
    })),
    judgeCapacity(capacity!, request, template, snap),
    judge(
      names!,
      request.instanceNames.some((n) => snap.instances.some((i) => i.name === n)),
      () => ({
        detail: `already in use: ${request.instanceNames.filter((n) => snap.instances.some((i) => i.name === n)).join(', ')}`,
        fix: 'choose another deployment name, or remove the old instances (gnt-instance remove NAME)',
      }),
    ),
  ];
  if (!access.canWrite) return [...access.lines, ...lines, skip(dry!, access.skipReason)];
  if (lines.some((l) => l.status === 'fail'))
    return [...access.lines, ...lines, skip(dry!, 'fix the failures above first')];
  return [...access.lines, ...(await dryRunCreate(client, request, template, lines, dry!))];
}

function laterLines(r: GanetiPreflightRequest): CheckResult[] {
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

function templateAllowed(snap: Snapshot, template: string, groupName: string | undefined): boolean {
  const policy = snap.groups.find((g) => g.name === groupName)?.ipolicy ?? snap.info.ipolicy;
  return snap.info.enabled_disk_templates.includes(template) && policy['disk-templates'].includes(template);
}

function judge(line: CheckResult, failed: boolean, why: () => { detail: string; fix: string }): CheckResult {
  return failed ? { ...line, status: 'fail', ...why() } : line;
}

function judgeVersion(line: CheckResult, snap: Snapshot): CheckResult {
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

function judgeNetwork(line: CheckResult, r: GanetiPreflightRequest, snap: Snapshot): CheckResult {
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

function judgeCapacity(
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
