// README.md's command reference must match what `npm run readme` generates from the commander definitions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commandReference,
  currentSection,
  END,
  replaceSection,
  START,
} from '../../../scripts/readme/command-reference.ts';
import { buildProgram } from '../../../src/cli/program.ts';
import { repoRoot } from '../../helpers/build-tmp.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('README command reference', () => {
  it('is up to date with src/cli/program.ts (if this fails, run `npm run readme` and commit README.md)', () => {
    const section = currentSection(readme);
    expect(section, `README.md has no ${START} … ${END} section`).not.toBeNull();
    expect(section, 'README.md command reference drifted from the CLI: run `npm run readme`').toBe(
      commandReference(),
    );
  });

  it('documents every command and every init flag with its help text', () => {
    const text = commandReference();
    const program = buildProgram();
    for (const cmd of program.commands) expect(text).toContain(`### exasol ${cmd.name()}\n`);
    const init = program.commands.find((c) => c.name() === 'init');
    for (const opt of init?.options ?? []) expect(text).toContain(opt.flags);
    expect(text).toContain('--ganeti-endpoint <url>');
  });

  it('notices a change of the CLI: a new command changes the generated section', () => {
    const program = buildProgram();
    program.command('frobnicate').description('a command that does not exist');
    expect(commandReference(program)).not.toBe(currentSection(readme));
    expect(commandReference(program)).toContain('### exasol frobnicate');
  });

  it('replaces only the text between the markers and refuses a README without them', () => {
    const doc = `# t\n\nprose\n${START}\nold\n${END}\nafter\n`;
    expect(replaceSection(doc, 'new')).toBe(`# t\n\nprose\n${START}\nnew\n${END}\nafter\n`);
    expect(() => replaceSection('# no markers\n', 'x')).toThrow('markers');
  });

  it('`npm run readme -- --check` agrees: exit 0 on this checkout', () => {
    const r = spawnSync(process.execPath, ['scripts/readme-commands.mjs', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
