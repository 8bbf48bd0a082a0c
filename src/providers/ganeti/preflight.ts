// Ganeti pre-flight at init: asks the cluster behind --ganeti-endpoint whether it can host the request.
import { RapiClient } from '../../ganeti/client.ts';
import type { CheckResult } from '../../preflight/types.ts';
import type { PreflightContext, PreflightResult, ResolvedProvider } from '../types.ts';
import { connectionFromTfvars } from './connection.ts';
import { ganetiPreflight } from './preflight-checks.ts';

const opt = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Runs the RAPI pre-flight checks for the requested cluster; warns when TLS is not verified. */
export async function ganetiInitPreflight(
  resolved: Readonly<ResolvedProvider>,
  ctx: PreflightContext,
): Promise<PreflightResult> {
  const t = resolved.tfvars;
  const conn = connectionFromTfvars(t, resolved.secrets);
  const c = ctx.common;
  const warn: CheckResult[] =
    conn.tls.mode === 'insecure'
      ? [
          {
            id: 'ganeti.tls',
            title: 'TLS verification',
            status: 'warn',
            detail: '--ganeti-insecure: the RAPI certificate is not verified',
          },
        ]
      : [];
  const network = opt(t.ganeti_network);
  const nicLink = opt(t.ganeti_nic_link);
  const diskTemplate = opt(t.ganeti_disk_template);
  const nodeGroup = opt(t.ganeti_node_group);
  const client = new RapiClient(conn);
  const checks = await ganetiPreflight(client, {
    endpoint: conn.endpoint,
    osType: String(t.ganeti_os_type),
    osParams: (t.ganeti_os_params ?? {}) as Record<string, string>,
    ...(diskTemplate ? { diskTemplate } : {}),
    ...(network ? { network } : {}),
    ...(nicLink ? { nicLink } : {}),
    ...(nodeGroup ? { nodeGroup } : {}),
    memoryMiB: Number(t.node_memory_gib) * 1024,
    vcpus: Number(t.node_vcpus),
    diskSizesMiB: [
      c.rootVolumeSize * 1024,
      ...Array.from({ length: c.dataVolumesPerNode }, () => c.dataVolumeSize * 1024),
    ],
    clusterSize: c.clusterSize,
    instanceNames: (resolved.summary.instanceNames ?? '').split(',').filter(Boolean),
  });
  // terraform must name a template: without one RAPI rejects the create, so record the cluster's default.
  const tfvars: Record<string, unknown> = {};
  if (!diskTemplate && checks.every((c) => c.status !== 'fail')) {
    const enabled = (await client.info()).enabled_disk_templates;
    if (enabled[0]) tfvars.ganeti_disk_template = enabled[0];
  }
  return { checks: [...warn, ...checks], tfvars };
}
