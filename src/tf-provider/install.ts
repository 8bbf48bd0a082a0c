// Installs the provider into a Terraform filesystem mirror (a #!/bin/sh wrapper around the bundled JS)
// and writes the CLI config that points Terraform at it (used through TF_CLI_CONFIG_FILE).
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Provider source address to use in `required_providers`. */
export const PROVIDER_SOURCE = 'local.exasol/exasol/ganeti';

/** Terraform platform name of this machine (linux_amd64 …). */
export function terraformPlatform(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return `${process.platform}_${arch}`;
}

/** The package's bundled provider (dist/terraform-provider-ganeti.js), found from this module's location. */
export function providerBundlePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'exasol-deployer'
    ) {
      return join(dir, 'dist', 'terraform-provider-ganeti.js');
    }
    const up = dirname(dir);
    if (up === dir)
      throw new Error('cannot find the exasol-deployer package root to locate the provider bundle');
    dir = up;
  }
}

const sq = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Wrapper script: prefers the installing node (absolute path), else `node` on PATH; bytes stable per install. */
export function wrapperScript(version: string, nodePath: string, bundlePath: string): string {
  return [
    '#!/bin/sh',
    `# terraform-provider-ganeti ${version}, installed by exasol-deployer (exasol provider install ganeti)`,
    `NODE=${sq(nodePath)}`,
    '[ -x "$NODE" ] || NODE=node',
    `exec "$NODE" ${sq(bundlePath)} "$@"`,
    '',
  ].join('\n');
}

/** Terraform CLI configuration that installs the provider from the mirror only. */
export function cliConfig(mirrorDir: string): string {
  const q = JSON.stringify;
  return [
    '# Written by exasol-deployer: Terraform CLI config for this deployment (TF_CLI_CONFIG_FILE).',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${q(mirrorDir)}`,
    `    include = [${q(PROVIDER_SOURCE)}]`,
    '  }',
    '  direct {',
    `    exclude = [${q(PROVIDER_SOURCE)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

async function writeIfChanged(path: string, content: string, mode: number): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current !== content) await writeFile(path, content, { mode });
  await chmod(path, mode);
}

/** Writes the unpacked mirror and `<targetDir>/terraform.rc`; returns the mirror root and the config path. */
export async function installProviderMirror(
  targetDir: string,
  version: string,
): Promise<{ mirrorDir: string; cliConfigPath: string }> {
  const root = resolve(targetDir);
  const mirrorDir = join(root, 'providers');
  const pkgDir = join(mirrorDir, PROVIDER_SOURCE, version, terraformPlatform());
  await mkdir(pkgDir, { recursive: true });
  const nodePath = process.execPath;
  await writeIfChanged(
    join(pkgDir, `terraform-provider-ganeti_v${version}`),
    wrapperScript(version, nodePath, providerBundlePath()),
    0o755,
  );
  const cliConfigPath = join(root, 'terraform.rc');
  await writeIfChanged(cliConfigPath, cliConfig(mirrorDir), 0o644);
  return { mirrorDir, cliConfigPath };
}
