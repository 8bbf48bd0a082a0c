// Ganeti target: instances on a Ganeti cluster through its RAPI, via the project's own Terraform provider.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.ts';
import { bool, type FlagSpec, list, num, str, text } from '../../options/flag-spec.ts';
import { filePath, httpsUrl, intInRange, keyValue, matching } from '../../options/parsers.ts';
import { labelOwnerRule } from '../shared.ts';
import type { LoginBlocker, ProviderModule } from '../types.ts';

const NAME = /^[a-z0-9][a-z0-9_.+-]*$/;
/** An OS parameter name (what parameters.list declares), or empty for none. */
const OS_PARAM = /^([a-z][a-z0-9_-]*)?$/;
const flags: readonly FlagSpec[] = [
  {
    long: 'ganeti-endpoint',
    arg: '<url>',
    description: 'RAPI endpoint, e.g. https://ganeti.example.com:5080',
    parse: httpsUrl,
    required: true,
  },
  {
    long: 'ganeti-username',
    arg: '<user>',
    description: 'RAPI user with write access',
    parse: matching(/^[A-Za-z0-9_.@-]+$/, 'a RAPI user name'),
  },
  {
    long: 'ganeti-password-file',
    arg: '<file>',
    description: 'file holding the RAPI password (else GANETI_PASSWORD)',
    parse: filePath,
  },
  {
    long: 'ganeti-os-type',
    arg: '<os>',
    description: 'OS definition (with variant: os+variant)',
    parse: matching(/^[a-z0-9][a-z0-9_.-]*(\+[a-z0-9_.-]+)?$/, 'an OS name such as debootstrap+default'),
    required: true,
  },
  {
    long: 'ganeti-os-param',
    arg: '<key=value>',
    description: 'OS parameter (repeatable)',
    parse: keyValue,
    repeatable: true,
  },
  {
    long: 'ganeti-os-key-param',
    arg: '<name>',
    description: "OS parameter that takes the deployment's SSH public key ('' when the OS cannot take one)",
    parse: matching(OS_PARAM, "an OS parameter name such as ssh_key, or ''"),
  },
  {
    long: 'ganeti-os-user-data-param',
    arg: '<name>',
    description: "OS parameter that takes the base64 cloud-init user-data ('' when the OS has none)",
    parse: matching(OS_PARAM, "an OS parameter name such as user_data, or ''"),
  },
  {
    long: 'ganeti-hypervisor',
    arg: '<hv>',
    description: "hypervisor of the instances, e.g. kvm (default: the cluster's default)",
    parse: matching(/^[a-z][a-z0-9-]*$/, 'an enabled hypervisor such as kvm, xen-pvm, fake'),
  },
  {
    long: 'ganeti-disk-template',
    arg: '<template>',
    description: "disk template (default: the cluster's first enabled one)",
    parse: matching(NAME, 'a disk template such as plain, drbd, file'),
  },
  {
    long: 'ganeti-network',
    arg: '<name>',
    description: 'Ganeti network; node IPs come from its pool',
    parse: matching(NAME, 'a network name'),
  },
  {
    long: 'ganeti-nic-link',
    arg: '<link>',
    description: 'bridge/link for the NIC (instead of --ganeti-network)',
    parse: matching(/^[A-Za-z0-9_.-]+$/, 'an interface name'),
  },
  {
    long: 'ganeti-node-group',
    arg: '<group>',
    description: 'node group to place instances in',
    parse: matching(/^[A-Za-z0-9_.-]+$/, 'a group name'),
  },
  { long: 'ganeti-memory', arg: '<GiB>', description: 'memory per instance', parse: intInRange(1, 1024) },
  { long: 'ganeti-vcpus', arg: '<n>', description: 'vCPUs per instance', parse: intInRange(1, 256) },
  {
    long: 'ganeti-domain',
    arg: '<domain>',
    description: 'instance name suffix, e.g. ganeti.example.com',
    parse: matching(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
      'a lowercase DNS domain',
    ),
  },
  {
    long: 'ganeti-ca-cert',
    arg: '<file>',
    description: 'CA file: chain + host name check (pinned when it equals the server cert)',
    parse: filePath,
  },
  {
    long: 'ganeti-ca-fingerprint',
    arg: '<sha256:HEX>',
    description: 'pin the server certificate by SHA-256 (no host name check)',
    parse: matching(/^sha256:([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'sha256: followed by 64 hex digits'),
  },
  { long: 'ganeti-insecure', description: 'do not verify the RAPI certificate (warns)' },
];

/** Reads the RAPI password from the file flag or GANETI_PASSWORD; never from argv. */
export function readGanetiPassword(file: string | undefined, env: NodeJS.ProcessEnv): string {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
        flag: '--ganeti-password-file',
        cause: err,
      });
    }
  }
  const pw = env.GANETI_PASSWORD;
  if (!pw)
    throw new UsageError('no RAPI password: set GANETI_PASSWORD or pass --ganeti-password-file', {
      flag: '--ganeti-password-file',
    });
  return pw;
}

/** Ganeti instances via the bundled terraform-provider-ganeti. */
export const ganeti: ProviderModule = {
  id: 'ganeti',
  description: 'Ganeti cluster through its Remote API (project-owned Terraform provider)',
  powerControl: 'terraform',
  diskFamily: 'virtio',
  flags,
  secretPrompts: [
    { env: 'GANETI_PASSWORD', fileFlag: 'ganeti-password-file', message: 'Ganeti RAPI password' },
  ],
  validateOwner: (owner) => labelOwnerRule(owner, 100),
  validateInstanceType: (type) =>
    type === 'ganeti-custom'
      ? null
      : "Ganeti sizes come from --ganeti-memory/--ganeti-vcpus; instance type must be 'ganeti-custom'",
  async resolve(values, common, ctx) {
    const tlsFlags = ['ganeti-ca-cert', 'ganeti-ca-fingerprint', 'ganeti-insecure'].filter(
      (f) => values[f] !== undefined && values[f] !== false,
    );
    if (tlsFlags.length > 1)
      throw new UsageError(`choose one of ${tlsFlags.map((f) => `--${f}`).join(', ')}`, {
        flag: `--${tlsFlags[1]}`,
      });
    const network = str(values, 'ganeti-network');
    const nicLink = str(values, 'ganeti-nic-link');
    if (network && nicLink)
      throw new UsageError('give either a network or a link, not both', { flag: '--ganeti-nic-link' });
    const password = readGanetiPassword(str(values, 'ganeti-password-file'), ctx.env);
    const memoryGiB = num(values, 'ganeti-memory');
    const vcpus = num(values, 'ganeti-vcpus');
    const domain = str(values, 'ganeti-domain') ?? '';
    const osParams = Object.fromEntries(
      list(values, 'ganeti-os-param').map((kv) => [
        kv.slice(0, kv.indexOf('=')),
        kv.slice(kv.indexOf('=') + 1),
      ]),
    );
    const keyParam = text(values, 'ganeti-os-key-param');
    const userDataParam = text(values, 'ganeti-os-user-data-param');
    for (const [flag, param] of [
      ['ganeti-os-key-param', keyParam],
      ['ganeti-os-user-data-param', userDataParam],
    ] as const) {
      if (param && param in osParams)
        throw new UsageError(
          `OS parameter '${param}' is filled by exasol; drop --ganeti-os-param ${param}=...`,
          {
            flag: `--${flag}`,
          },
        );
    }
    if (keyParam && keyParam === userDataParam)
      throw new UsageError('the key and the user-data need two different OS parameters', {
        flag: '--ganeti-os-user-data-param',
      });
    const caCertFile = str(values, 'ganeti-ca-cert');
    const caCert = caCertFile ? readCa(caCertFile) : '';
    const names = Array.from(
      { length: common.clusterSize },
      (_, i) => `${common.deploymentId}-n${11 + i}${domain ? `.${domain}` : ''}`,
    );
    return {
      tfvars: {
        ganeti_endpoint: str(values, 'ganeti-endpoint'),
        ganeti_username: text(values, 'ganeti-username'),
        ganeti_ca_cert: caCert,
        ganeti_ca_fingerprint: str(values, 'ganeti-ca-fingerprint') ?? '',
        ganeti_insecure: bool(values, 'ganeti-insecure'),
        ganeti_os_type: str(values, 'ganeti-os-type'),
        ganeti_os_params: osParams,
        ganeti_os_key_param: keyParam,
        ganeti_os_user_data_param: userDataParam,
        ganeti_hypervisor: str(values, 'ganeti-hypervisor') ?? '',
        ganeti_disk_template: str(values, 'ganeti-disk-template') ?? '',
        ganeti_network: network ?? '',
        ganeti_nic_link: nicLink ?? '',
        ganeti_node_group: str(values, 'ganeti-node-group') ?? '',
        node_memory_gib: memoryGiB,
        node_vcpus: vcpus,
        ganeti_domain: domain,
      },
      secrets: { GANETI_PASSWORD: password },
      summary: {
        endpoint: String(str(values, 'ganeti-endpoint')),
        instanceNames: names.join(','),
        memoryGiB: String(memoryGiB),
        vcpus: String(vcpus),
      },
    };
  },
  async preflight(resolved, ctx) {
    const { ganetiInitPreflight } = await import('./preflight.ts');
    return ganetiInitPreflight(resolved, ctx);
  },
  async prepareDirectory(stagingDir, finalDir) {
    const { installGanetiProvider } = await import('./install.ts');
    await installGanetiProvider(stagingDir, finalDir);
  },
  // The mirror's wrapper script names this machine's node and bundle, so the lock file's hash differs too.
  machineLocalFiles: ['providers', 'terraform.rc', '.terraform.lock.hcl'],
  directoryEnv: (dir) => ({ TF_CLI_CONFIG_FILE: join(dir, 'terraform.rc') }),
  loginBlocker: ganetiLoginBlocker,
  // The deployment's TLS choice (verified CA or fingerprint) is in its provider block; the plugin
  // would let these turn verification off or point it at another certificate.
  callerEnvIgnored: ['GANETI_INSECURE', 'GANETI_CA_FINGERPRINT', 'GANETI_CA_CERT'],
  findLeftovers: async (ctx) => (await import('./target.ts')).ganetiFindLeftovers(ctx),
  nodeStates: async (ctx) => (await import('./target.ts')).ganetiNodeStates(ctx),
  adoptable: async (ctx) => (await import('./target.ts')).ganetiAdoptable(ctx),
  terraformEnv: (secrets): Record<string, string> =>
    secrets.GANETI_PASSWORD ? { GANETI_PASSWORD: secrets.GANETI_PASSWORD } : {},
};

/** Ganeti deployments need the key on the guests: refused without one, re-created when made before. */
export function ganetiLoginBlocker(tfvars: Record<string, unknown>): LoginBlocker | null {
  if (!('ganeti_os_key_param' in tfvars))
    return {
      kind: 'outdated',
      message:
        'this Ganeti deployment was made by an older exasol (root login, no key on the guests): re-create it (exasol destroy, then exasol init)',
    };
  if (tfvars.ganeti_os_key_param === '')
    return {
      kind: 'no-key',
      message:
        "init recorded --ganeti-os-key-param '' (the OS takes no SSH key), so the playbooks cannot log in: use deploy --infra-only, or re-create with an OS that takes the key",
    };
  return null;
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
      flag: '--ganeti-ca-cert',
      cause: err,
    });
  }
}
