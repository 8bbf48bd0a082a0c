// Pre-flight checks of `exasol init --provider ganeti`: one CheckResult line per question, in order.
import type { CheckResult } from '../preflight/types.ts';
import type { RapiClient } from './client.ts';
import { checkAccess, type ExplainError, skip } from './preflight-access.ts';
import { dryRunCreate } from './preflight-dry-run.ts';
import {
  DOC,
  judge,
  judgeCapacity,
  judgeNetwork,
  judgeVersion,
  laterLines,
  type Snapshot,
  templateAllowed,
} from './preflight-judges.ts';

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

/** Runs every check against the cluster; cluster-side problems become `fail` lines, never exceptions. */
export async function ganetiPreflight(
  client: RapiClient,
  request: GanetiPreflightRequest,
  explain?: ExplainError,
): Promise<CheckResult[]> {
  const access = await checkAccess(client, explain);
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
      fix: `install the OS definition on every node or pass another --ganeti-os-type; ${DOC}`,
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
