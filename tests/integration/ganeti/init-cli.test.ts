// `exasol init --cloud-provider ganeti` against the real cluster: pre-flight lines, atomic failure.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverFingerprint, skipGaneti } from '../../helpers/ganeti-env.ts';
import { runCli } from '../../helpers/run-cli.ts';

const base = mkdtempSync(join(tmpdir(), 'exa-gninit-'));
const flags = () => [
  'init',
  '--cloud-provider',
  'ganeti',
  '--ganeti-endpoint',
  process.env.GANETI_ENDPOINT ?? '',
  '--ganeti-username',
  process.env.GANETI_USERNAME ?? '',
  '--ganeti-ca-fingerprint',
  `sha256:${serverFingerprint()}`,
  '--ganeti-network',
  process.env.GANETI_NETWORK ?? 'exanet',
  '--ganeti-memory',
  '1',
  '--root-volume-size',
  '10',
  '--data-volume-size',
  '1',
];

describe.skipIf(skipGaneti)('exasol init on a real Ganeti cluster', () => {
  it('passes pre-flight and stores the RAPI password only in secrets.json', async () => {
    const dir = join(base, 'ok');
    const r = await runCli([
      ...flags(),
      '--ganeti-os-type',
      process.env.GANETI_OS_TYPE ?? 'noop',
      '--cluster-size',
      '2',
      '--deployment-dir',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/✔ RAPI user \S+ authenticated with write access/);
    expect(r.stderr).toMatch(/✔ Instance names not in use \(exa-[a-z0-9]{6}-n11, exa-[a-z0-9]{6}-n12\)/);
    const pw = process.env.GANETI_PASSWORD ?? '';
    expect(r.stderr).not.toContain(pw);
    expect(readFileSync(join(dir, 'terraform.tfvars.json'), 'utf8')).not.toContain(pw);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')).provider.GANETI_PASSWORD).toBe(pw);
  });

  it('fails with the failing line and writes nothing for an unknown OS', async () => {
    const dir = join(base, 'badosdir');
    const r = await runCli([...flags(), '--ganeti-os-type', 'nosuchos', '--deployment-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✖ OS nosuchos/);
    expect(r.stderr).toMatch(/error: pre-flight failed: .*OS nosuchos/);
    expect(existsSync(dir)).toBe(false);
  });

  it('reports wrong credentials as such', async () => {
    const dir = join(base, 'badpw');
    const r = await runCli([...flags(), '--ganeti-os-type', 'noop', '--deployment-dir', dir], {
      GANETI_PASSWORD: 'wrong-password',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✖ .*(wrong credentials|401)/i);
    expect(existsSync(dir)).toBe(false);
  });
});
