// Ganeti pre-flight at init: asks the cluster behind --ganeti-endpoint whether it can host the request.
import { RapiClient } from '../../ganeti/client.ts';
import { GanetiConnectionError } from '../../ganeti/errors.ts';
import { ganetiPreflight } from '../../ganeti/preflight.ts';
import { HANDSHAKE_TIMEOUT_MS } from '../../ganeti/tls.ts';
import type { CheckResult } from '../../preflight/types.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';
import { connectionFromTfvars } from './connection.ts';

const opt = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Runs the RAPI pre-flight checks for the requested cluster; warns when TLS is not verified. */
export async function ganetiInitPreflight(
  resolved: ResolvedProvider,
  ctx: PreflightContext,
): Promise<CheckResult[]> {
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
  ctx.progress?.(
    `pre-flight for ganeti: connecting to ${client.endpoint} (TLS handshake, at most ${HANDSHAKE_TIMEOUT_MS / 1000} s)`,
  );
  const checks = await ganetiPreflight(
    client,
    {
      endpoint: conn.endpoint,
      osType: String(t.ganeti_os_type),
      osParams: (t.ganeti_os_params ?? {}) as Record<string, string>,
      ...(diskTemplate ? { diskTemplate } : {}),
      ...(network ? { network } : {}),
      ...(nicLink ? { nicLink } : {}),
      ...(nodeGroup ? { nodeGroup } : {}),
      memoryMiB: Number(t.ganeti_memory_mib),
      vcpus: Number(t.ganeti_vcpus),
      diskSizesMiB: [
        c.rootVolumeSize * 1024,
        ...Array.from({ length: c.dataVolumesPerNode }, () => c.dataVolumeSize * 1024),
      ],
      clusterSize: c.clusterSize,
      instanceNames: (resolved.summary.instanceNames ?? '').split(',').filter(Boolean),
    },
    explainEndpoint,
  );
  // terraform must name a template: without one RAPI rejects the create, so record the cluster's default.
  if (!diskTemplate && checks.every((c) => c.status !== 'fail')) {
    const enabled = (await client.info()).enabled_disk_templates;
    if (enabled[0]) t.ganeti_disk_template = enabled[0];
  }
  return [...warn, ...checks];
}

/** The likely cause, in the words of init's flags, of an endpoint that is not a RAPI over TLS. */
export function explainEndpoint(err: unknown): { detail: string; fix: string } | undefined {
  if (!(err instanceof GanetiConnectionError)) return undefined;
  const port = new URL(err.endpoint).port || '5080';
  if (err.kind === 'not-https')
    return {
      detail: `${err.endpoint} answers, but not with TLS (plain HTTP or another service on port ${port}); CA or fingerprint flags would not help`,
      fix: `--ganeti-endpoint: wrong port? RAPI speaks https on port 5080 by default: --ganeti-endpoint https://HOST:5080`,
    };
  if (err.kind === 'tls-handshake-timeout')
    return {
      detail: `${err.endpoint} accepted the connection but never started TLS (${err.reason.replace(/^the server /, '')})`,
      fix: `--ganeti-endpoint: wrong port? (RAPI listens on 5080 by default) or a firewall/proxy holding connections to port ${port}`,
    };
  return undefined;
}
