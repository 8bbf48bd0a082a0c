// Renders a provider's Terraform templates (handlebars) plus the common ones into a directory.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { ProviderId } from '../providers/types.ts';
import type { BackendConfig } from '../state-backend/config.ts';
import { writeFileAtomic } from '../util/fs-atomic.ts';
import { packageRoot } from '../util/package-root.ts';

/** Values available to templates (never secrets). */
export interface TemplateContext {
  provider: ProviderId;
  deploymentId: string;
  cliVersion: string;
  [key: string]: unknown;
}

/** Folder holding templates/<name>. */
export function templateDir(name: ProviderId | 'common'): string {
  return join(packageRoot(), 'templates', name);
}

/** Renders templates/common and templates/<provider> (*.hbs rendered, *.tf copied) into `outDir`; returns file names. */
export async function renderTemplates(
  provider: ProviderId,
  outDir: string,
  ctx: TemplateContext,
): Promise<string[]> {
  const written: string[] = [];
  for (const dir of [templateDir('common'), templateDir(provider)]) {
    for (const name of (await readdir(dir)).sort()) {
      if (!/\.(tf|tftpl)(\.hbs)?$/.test(name)) continue;
      const source = await readFile(join(dir, name), 'utf8');
      const target = name.replace(/\.hbs$/, '');
      const text = name.endsWith('.hbs')
        ? Handlebars.compile(source, { noEscape: true, strict: true })(ctx)
        : source;
      await writeFileAtomic(join(outDir, target), text, 0o600);
      written.push(target);
    }
  }
  return written;
}

/** File the state backend block is rendered into. */
export const BACKEND_FILE = 'backend.tf';

/** Renders templates/backends/<kind>.tf.hbs into `backend.tf`; nothing for the local backend. */
export async function renderBackend(outDir: string, backend: BackendConfig): Promise<string[]> {
  if (backend.kind === 'local') return [];
  const source = await readFile(
    join(packageRoot(), 'templates', 'backends', `${backend.kind}.tf.hbs`),
    'utf8',
  );
  // Every optional setting is present (empty when unset) so strict mode still catches typos.
  const ctx = { dynamodbTable: '', resourceGroup: '', ...backend };
  await writeFileAtomic(
    join(outDir, BACKEND_FILE),
    Handlebars.compile(source, { noEscape: true, strict: true })(ctx),
    0o600,
  );
  return [BACKEND_FILE];
}
