// `exasol export`: the deployment directory's files (minus caches, logs and machine-local files) as one
// encrypted file, so a fresh machine (a CI runner) can `exasol import` it.
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { passphraseFromEnv } from '../archive/passphrase.ts';
import { type ArchiveEntry, sealArchive } from '../archive/sealed-archive.ts';
import { FILES } from '../deployment/layout.ts';
import { describeLock, readLock } from '../deployment/lock.ts';
import { readState } from '../deployment/state.ts';
import { ExasolError, UsageError } from '../errors.ts';
import type { IoHost } from '../io/io-host.ts';
import { getProvider } from '../providers/registry.ts';
import type { ProviderModule } from '../providers/types.ts';
import { writeFileAtomic } from '../util/fs-atomic.ts';

/** Never exported: terraform init's cache, the logs, the lock and a leftover plan. */
export const ALWAYS_EXCLUDED: readonly string[] = [FILES.terraformDir, FILES.logs, FILES.lock, FILES.plan];

/** Input of the export action. */
export interface ExportRequest {
  deploymentDir: string;
  output: string;
  force: boolean;
  env: NodeJS.ProcessEnv;
}

/** What export wrote, for the human summary and --json. */
export interface ExportResult {
  output: string;
  deploymentId: string;
  files: string[];
  bytes: number;
}

/** Paths (relative, posix) left out of an export of a deployment of `provider`. */
export function exportExclusions(provider: Pick<ProviderModule, 'machineLocalFiles'>): string[] {
  return [...ALWAYS_EXCLUDED, ...(provider.machineLocalFiles ?? [])];
}

/** Whether `path` is one of `excluded` or lies below one of them. */
export function isExcluded(path: string, excluded: readonly string[]): boolean {
  return excluded.some((e) => path === e || path.startsWith(`${e}/`));
}

/** Regular files under `dir` (sorted, relative posix paths) minus `excluded`; symlinks and other
 * non-regular entries are skipped with a warning, never followed. */
export async function listExportFiles(
  dir: string,
  excluded: readonly string[],
  warn: (message: string) => void,
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await readdir(join(dir, rel))).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (isExcluded(path, excluded)) continue;
      const st = await lstat(join(dir, path));
      if (st.isDirectory()) await walk(path);
      else if (st.isFile()) found.push(path);
      else if (st.isSymbolicLink()) warn(`skipped ${path}: symbolic links are not exported`);
      else warn(`skipped ${path}: not a regular file`);
    }
  };
  await walk('');
  return found;
}

/** Writes the encrypted export of a deployment directory to `output` (0600, atomically). */
export async function exportDeployment(req: ExportRequest, io: IoHost): Promise<ExportResult> {
  const passphrase = passphraseFromEnv(req.env);
  const dir = resolve(req.deploymentDir);
  const output = resolve(req.output);
  const state = await readState(dir);
  const existing = await lstat(output).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`${output} is a directory`, { flag: '--output' });
  if (existing && !existing.isFile())
    throw new UsageError(`${output} is not a regular file (a device, FIFO, socket or symbolic link)`, {
      flag: '--output',
      accepted: 'a new path or a regular file to replace with --force',
    });
  const key = await lstat(join(dir, FILES.sshKey)).catch(() => null);
  if (!key?.isFile())
    throw new ExasolError(
      'E_EXPORT_NO_KEY',
      `${join(dir, FILES.sshKey)} is ${key ? 'not a regular file' : 'missing'}: an export without the SSH private key could not reach the nodes; nothing was written`,
      { hint: 'restore the key from a backup or an earlier export of this deployment' },
    );
  if (existing && !req.force)
    throw new UsageError(`${output} already exists; pass --force to replace it`, { flag: '--output' });
  const lock = await readLock(dir);
  if (lock)
    io.log(
      'warn',
      `the deployment is locked by ${describeLock(lock)}; exporting anyway, but files may change while they are read`,
    );

  const excluded = exportExclusions(getProvider(state.provider));
  const inside = relative(dir, output);
  if (inside && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside))
    excluded.push(inside.split(sep).join('/'));
  const files = await listExportFiles(dir, excluded, (m) => io.log('warn', m));
  const entries: ArchiveEntry[] = [];
  for (const path of files) {
    const abs = join(dir, path);
    entries.push({ path, mode: (await stat(abs)).mode & 0o777, data: await readFile(abs) });
  }
  const sealed = await sealArchive(entries, passphrase);
  try {
    await writeFileAtomic(output, sealed, 0o600);
  } catch (err) {
    throw new ExasolError(
      'E_EXPORT_WRITE',
      `cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: err },
    );
  }
  return { output, deploymentId: state.deploymentId, files, bytes: sealed.length };
}
