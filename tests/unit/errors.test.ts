// Coded errors as a user and a script see them: one registry, documented, `[E_CODE]` on stderr and
// one failure document on stdout with --json.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.ts';
import { runCli } from '../helpers/run-cli.ts';

const base = mkdtempSync(join(tmpdir(), 'exa-errors-'));
// A directory that exists but holds no deployment.
mkdirSync(join(base, 'none'));

describe('error codes', () => {
  it('docs/exit-codes.md lists exactly the codes of the registry', () => {
    const doc = readFileSync(new URL('../../docs/exit-codes.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `(E_[A-Z0-9_]+)` \| (\d+) \| (.+) \|$/gm)].map((m) => [
      m[1],
      m[3],
    ]);
    expect(Object.fromEntries(documented)).toEqual(ERROR_CODES);
  });

  it('stderr names the code after the message', async () => {
    const r = await runCli(['status', '--deployment-dir', join(base, 'none')]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: ${join(base, 'none')} is not a deployment directory (no .exasol.json) [E_NOT_DEPLOYMENT]`,
    );
    expect(r.stderr).toContain("hint: run 'exasol init' first or pass --deployment-dir");
  });

  it('--json prints one failure document with code, message and hint on stdout', async () => {
    const r = await runCli(['status', '--json', '--deployment-dir', join(base, 'none')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      error: {
        code: 'E_NOT_DEPLOYMENT',
        message: `${join(base, 'none')} is not a deployment directory (no .exasol.json)`,
        hint: "run 'exasol init' first or pass --deployment-dir",
      },
    });
  });

  it('--json turns bad input, even a flag commander rejects, into an E_USAGE document with exit 2', async () => {
    const bad = await runCli(['init', '--json', '--cloud-provider', 'libvirt', '--cluster-size', 'x']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_USAGE', message: expect.stringContaining('--cluster-size'), hint: null },
    });
    const unknown = await runCli(['init', '--json', '--clustr-size', '3']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'E_USAGE' });
  });
});
