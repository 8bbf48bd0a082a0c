// Places the bundled terraform-provider-ganeti into a deployment directory as a filesystem mirror.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliConfig, installProviderMirror } from '../../tf-provider/install.ts';
import { cliVersion } from '../../util/package-root.ts';

/** Installs the mirror under `stagingDir`; terraform.rc names the mirror at its final place. */
export async function installGanetiProvider(stagingDir: string, finalDir: string): Promise<void> {
  const { cliConfigPath } = await installProviderMirror(stagingDir, cliVersion());
  await writeFile(cliConfigPath, cliConfig(join(finalDir, 'providers')), { mode: 0o600 });
}
