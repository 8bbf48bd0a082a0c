// Azure target: flags, defaults, tfvars and credential pre-flight (no cloud calls).
import { resolve as resolvePath } from 'node:path';
import type { Architecture } from '../../options/common-flags.ts';
import { bool, type FlagSpec, str, text } from '../../options/flag-spec.ts';
import { filePath, matching } from '../../options/parsers.ts';
import { tagOwnerRule } from '../shared.ts';
import type { ProviderModule } from '../types.ts';

const flags: readonly FlagSpec[] = [
  {
    long: 'azure-region',
    arg: '<region>',
    description: 'Azure region',
    parse: matching(/^[a-z][a-z0-9]{2,30}$/, 'an Azure region such as northeurope'),
  },
  {
    long: 'azure-subscription',
    arg: '<id>',
    description: 'subscription id (or AZURE_SUBSCRIPTION_ID / ARM_SUBSCRIPTION_ID)',
    parse: matching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a subscription UUID'),
  },
  {
    long: 'azure-credentials-file',
    arg: '<file>',
    description: "service principal JSON ('az ad sp create-for-rbac' output)",
    parse: filePath,
  },
  { long: 'azure-spot-instance', description: 'use Azure Spot VMs' },
];

/** Azure VMs via hashicorp/azurerm (+ azapi for power state). */
export const azure: ProviderModule = {
  id: 'azure',
  description: 'Microsoft Azure (Linux VMs, managed disks, VNet)',
  powerControl: 'terraform',
  diskFamily: 'azure',
  flags,
  validateOwner: (owner) =>
    /[<>%&\\?/]/.test(owner) ? 'must not contain < > % & \\ ? /' : tagOwnerRule(owner),
  validateInstanceType(type: string, arch: Architecture) {
    const m = /^(Standard|Basic)_([A-Z]+)(\d+)([a-z]*)(_v\d+)?$/.exec(type);
    if (!m) return 'expected an Azure VM size such as Standard_D2s_v3';
    const arm = (m[4] ?? '').includes('p');
    if (arch === 'arm64' && !arm) return `${type} is not an arm64 (Ampere) size, e.g. Standard_D2pls_v5`;
    if (arch === 'x86_64' && arm) return `${type} is an arm64 size; pass --architecture arm64`;
    return null;
  },
  async resolve(values, _common, ctx) {
    const region = text(values, 'azure-region');
    // The az CLI default subscription (~/.azure/azureProfile.json) is looked up by the pre-flight.
    const subscription =
      str(values, 'azure-subscription') ?? ctx.env.AZURE_SUBSCRIPTION_ID ?? ctx.env.ARM_SUBSCRIPTION_ID ?? '';
    const file = str(values, 'azure-credentials-file');
    const credentialsFile = file ? resolvePath(file) : '';
    const spot = bool(values, 'azure-spot-instance');
    return {
      tfvars: { azure_region: region, enable_spot_instances: spot },
      secrets: subscription ? { ARM_SUBSCRIPTION_ID: subscription } : ({} as Record<string, string>),
      summary: { region, subscription, credentialsFile, spot: String(spot) },
    };
  },
  async preflight(resolved, ctx) {
    const { azurePreflight } = await import('./preflight.ts');
    return azurePreflight(resolved, ctx);
  },
  // No cloud SDK in the CLI: destroy reports the tag query that finds anything left.
  terraformEnv: (secrets) => ({ ...secrets }),
  findLeftovers: async (ctx) => ({
    checked: false,
    method: `az resource list --subscription ${ctx.secrets.ARM_SUBSCRIPTION_ID ?? 'SUBSCRIPTION'} --tag exasol-deployment=${ctx.deploymentId} --query '[].id' -o tsv`,
    leftovers: [],
  }),
};
