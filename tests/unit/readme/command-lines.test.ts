// Every `exasol …` line the README shows must use commands and flags that exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.ts';
import { repoRoot } from '../../helpers/build-tmp.ts';
import { checkCommandLine, commandLines, runnableBlocks } from '../../helpers/readme.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('README command lines', () => {
  const lines = commandLines(readme);

  it('finds the command lines of the README (fenced and inline)', () => {
    expect(lines).toContain('exasol deploy');
    expect(lines).toContain('exasol init --list-providers');
    expect(
      lines.some((l) => l.startsWith('exasol init --cloud-provider libvirt --libvirt-uri test:///default')),
    ).toBe(true);
  });

  it('uses only commands and flags the CLI defines', () => {
    const program = buildProgram();
    expect(lines.flatMap((l) => checkCommandLine(program, l))).toEqual([]);
  });

  it('reports a misspelt command, a flag of another command and an unknown global flag', () => {
    const program = buildProgram();
    const md = [
      '```sh',
      'exasol deploi',
      'exasol status --cloud-provider aws   # init flag on status',
      'npx exasol --deployment-dir d init --cloud-provder aws --deployment-dir=x',
      '```',
      'Then run `exasol --colour init`.',
    ].join('\n');
    expect(commandLines(md).flatMap((l) => checkCommandLine(program, l))).toEqual([
      "exasol deploi: unknown command 'deploi'",
      "exasol status --cloud-provider aws: unknown flag --cloud-provider for 'status'",
      "exasol --deployment-dir d init --cloud-provder aws --deployment-dir=x: unknown flag --cloud-provder for 'init'",
      'exasol --colour init: unknown flag --colour',
    ]);
  });

  it('has the runnable blocks the README tests run: main-job, then tests', () => {
    expect(runnableBlocks(readme).map((b) => b.name)).toEqual(['main-job', 'tests']);
  });
});
