// AWS target: flags, defaults, tfvars and credential pre-flight (no cloud calls).
import type { Architecture } from '../../options/common-flags.ts';
import { bool, type FlagSpec, text } from '../../options/flag-spec.ts';
import { matching } from '../../options/parsers.ts';
import { tagOwnerRule } from '../shared.ts';
import type { ProviderModule } from '../types.ts';

const flags: readonly FlagSpec[] = [
  {
    long: 'aws-region',
    arg: '<region>',
    description: 'AWS region',
    parse: matching(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as us-east-2'),
  },
  {
    long: 'aws-profile',
    arg: '<name>',
    description: 'profile in ~/.aws/credentials or ~/.aws/config',
    parse: matching(/^[A-Za-z0-9_.+-]+$/, 'a profile name'),
  },
  { long: 'aws-spot-instance', description: 'use spot instances' },
];

/** AWS EC2 via hashicorp/aws. */
export const aws: ProviderModule = {
  id: 'aws',
  description: 'Amazon Web Services (EC2, EBS, VPC)',
  powerControl: 'terraform',
  diskFamily: 'aws',
  flags,
  validateOwner: (owner) => tagOwnerRule(owner),
  validateInstanceType(type: string, arch: Architecture) {
    // family letters, generation, feature letters (g = Graviton), optional -suffix (flex, 6tb), size
    const m = /^([a-z]+)(\d+)([a-z]*)(-[a-z0-9]+)?\.([a-z0-9]+)$/.exec(type);
    if (!m) return 'expected an EC2 type such as t3a.medium';
    const graviton = (m[3] ?? '').includes('g');
    if (arch === 'arm64' && !graviton) return `${type} is not an arm64 (Graviton) type, e.g. t4g.medium`;
    if (arch === 'x86_64' && graviton)
      return `${type} is an arm64 (Graviton) type; pass --architecture arm64`;
    return null;
  },
  async resolve(values, _common, ctx) {
    const region = text(values, 'aws-region');
    // Only an explicit profile goes to tfvars; otherwise the provider's own chain decides (env, AWS_PROFILE).
    const given = ctx.given.has('aws-profile');
    const profile = given
      ? text(values, 'aws-profile')
      : (ctx.env.AWS_PROFILE ?? text(values, 'aws-profile'));
    const spot = bool(values, 'aws-spot-instance');
    return {
      tfvars: { aws_region: region, aws_profile: given ? profile : '', enable_spot_instances: spot },
      secrets: {},
      summary: { region, profile, spot: String(spot), profileGiven: String(given) },
    };
  },
  async preflight(resolved, ctx) {
    const { awsPreflight } = await import('./preflight.ts');
    return { checks: await awsPreflight(resolved, ctx) };
  },
  // No cloud SDK in the CLI: destroy reports the tag query that finds anything left.
  terraformEnv: () => ({}),
  findLeftovers: async (ctx) => {
    const region = String(ctx.tfvars.aws_region ?? 'REGION');
    const tagged = `aws resourcegroupstaggingapi get-resources --region ${region} --tag-filters Key=exasol-deployment,Values=${ctx.deploymentId} --query 'ResourceTagMappingList[].ResourceARN'`;
    // Persistent spot requests carry no tags and may outlive a destroy (hashicorp/terraform-provider-aws#38142).
    const spot = `aws ec2 describe-spot-instance-requests --region ${region} --filters Name=state,Values=open,active --query 'SpotInstanceRequests[].[SpotInstanceRequestId,InstanceId]'`;
    return {
      checked: false,
      method: ctx.tfvars.enable_spot_instances ? `${tagged}; ${spot}` : tagged,
      leftovers: [],
    };
  },
};
