// GCP target: flags, defaults, tfvars and credential pre-flight (no cloud calls).
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../../errors.ts';
import type { Architecture } from '../../options/common-flags.ts';
import { bool, type FlagSpec, str, text } from '../../options/flag-spec.ts';
import { filePath, matching } from '../../options/parsers.ts';
import { labelOwnerRule } from '../shared.ts';
import type { ProviderModule } from '../types.ts';

const flags: readonly FlagSpec[] = [
  {
    long: 'gcp-region',
    arg: '<region>',
    description: 'GCP region',
    parse: matching(/^[a-z]+-[a-z]+\d+$/, 'a GCP region such as europe-west4'),
  },
  {
    long: 'gcp-zone',
    arg: '<zone>',
    description: 'GCP zone (default: <region>-a)',
    parse: matching(/^[a-z]+-[a-z]+\d+-[a-z]$/, 'a GCP zone such as europe-west4-a'),
  },
  {
    long: 'gcp-project',
    arg: '<id>',
    description: 'project id (or GOOGLE_CLOUD_PROJECT, or project_id of the credentials file)',
    parse: matching(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a GCP project id'),
  },
  {
    long: 'gcp-credentials-file',
    arg: '<file>',
    description: 'service account key JSON (or GOOGLE_APPLICATION_CREDENTIALS)',
    parse: filePath,
  },
  { long: 'gcp-spot-instance', description: 'use Spot (preemptible) VMs' },
];

/** Google Compute Engine via hashicorp/google. */
export const gcp: ProviderModule = {
  id: 'gcp',
  description: 'Google Cloud Platform (Compute Engine, persistent disks, VPC)',
  powerControl: 'terraform',
  diskFamily: 'gcp',
  flags,
  validateOwner: (owner) => labelOwnerRule(owner),
  validateInstanceType(type: string, arch: Architecture) {
    if (!/^[a-z][a-z0-9]*-[a-z]+(-\d+)?(-[a-z0-9]+)*$/.test(type))
      return 'expected a machine type such as e2-medium';
    const arm = /^(t2a|c4a|n4a)-/.test(type);
    if (arch === 'arm64' && !arm) return `${type} is not an arm64 (Ampere/Axion) type, e.g. t2a-standard-1`;
    if (arch === 'x86_64' && arm) return `${type} is an arm64 type; pass --architecture arm64`;
    return null;
  },
  async resolve(values, _common, ctx) {
    const region = text(values, 'gcp-region');
    const zone = str(values, 'gcp-zone') ?? `${region}-a`;
    if (!zone.startsWith(`${region}-`)) {
      throw new UsageError(`zone ${zone} is not in region ${region}`, {
        flag: '--gcp-zone',
        accepted: `${region}-a, ${region}-b, …`,
      });
    }
    // Absolute, because terraform runs inside the deployment directory.
    const file = str(values, 'gcp-credentials-file') ?? ctx.env.GOOGLE_APPLICATION_CREDENTIALS;
    const credentialsFile = file ? resolvePath(file) : '';
    const env = ctx.env;
    const project =
      str(values, 'gcp-project') ??
      env.GOOGLE_CLOUD_PROJECT ??
      env.GOOGLE_PROJECT ??
      env.CLOUDSDK_CORE_PROJECT ??
      '';
    const spot = bool(values, 'gcp-spot-instance');
    return {
      // GCP VPCs carry no multicast: the VXLAN overlay is always on (tfvars tell the CLI and inventory).
      tfvars: {
        gcp_region: region,
        gcp_zone: zone,
        gcp_project: project,
        enable_spot_instances: spot,
        enable_multicast_overlay: true,
      },
      secrets: credentialsFile
        ? { GOOGLE_APPLICATION_CREDENTIALS: credentialsFile }
        : ({} as Record<string, string>),
      summary: { region, zone, project, credentialsFile, spot: String(spot), multicastOverlay: 'forced on' },
    };
  },
  async preflight(resolved, ctx) {
    const { gcpPreflight } = await import('./preflight.ts');
    return gcpPreflight(resolved, ctx);
  },
  // No cloud SDK in the CLI: destroy reports the tag query that finds anything left.
  terraformEnv: (secrets) => ({ ...secrets }),
  findLeftovers: async (ctx) => ({
    checked: false,
    method: `gcloud asset search-all-resources --scope projects/${String(ctx.tfvars.gcp_project || 'PROJECT')} --query 'labels.exasol-deployment=${ctx.deploymentId} OR name:${ctx.deploymentId}' --format 'value(name)'`,
    leftovers: [],
  }),
};
