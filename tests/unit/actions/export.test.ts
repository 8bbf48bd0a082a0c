// Which files an export carries: everything regular, minus caches, logs, the lock, a plan and the files
// a provider rebuilds on each machine (Ganeti's provider mirror, its CLI config and the lock file).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportExclusions, isExcluded, listExportFiles } from '../../../src/actions/export.ts';
import { SUPPORTED_PROVIDERS } from '../../../src/providers/registry.ts';

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'exa-select-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), f);
  }
  return dir;
}

const common = [
  '.exasol.json',
  'main.tf',
  'secrets.json',
  'ssh/id_ed25519',
  'terraform.tfstate',
  'terraform.tfstate.backup',
  '.exasol.lock',
  '.exasol.tfplan',
  'logs/deploy.log',
  '.terraform/providers/x/plugin',
  '.terraform.lock.hcl',
];
const ganetiOnly = ['terraform.rc', 'providers/local.exasol/exasol/ganeti/0.1.0/linux_amd64/wrapper'];

describe('export file selection', () => {
  it('leaves out the Ganeti machine-local files: the provider mirror, terraform.rc, .terraform.lock.hcl', async () => {
    expect(SUPPORTED_PROVIDERS.ganeti.machineLocalFiles).toEqual([
      'providers',
      'terraform.rc',
      '.terraform.lock.hcl',
    ]);
    const dir = tree([...common, ...ganetiOnly]);
    const warnings: string[] = [];
    const files = await listExportFiles(dir, exportExclusions(SUPPORTED_PROVIDERS.ganeti), (m) =>
      warnings.push(m),
    );
    expect(files).toEqual([
      '.exasol.json',
      'main.tf',
      'secrets.json',
      'ssh/id_ed25519',
      'terraform.tfstate',
      'terraform.tfstate.backup',
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps .terraform.lock.hcl for providers without machine-local files (libvirt, aws)', async () => {
    const dir = tree(common);
    for (const id of ['libvirt', 'aws'] as const) {
      expect(SUPPORTED_PROVIDERS[id].machineLocalFiles).toBeUndefined();
      expect(await listExportFiles(dir, exportExclusions(SUPPORTED_PROVIDERS[id]), () => {})).toEqual([
        '.exasol.json',
        '.terraform.lock.hcl',
        'main.tf',
        'secrets.json',
        'ssh/id_ed25519',
        'terraform.tfstate',
        'terraform.tfstate.backup',
      ]);
    }
  });

  it('skips symbolic links with a warning and never follows them', async () => {
    const outside = tree(['secret-elsewhere']);
    const dir = tree(['.exasol.json']);
    symlinkSync(join(outside, 'secret-elsewhere'), join(dir, 'file-link'));
    symlinkSync(outside, join(dir, 'dir-link'));
    const warnings: string[] = [];
    expect(await listExportFiles(dir, [], (m) => warnings.push(m))).toEqual(['.exasol.json']);
    expect(warnings).toEqual([
      'skipped dir-link: symbolic links are not exported',
      'skipped file-link: symbolic links are not exported',
    ]);
  });

  it('matches an exclusion as a whole path or a folder prefix, not as a name prefix', () => {
    expect(isExcluded('logs', ['logs'])).toBe(true);
    expect(isExcluded('logs/a/b.log', ['logs'])).toBe(true);
    expect(isExcluded('logsbook.txt', ['logs'])).toBe(false);
    expect(isExcluded('.terraform.lock.hcl', ['.terraform'])).toBe(false);
  });
});
