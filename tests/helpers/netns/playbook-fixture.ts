// A deployment directory made by the CLI's own code, pointing at two namespace hosts with disks,
// plus the release artefacts (one over HTTP on the test network, one as a file:// URL).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildExtraVars,
  type DeploymentPasswords,
  type ExtraVarValue,
  writeExtraVars,
} from '../../../src/ansible/extra-vars.ts';
import { writeAnsibleFiles } from '../../../src/ansible/inventory.ts';
import type { CatalogVersion } from '../../../src/catalog/versions.ts';
import { generateSshKeyPair } from '../../../src/secrets/ssh-key.ts';
import { createLab, type NetnsHost, type NetnsLab } from '../netns-hosts.ts';
import { type ArtifactServer, startArtifactServer } from './artifact-server.ts';

// Stands in for the c4 tool: records its calls next to itself; `wait` hangs while a file c4-hang exists.
const FAKE_C4 = `#!/bin/sh
here=$(dirname "$0")
echo "$*" >> "$here/c4-calls.log"
if [ "$1" = wait ] && [ -e "$here/c4-hang" ]; then sleep 60; fi
echo "fake c4 $*"
`;

/** sha256 hex of a buffer or string. */
export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Everything a playbook test needs; cleanup() removes hosts, disks, server and files. */
export interface PlaybookFixture {
  dir: string;
  lab: NetnsLab;
  n11: NetnsHost;
  n12: NetnsHost;
  passwords: DeploymentPasswords;
  version: CatalogVersion;
  db: Buffer;
  c4: Buffer;
  /** Writes the extra-vars file for a run on test hosts (no apt update; c4 is the fake above). */
  writeVars(over?: {
    version?: Partial<CatalogVersion>;
    passwords?: Partial<DeploymentPasswords>;
    extra?: Record<string, ExtraVarValue>;
  }): Promise<string>;
  cleanup(): Promise<void>;
}

/** Builds the fixture; on failure everything made so far is removed again. */
export async function createPlaybookFixture(): Promise<PlaybookFixture> {
  const work = await mkdtemp(join(tmpdir(), 'exa-netns-'));
  let lab: NetnsLab | undefined;
  let server: ArtifactServer | undefined;
  const cleanup = async () => {
    await lab?.cleanup();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  };
  try {
    const dir = join(work, 'deployment');
    await mkdir(join(dir, 'ssh'), { recursive: true, mode: 0o700 });
    const keys = generateSshKeyPair('exasol-netns-test');
    await writeFile(join(dir, 'ssh/id_ed25519'), keys.privateKey, { mode: 0o600 });
    const passwords = {
      db_password: 'Db-Secret-4711',
      adminui_password: 'Ui-Secret-4712',
      host_password: 'Host-Secret-4713',
    };
    await writeFile(join(dir, 'secrets.json'), JSON.stringify({ ...passwords, provider: {} }), {
      mode: 0o600,
    });
    const db = randomBytes(256 * 1024);
    const c4 = Buffer.from(FAKE_C4);
    await writeFile(join(work, 'c4'), c4, { mode: 0o755 });
    lab = await createLab({ count: 2, authorizedKey: keys.publicKey, workDir: work });
    server = await startArtifactServer(lab.gateway, { '/exasol-test.tar.gz': db });
    const [n11, n12] = lab.hosts;
    if (!n11 || !n12) throw new Error('lab has no hosts');
    await lab.addDisks(n11, ['vdb', 'vdc', 'vdd'], ['vdb']);
    await lab.addDisks(n12, ['vdb', 'vdc']);
    const version: CatalogVersion = {
      version: 'exasol-test',
      architecture: 'x86_64',
      working_copy: '@exasol-test',
      db_url: `${server.baseUrl}/exasol-test.tar.gz`,
      db_sha256: sha256(db),
      c4_version: 'test',
      c4_url: `file://${join(work, 'c4')}`,
      c4_sha256: sha256(c4),
    };
    await writeAnsibleFiles({
      deploymentDir: dir,
      provider: 'libvirt',
      diskFamily: 'virtio',
      nodes: lab.hosts.map((h) => ({ name: h.name, publicIp: h.address, privateIp: h.address })),
      sshUser: 'root',
      sshKeyPath: join(dir, 'ssh/id_ed25519'),
      dataVolumesPerNode: 2,
    });
    const testVars = {
      exasol_apt_update: false,
      exasol_packages: ['openssh-server'],
      exasol_connect_timeout: 60,
    };
    const writeVars: PlaybookFixture['writeVars'] = (over = {}) =>
      writeExtraVars(
        dir,
        buildExtraVars(
          { ...passwords, ...over.passwords },
          { ...version, ...over.version },
          { ...testVars, ...over.extra },
        ),
      );
    return { dir, lab, n11, n12, passwords, version, db, c4, writeVars, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
