// Real-libvirtd fixtures: a gate, and pools/networks/domains under a per-run `exatest-<random>` prefix
// that cleanup() removes again (also everything --libvirt-create-missing made under that prefix).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The libvirtd the suites were pointed at (EXASOL_TEST_LIBVIRT_URI, printed by `tests/libvirtd.sh env`).
 * Never a daemon found by chance: without the variable the suites skip.
 */
export const SYSTEM_URI = process.env.EXASOL_TEST_LIBVIRT_URI ?? '';

/** Why the real-libvirtd suite cannot run, or null when `virsh -c $EXASOL_TEST_LIBVIRT_URI version` works. */
export function libvirtdMissing(): string | null {
  if (!SYSTEM_URI)
    return 'EXASOL_TEST_LIBVIRT_URI unset (bash tests/libvirtd.sh start; eval "$(bash tests/libvirtd.sh env)")';
  const r = spawnSync('virsh', ['-c', SYSTEM_URI, 'version'], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return `virsh not runnable (${r.error.message}); install libvirt-clients`;
  if (r.status !== 0) return `virsh -c ${SYSTEM_URI} version failed; run tests/libvirtd.sh start`;
  return null;
}

/** Runs virsh against the system URI; throws with stderr on failure unless `allowFail`. */
export function virshSys(args: string[], allowFail = false): string {
  const r = spawnSync('virsh', ['-c', SYSTEM_URI, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 && !allowFail) throw new Error(`virsh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A per-run namespace in libvirt with helpers to create objects and remove all of them. */
export function libvirtSandbox() {
  const prefix = `exatest-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    prefix,
    dir,
    /** An active dir pool whose directory lives in the test's temp dir. */
    pool(suffix: string): string {
      const name = `${prefix}-${suffix}`;
      virshSys(['pool-define-as', name, 'dir', '--target', join(dir, name)]);
      virshSys(['pool-build', name]);
      virshSys(['pool-start', name]);
      return name;
    },
    /** A defined NAT network on 10.213.<n>.0/24; started unless `start` is false. */
    network(suffix: string, start = true): string {
      const name = `${prefix}-${suffix}`;
      const octet = randomBytes(1)[0] ?? 1;
      const file = join(dir, `${name}.xml`);
      writeFileSync(
        file,
        `<network><name>${name}</name><forward mode='nat'/><ip address='10.213.${octet}.1' netmask='255.255.255.0'/></network>`,
      );
      virshSys(['net-define', file]);
      if (start) virshSys(['net-start', name]);
      return name;
    },
    /** Removes every domain, volume, pool and network whose name starts with the prefix. */
    cleanup(): void {
      const names = (cmd: string[]) =>
        virshSys(cmd, true)
          .split('\n')
          .map((l) => l.trim())
          .filter((n) => n.startsWith(prefix));
      for (const d of names(['list', '--all', '--name'])) {
        virshSys(['destroy', d], true);
        virshSys(['undefine', d, '--nvram'], true);
        virshSys(['undefine', d], true);
      }
      for (const p of names(['pool-list', '--all', '--name'])) {
        for (const v of virshSys(['vol-list', p], true).split('\n').slice(2)) {
          const vol = v.trim().split(/\s+/)[0];
          if (vol) virshSys(['vol-delete', vol, '--pool', p], true);
        }
        virshSys(['pool-destroy', p], true);
        virshSys(['pool-delete', p], true);
        virshSys(['pool-undefine', p], true);
      }
      for (const n of names(['net-list', '--all', '--name'])) {
        virshSys(['net-destroy', n], true);
        virshSys(['net-undefine', n], true);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a shell line (used to execute the fix commands pre-flight prints). */
export function sh(line: string): void {
  execFileSync('sh', ['-c', line], { stdio: 'pipe' });
}
