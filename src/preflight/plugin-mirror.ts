// Offline use: when TF_CLI_CONFIG_FILE names a Terraform CLI config with a filesystem_mirror, init
// checks that the mirror holds every provider the deployment's templates require, for this machine.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.ts';
import type { CheckResult } from './types.ts';

/** A provider requirement from a template's required_providers block. */
export interface ProviderRequirement {
  /** e.g. registry.terraform.io/dmacvicar/libvirt */
  address: string;
  version: string;
}

/** Terraform's name of this machine's platform, e.g. linux_amd64. */
export function terraformPlatform(): string {
  const names: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  const arch = names[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** The required providers (source and exact version) of templates/<provider>/versions.tf. */
export async function templateRequirements(providerId: string): Promise<ProviderRequirement[]> {
  const text = await readFile(join(packageRoot(), 'templates', providerId, 'versions.tf'), 'utf8').catch(
    () => '',
  );
  const out: ProviderRequirement[] = [];
  for (const m of text.matchAll(/source\s*=\s*"([^"]+)"\s*\n\s*version\s*=\s*"([^"]+)"/g)) {
    const source = m[1] ?? '';
    const address = source.split('/').length === 2 ? `registry.terraform.io/${source}` : source;
    out.push({ address, version: (m[2] ?? '').replace(/^=\s*/, '') });
  }
  return out;
}

/** The filesystem_mirror paths of a CLI config text. */
export function mirrorPaths(config: string): string[] {
  return [...config.matchAll(/filesystem_mirror\s*\{[^}]*?path\s*=\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** True when `dir` holds the provider in the unpacked or the packed mirror layout. */
async function inMirror(dir: string, req: ProviderRequirement, platform: string): Promise<boolean> {
  const name = req.address.split('/').pop() ?? '';
  const unpacked = await readdir(join(dir, req.address, req.version, platform)).catch((): string[] => []);
  if (unpacked.some((f) => f.startsWith(`terraform-provider-${name}`))) return true;
  const packed = await readdir(join(dir, req.address)).catch((): string[] => []);
  return packed.includes(`terraform-provider-${name}_${req.version}_${platform}.zip`);
}

/** The mirror check line, or none when TF_CLI_CONFIG_FILE is unset (terraform then uses the registry). */
export async function pluginMirrorCheck(
  env: NodeJS.ProcessEnv,
  requirements: readonly ProviderRequirement[],
  platform = terraformPlatform(),
): Promise<CheckResult[]> {
  const file = env.TF_CLI_CONFIG_FILE;
  if (!file || requirements.length === 0) return [];
  const id = 'terraform.plugin-mirror';
  const title = `providers in the mirror of TF_CLI_CONFIG_FILE ${file}`;
  const config = await readFile(file, 'utf8').catch(() => null);
  if (config === null)
    return [
      {
        id,
        title,
        status: 'warn',
        detail: 'cannot read the file; terraform then installs providers from the registry',
        fix: 'unset TF_CLI_CONFIG_FILE   # or point it at your CLI config with the filesystem_mirror',
      },
    ];
  const dirs = mirrorPaths(config);
  if (dirs.length === 0)
    return [
      {
        id,
        title,
        status: 'pass',
        detail: 'no filesystem_mirror in it: terraform installs providers as that file says',
      },
    ];
  const missing: ProviderRequirement[] = [];
  for (const req of requirements) {
    let found = false;
    for (const dir of dirs) if (await inMirror(dir, req, platform)) found = true;
    if (!found) missing.push(req);
  }
  if (missing.length === 0)
    return [
      {
        id,
        title,
        status: 'pass',
        detail: `${requirements.map((r) => `${r.address} ${r.version}`).join(', ')} for ${platform} in ${dirs.join(', ')}`,
      },
    ];
  const first = dirs[0] ?? '';
  return [
    {
      id,
      title,
      status: 'fail',
      detail: `missing for ${platform}: ${missing.map((r) => `${r.address} ${r.version}`).join(', ')}`,
      fix: missing
        .map(
          (r) =>
            `mkdir -p ${join(first, r.address, r.version, platform)}   # then copy terraform-provider-${r.address.split('/').pop()}_v${r.version} into it`,
        )
        .join('\n'),
    },
  ];
}
