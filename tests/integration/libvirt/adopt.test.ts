// Adoption against a real libvirtd (tests/libvirtd.sh start): what a killed apply or a lost state
// leaves (a domain and volumes with the deployment's names, not in terraform's state) is imported by
// `exasol destroy`/`exasol deploy` before they go on. The real CLI runs with the terraform stand-in in
// libvirt mode (FAKE_TF_LIBVIRT=1: it creates, imports and destroys real objects through virsh and
// fails, as the provider does, on a name that is taken). Pool and network carry an exatest-<random>
// prefix; the deployment's own objects are removed by its id.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libvirtdMissing, libvirtSandbox, SYSTEM_URI, virshSys } from '../../helpers/libvirt-host.ts';
import {
  cli,
  cliEnv,
  ensureBuilt,
  FAKE_TF,
  readState,
  records,
  spawnCli,
  tempDir,
  until,
} from '../../helpers/orchestration.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const skip = skipUnlessService('libvirtd', libvirtdMissing());

describe.skipIf(skip)('adoption of a libvirt deployment’s orphans on qemu:///system', () => {
  let box = {} as ReturnType<typeof libvirtSandbox>;
  let work = '';
  let dir = '';
  let dep = '';
  let pool = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    ensureBuilt();
    box = libvirtSandbox();
    pool = box.pool('pool');
    const net = box.network('net');
    work = await tempDir('exatest-adopt-');
    env = cliEnv(work, { FAKE_TF_LIBVIRT: '1' });
    dir = join(work, 'dep');
    const init = await cli(
      [
        'init',
        '--cloud-provider',
        'libvirt',
        '--libvirt-uri',
        SYSTEM_URI,
        '--libvirt-pool',
        pool,
        '--libvirt-network',
        net,
        '--libvirt-domain-type',
        'qemu',
        '--libvirt-memory',
        '1',
        '--cluster-size',
        '1',
        '--root-volume-size',
        '10',
        '--data-volume-size',
        '1',
        '--deployment-dir',
        dir,
        '--terraform-binary',
        FAKE_TF,
      ],
      env,
    );
    expect(init.stderr).toBe(init.code === 0 ? init.stderr : '(init failed)');
    dep = readState(dir).deploymentId;
  }, 120_000);

  afterAll(() => {
    if (dep)
      for (const d of mine(['list', '--all', '--name'])) {
        virshSys(['destroy', d], true);
        virshSys(['undefine', d], true);
      }
    box.cleanup?.();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Names of the deployment's objects a virsh listing shows. */
  function mine(cmd: string[]): string[] {
    return virshSys(cmd)
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0] ?? '')
      .filter((n) => n.startsWith(`${dep}-`));
  }

  /** What an apply creates for node n11 before it is killed: volumes, cloud-init ISO, domain. */
  function leaveOrphans(): { uuid: string; keys: Record<string, string> } {
    const keys: Record<string, string> = {};
    for (const [vol, format] of [
      [`${dep}-n11-root.qcow2`, 'qcow2'],
      [`${dep}-n11-data-1.qcow2`, 'qcow2'],
      [`${dep}-n11-cloudinit.iso`, 'raw'],
    ] as const) {
      virshSys(['vol-create-as', pool, vol, '1M', '--format', format]);
      keys[vol] = virshSys(['vol-key', vol, '--pool', pool]).trim();
    }
    const xml = join(work, 'n11.xml');
    writeFileSync(
      xml,
      `<domain type='qemu'><name>${dep}-n11</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`,
    );
    virshSys(['define', xml]);
    return { uuid: virshSys(['domuuid', `${dep}-n11`]).trim(), keys };
  }

  /** (address, id) of every `terraform import` the stand-in ran since `from` records. */
  const imports = (from: number) =>
    records(work)
      .slice(from)
      .filter((r) => r.cmd === 'import')
      .map((r) => r.argv.slice(-2));

  it('destroy after a deploy killed mid-apply imports what it left and removes all of it', async () => {
    const barrier = join(work, 'barrier');
    mkdirSync(barrier);
    const run = spawnCli(['deploy', '--deployment-dir', dir], { ...env, FAKE_TF_BARRIER_DIR: barrier });
    const started = join(barrier, 'started');
    await until(
      () => existsSync(started) && readFileSync(started, 'utf8') !== '',
      60_000,
      'apply at the barrier',
    );
    const tfPid = Number(readFileSync(started, 'utf8'));
    run.child.kill('SIGKILL');
    process.kill(tfPid, 'SIGKILL');
    await run.done;
    const { uuid, keys } = leaveOrphans();
    const from = records(work).length;

    const r = await cli(['destroy', '--yes', '--deployment-dir', dir], env);
    expect(r.stderr).toContain('warn: cleared a stale lock left by deploy');
    expect(r.code).toBe(0);
    expect(imports(from)).toEqual([
      ['libvirt_domain.node[0]', uuid],
      ['libvirt_volume.data[0]', keys[`${dep}-n11-data-1.qcow2`]],
      ['libvirt_volume.root[0]', keys[`${dep}-n11-root.qcow2`]],
    ]);
    expect(r.stderr).toContain(
      `warn: not in terraform's state and of a type terraform cannot import (it holds no data): removing ${keys[`${dep}-n11-cloudinit.iso`]}; terraform creates it again`,
    );
    expect(mine(['list', '--all', '--name'])).toEqual([]);
    expect(mine(['vol-list', pool])).toEqual([]);
    expect(readState(dir).status).toBe('destroyed');
  }, 300_000);

  it('deploy after a lost state imports first, keeps the domain and creates only the ISO again', async () => {
    const { uuid, keys } = leaveOrphans();
    rmSync(join(dir, 'terraform.tfstate'), { force: true });
    const from = records(work).length;

    const r = await cli(['deploy', '--deployment-dir', dir], env);
    expect(r.stderr).toBe(r.code === 0 ? r.stderr : '(deploy failed)');
    expect(imports(from)).toEqual([
      ['libvirt_domain.node[0]', uuid],
      ['libvirt_volume.data[0]', keys[`${dep}-n11-data-1.qcow2`]],
      ['libvirt_volume.root[0]', keys[`${dep}-n11-root.qcow2`]],
    ]);
    // No twin: the same domain, one of each volume, the ISO made again by terraform.
    expect(virshSys(['domuuid', `${dep}-n11`]).trim()).toBe(uuid);
    expect(mine(['list', '--all', '--name'])).toEqual([`${dep}-n11`]);
    expect(mine(['vol-list', pool]).sort()).toEqual(
      [`${dep}-n11-cloudinit.iso`, `${dep}-n11-data-1.qcow2`, `${dep}-n11-root.qcow2`].sort(),
    );
    expect(readState(dir).status).toBe('database_ready');

    const gone = await cli(['destroy', '--yes', '--deployment-dir', dir], env);
    expect(gone.code).toBe(0);
    expect(mine(['list', '--all', '--name'])).toEqual([]);
    expect(mine(['vol-list', pool])).toEqual([]);
  }, 300_000);
});
