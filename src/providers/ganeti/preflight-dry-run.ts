// Last pre-flight line: Ganeti itself checks one instance definition with a dry-run create (OS
// parameters, NIC link on the node, policy, allocator). Its failure is reported on the line it concerns.

import type { RapiClient } from '../../ganeti/client.ts';
import { GanetiJobError } from '../../ganeti/errors.ts';
import { waitForJob } from '../../ganeti/jobs.ts';
import type { NicSpec } from '../../ganeti/types.ts';
import type { CheckResult } from '../../preflight/types.ts';
import type { GanetiPreflightRequest } from './preflight-request.ts';

/** Which earlier line a dry-run failure belongs to, by Ganeti's message or error code. */
const ATTRIBUTION: [RegExp, string, string][] = [
  [
    /OS Parameters validation|Directory for OS|OS .* not found/i,
    'ganeti.os',
    'fix the OS name or its parameters (--ganeti-os-param)',
  ],
  [
    /bridge|link/i,
    'ganeti.network',
    'pass a --ganeti-nic-link that exists on every node, or a --ganeti-network',
  ],
  [
    /insufficient_resources|FailMem|FailDisk|FailCPU|violates policy/i,
    'ganeti.capacity',
    'use fewer or smaller nodes',
  ],
  [/already in the cluster|already_exists/i, 'ganeti.instance-names', 'choose another deployment name'],
  [/Disk template|hypervisor/i, 'ganeti.disk-template', 'pass an enabled --ganeti-disk-template'],
];

/** Submits a dry-run create of the first instance and folds its outcome into `lines` plus the dry-run line. */
export async function dryRunCreate(
  client: RapiClient,
  r: GanetiPreflightRequest,
  template: string,
  lines: CheckResult[],
  line: CheckResult,
): Promise<CheckResult[]> {
  const nics: NicSpec[] = r.network
    ? [{ network: r.network, ip: 'pool' }]
    : r.nicLink
      ? [{ link: r.nicLink }]
      : [{}];
  try {
    const id = await client.createInstance(
      {
        instance_name: r.instanceNames[0] ?? 'exasol-preflight-probe',
        os_type: r.osType,
        osparams: r.osParams,
        disk_template: template,
        disks: template === 'diskless' ? [] : r.diskSizesMiB.map((size) => ({ size })),
        nics,
        beparams: { maxmem: r.memoryMiB, minmem: r.memoryMiB, vcpus: r.vcpus },
        start: false,
      },
      { dryRun: true },
    );
    await waitForJob(client, id, { timeoutMs: 120_000 });
    return [...lines, { ...line, detail: `job ${id} succeeded` }];
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const text = err instanceof GanetiJobError ? `${detail} ${err.errorCode ?? ''}` : detail;
    const hit = err instanceof GanetiJobError ? ATTRIBUTION.find(([re]) => re.test(text)) : undefined;
    if (!hit) return [...lines, { ...line, status: 'fail', detail }];
    const [, id, fix] = hit;
    const folded = lines.map((l) => (l.id === id ? { ...l, status: 'fail' as const, detail, fix } : l));
    return [...folded, { ...line, status: 'fail', detail: `rejected by Ganeti; see ${id} above` }];
  }
}
