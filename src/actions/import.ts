// `exasol import`: restores an export into a new deployment directory, built beside it and moved in
// place at the end, so a failure leaves nothing behind.
import { chmod, mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { passphraseFromEnv } from '../archive/passphrase.ts';
import { MAX_ARCHIVE_BYTES, openArchive, tooLarge } from '../archive/sealed-archive.ts';
import { FILES } from '../deployment/layout.ts';
import { type EngineRecord, readState, writeState } from '../deployment/state.ts';
import { ExasolError, isExasolError, UsageError } from '../errors.ts';
import { printable } from '../options/parsers.ts';
import { getProvider } from '../providers/registry.ts';
import type { ProviderId } from '../providers/types.ts';
import { detectEngine } from '../tools/engine.ts';
import { exportExclusions, isExcluded } from './export.ts';
import { checkTargetDir, commitStagingDir, discardStagingDir, makeStagingDir } from './target-dir.ts';

/** Input of the import action. */
export interface ImportRequest {
  file: string;
  deploymentDir: string;
  env: NodeJS.ProcessEnv;
}

/** What import restored, for the human summary and --json. */
export interface ImportResult {
  deploymentDir: string;
  deploymentId: string;
  provider: ProviderId;
  status: string;
  files: string[];
  /** Set when the exporting machine's terraform is not at the same path here and another was chosen. */
  engine?: EngineRecord;
}

/** Restores `file` into `deploymentDir` (absent or empty); on any error the directory is left as it was. */
export async function importDeployment(req: ImportRequest): Promise<ImportResult> {
  const passphrase = passphraseFromEnv(req.env);
  const dir = resolve(req.deploymentDir);
  const { exists } = await checkTargetDir(dir);
  const data = await readBounded(req.file, MAX_ARCHIVE_BYTES);
  const entries = await openArchive(data, passphrase, req.file);
  if (!entries.some((e) => e.path === FILES.state))
    throw new ExasolError(
      'E_IMPORT_NOT_DEPLOYMENT',
      `${req.file} holds no ${FILES.state}: not an export of a deployment`,
    );

  const staging = await makeStagingDir(dir);
  try {
    for (const e of entries) {
      const target = resolve(staging, e.path);
      const rel = relative(staging, target);
      if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
        throw new ExasolError(
          'E_IMPORT_UNSAFE_PATH',
          `${req.file}: ${e.path} escapes the deployment directory`,
        );
      await mkdirPrivate(staging, dirname(rel));
      await writeFile(target, e.data, { mode: 0o600, flag: 'wx' });
      await chmod(target, 0o600);
    }
    let state: Awaited<ReturnType<typeof readState>>;
    try {
      state = await readState(staging);
    } catch (err) {
      if (!isExasolError(err)) throw err;
      throw new ExasolError(err.code, `${req.file}: ${err.message.replaceAll(staging, dir)}`, { cause: err });
    }
    const provider = getProvider(state.provider);
    // Exactly what export writes: never a lock, a plan, terraform's cache, logs or machine-local files.
    const excluded = exportExclusions(provider);
    const foreign = entries.find((e) => isExcluded(e.path, excluded));
    if (foreign)
      throw new ExasolError(
        'E_IMPORT_FOREIGN_FILE',
        `${req.file} holds ${printable(foreign.path)}, which exasol export never writes; nothing was imported`,
      );
    // Machine-local fields are rebuilt here, never taken from the file (the engine is executed).
    const engine = await engineHere(state.engine, req.env);
    if (engine.changed || state.terraformInitCliVersion !== undefined) {
      const { terraformInitCliVersion: _, ...portable } = state;
      state = await writeState(staging, { ...portable, engine: engine.record });
    }
    if (provider.prepareDirectory) await provider.prepareDirectory(staging, dir);
    await mkdirPrivate(staging, FILES.logs);
    await chmod(staging, 0o700);
    await commitStagingDir(staging, dir, exists);
    return {
      deploymentDir: dir,
      deploymentId: state.deploymentId,
      provider: provider.id,
      status: state.status,
      files: entries.map((e) => e.path),
      ...(engine.changed && engine.record ? { engine: engine.record } : {}),
    };
  } catch (err) {
    await discardStagingDir(staging);
    throw err;
  }
}

/** Reads at most `limit` bytes of `file` (a device or pipe such as /dev/zero never ends); more is refused. */
async function readBounded(file: string, limit: number): Promise<Buffer> {
  const cannot = (err: unknown) =>
    new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, { cause: err });
  const fh = await open(file, 'r').catch((err: unknown) => {
    throw cannot(err);
  });
  try {
    const buf = Buffer.alloc(limit + 1);
    let used = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, used, buf.length - used, null).catch((err: unknown) => {
        throw cannot(err);
      });
      if (bytesRead === 0) return buf.subarray(0, used);
      used += bytesRead;
      if (used > limit) throw tooLarge(file, 'it has', limit);
    }
  } finally {
    await fh.close();
  }
}

/** Creates `rel` and its missing parents under `root`, each 0700. */
async function mkdirPrivate(root: string, rel: string): Promise<void> {
  if (rel === '.' || rel === '') return;
  let current = root;
  for (const part of rel.split('/')) {
    current = join(current, part);
    await mkdir(current, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await chmod(current, 0o700);
  }
}

/** The engine to record on this machine, always found here (EXASOL_TERRAFORM, or the same kind on
 * PATH, then any): the exported path is the other machine's and may name anything. */
async function engineHere(
  recorded: EngineRecord | null,
  env: NodeJS.ProcessEnv,
): Promise<{ record: EngineRecord | null; changed: boolean }> {
  if (!recorded) return { record: null, changed: false };
  const record = await detectEngine(env.EXASOL_TERRAFORM ?? recorded.name).catch(() =>
    detectEngine(undefined),
  );
  return { record, changed: record.binary !== recorded.binary || record.version !== recorded.version };
}
