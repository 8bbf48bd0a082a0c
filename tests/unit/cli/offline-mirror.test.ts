// Offline use: a filesystem mirror of the libvirt provider through TF_CLI_CONFIG_FILE is checked by
// init's pre-flight and used by terraform init (proved with a stand-in binary in the mirror, as the
// real provider cannot be downloaded here). Without registry access and without a mirror, deploy
// says in one line what is needed (terraform stand-in that fails with the registry error).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mirrorPaths,
  templateRequirements,
  terraformPlatform,
} from '../../../src/preflight/plugin-mirror.ts';
import { libvirtTestInit } from '../../helpers/libvirt-test-init.ts';
import { FAKE_TF } from '../../helpers/orchestration.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const REAL_TF = '/usr/local/bin/terraform';
const hasTerraform = !skipUnlessService(
  'terraform',
  (() => {
    try {
      readFileSync(REAL_TF);
      return null;
    } catch {
      return `${REAL_TF} not found (the README's requirement: terraform on PATH)`;
    }
  })(),
);
const base = mkdtempSync(join(tmpdir(), 'exa-mirror-'));
const PLATFORM = terraformPlatform();

/** A mirror with a stand-in provider binary and the CLI config that uses only it (no registry). */
function mirror(withProvider: boolean): string {
  const root = mkdtempSync(join(base, 'm-'));
  const dir = join(root, 'registry.terraform.io/dmacvicar/libvirt/0.8.3', PLATFORM);
  mkdirSync(dir, { recursive: true });
  if (withProvider) {
    const bin = join(dir, 'terraform-provider-libvirt_v0.8.3');
    writeFileSync(bin, '#!/bin/sh\necho "stand-in provider, not a plugin" >&2\nexit 1\n');
    chmodSync(bin, 0o755);
  }
  const rc = join(root, 'terraform.rc');
  writeFileSync(
    rc,
    `provider_installation {\n  filesystem_mirror {\n    path    = "${root}"\n    include = ["registry.terraform.io/dmacvicar/libvirt"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/dmacvicar/libvirt"]\n  }\n}\n`,
  );
  return rc;
}

const initArgs = (dir: string, tf: string) => libvirtTestInit(dir, '--terraform-binary', tf);

describe('terraform provider mirror', () => {
  it('reads what the templates require and where a CLI config mirrors providers', async () => {
    expect(await templateRequirements('libvirt')).toEqual([
      { address: 'registry.terraform.io/dmacvicar/libvirt', version: '0.8.3' },
    ]);
    expect(mirrorPaths(readFileSync(mirror(false), 'utf8'))).toHaveLength(1);
  });

  it('init pre-flight passes with the provider in the mirror and fails naming what is missing', async () => {
    const ok = await runCli(initArgs(join(base, 'ok'), FAKE_TF), { TF_CLI_CONFIG_FILE: mirror(true) });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(
      new RegExp(
        `✔ providers in the mirror of TF_CLI_CONFIG_FILE .*: registry.terraform.io/dmacvicar/libvirt 0.8.3 for ${PLATFORM}`,
      ),
    );
    const rc = mirror(false);
    const bad = await runCli(initArgs(join(base, 'bad'), FAKE_TF), { TF_CLI_CONFIG_FILE: rc });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`missing for ${PLATFORM}: registry.terraform.io/dmacvicar/libvirt 0.8.3`);
    const unreadable = await runCli(initArgs(join(base, 'unreadable'), FAKE_TF), {
      TF_CLI_CONFIG_FILE: join(base, 'no-such.rc'),
    });
    expect(unreadable.code, unreadable.stderr).toBe(0);
    expect(unreadable.stderr).toContain(
      'cannot read the file; terraform then installs providers from the registry',
    );
    expect(bad.stderr).toMatch(/^ {4}mkdir -p \S+\/registry\.terraform\.io\/dmacvicar\/libvirt\/0\.8\.3\//m);
  });

  it.skipIf(!hasTerraform)(
    'real terraform init installs the provider from the mirror, offline',
    async () => {
      const dir = join(base, 'real');
      const rc = mirror(true);
      const init = await runCli(initArgs(dir, REAL_TF), { TF_CLI_CONFIG_FILE: rc });
      expect(init.code, init.stderr).toBe(0);
      const deploy = await runCli(['deploy', '--deployment-dir', dir], { TF_CLI_CONFIG_FILE: rc });
      // init succeeded from the mirror; the stand-in is no real plugin, so the plan fails after it.
      expect(deploy.stderr).toMatch(/✔ \[1\/\d+\] terraform init/);
      expect(deploy.stderr).not.toContain('registry.terraform.io is not reachable');
      expect(readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8')).toContain('dmacvicar/libvirt');
      expect(deploy.code).toBe(1);
    },
    120_000,
  );

  it('without registry access and without a mirror, deploy says what is needed in one line', async () => {
    const dir = join(base, 'offline');
    const init = await runCli(initArgs(dir, FAKE_TF), { TF_CLI_CONFIG_FILE: undefined });
    expect(init.code, init.stderr).toBe(0);
    const r = await runCli(['deploy', '--deployment-dir', dir], {
      TF_CLI_CONFIG_FILE: undefined,
      FAKE_TF_INIT_NETWORK_FAILS: '9',
      EXASOL_RETRY_DELAY_MS: '1',
      PATH: `${join(FAKE_TF, '..')}:${process.env.PATH}`,
    });
    expect(r.code).toBe(1);
    const error = r.stderr.split('\n').find((l) => l.startsWith('error: '));
    expect(error).toBe(
      "error: terraform init cannot download the libvirt Terraform provider: registry.terraform.io is not reachable from here; note that libvirt's test driver (test:///default) only checks inputs and cannot run VMs [E_PROVIDER_DOWNLOAD]",
    );
    expect(r.stderr).toMatch(/^hint: .*export TF_CLI_CONFIG_FILE=FILE \(see docs\/offline\.md\)/m);
  });
});
