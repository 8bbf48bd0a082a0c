// `exasol provider install ganeti-os --dir DIR`: writes the shipped Ganeti OS definition
// (ganeti-os/exasol-image, OS API 20) for an operator to copy to /srv/ganeti/os on every node.
import { chmod, cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.ts';

/** Name of the shipped OS definition (what --ganeti-os-type takes). */
export const GANETI_OS_NAME = 'exasol-image';

/** Files of the definition that Ganeti runs. */
const SCRIPTS = new Set(['create', 'export', 'import', 'rename', 'verify']);

/** Copies the definition into DIR/exasol-image (replacing an older copy whole); returns its path. */
export async function installGanetiOs(dir: string): Promise<{ osDir: string; files: string[] }> {
  const source = join(packageRoot(), 'ganeti-os', GANETI_OS_NAME);
  const osDir = join(dir, GANETI_OS_NAME);
  const staging = `${osDir}.new-${process.pid}`;
  await mkdir(dir, { recursive: true });
  await rm(staging, { recursive: true, force: true });
  try {
    await cp(source, staging, { recursive: true });
    const files = (await readdir(staging)).sort();
    for (const f of files) await chmod(join(staging, f), SCRIPTS.has(f) ? 0o755 : 0o644);
    await chmod(staging, 0o755);
    await rm(osDir, { recursive: true, force: true });
    await rename(staging, osDir);
    return { osDir, files };
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
}
