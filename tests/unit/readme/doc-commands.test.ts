// Every `exasol …` command quoted in README.md, CLOUD_SETUP_*.md and docs/ must parse with the real
// CLI (commander, nothing executed). A failure names the file and line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/build-tmp.ts';
import { docCommands, parseProblem, shellWords } from '../../helpers/doc-commands.ts';

/** The documents a user reads: README.md, CLOUD_SETUP_*.md, docs/**.md. */
function documents(): string[] {
  const top = readdirSync(repoRoot).filter((f) => f === 'README.md' || /^CLOUD_SETUP_.*\.md$/.test(f));
  const docs = readdirSync(join(repoRoot, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  return [...top, ...docs].map((f) => join(repoRoot, f));
}

async function problemsOf(file: string, md: string): Promise<string[]> {
  const out: string[] = [];
  for (const c of docCommands(md)) {
    const p = await parseProblem(c.text);
    if (p) out.push(`${relative(repoRoot, file)}:${c.line}: ${c.text}: ${p}`);
  }
  return out;
}

describe('exasol commands quoted in the documentation', () => {
  it('covers README.md, every CLOUD_SETUP_*.md and docs/', () => {
    const names = documents().map((f) => relative(repoRoot, f));
    expect(names).toContain('README.md');
    expect(names).toContain('CLOUD_SETUP_GANETI.md');
    expect(names.some((n) => n.startsWith('docs/'))).toBe(true);
    const found = documents().reduce((n, f) => n + docCommands(readFileSync(f, 'utf8')).length, 0);
    expect(found).toBeGreaterThan(40);
  });

  it('every one parses with the real CLI', async () => {
    const problems: string[] = [];
    for (const f of documents()) problems.push(...(await problemsOf(f, readFileSync(f, 'utf8'))));
    expect(problems).toEqual([]);
  });

  it('names file and line of a bad command; accepts placeholders and prose mentions', async () => {
    const md = [
      'Run `exasol init --provider ganeti` first.', // line 1: unknown option
      '```sh',
      'npx exasol deploi --deployment-dir d', // line 3: unknown command
      'exasol init --cloud-provider libvirt \\', // line 4: continued
      '  --libvirt-uri test:///default --cluster-size 2',
      'EXASOL_EXPORT_PASSPHRASE=… exasol export --deployment-dir gnt1 --output gnt1.exasol',
      'exasol init --cloud-provider <aws|gcp> --deployment-dir "$DIR"',
      'exasol status --cloud-provider aws',
      '```',
      'Then `exasol export` and `exasol import FILE --deployment-dir D`.',
    ].join('\n');
    expect(docCommands(md).map((c) => c.line)).toEqual([1, 3, 4, 6, 7, 8, 10, 10]);
    expect(await problemsOf(join(repoRoot, 'x.md'), md)).toEqual([
      "x.md:1: exasol init --provider ganeti: unknown option '--provider'",
      "x.md:3: exasol deploi --deployment-dir d: unknown command 'deploi'",
      "x.md:8: exasol status --cloud-provider aws: unknown option '--cloud-provider'",
    ]);
    expect(shellWords(`exasol import "a b" 'c d' e`)).toEqual(['exasol', 'import', 'a b', 'c d', 'e']);
  });
});
