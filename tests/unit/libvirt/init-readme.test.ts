// The README's first command on a fresh machine: init against libvirt's test driver, human and --json.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { LIBVIRT_TEST_INIT } from '../../helpers/libvirt-test-init.ts';

const tmp = mkdtempSync(join(tmpdir(), 'exatest-init-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const README = LIBVIRT_TEST_INIT;

function capture(): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  return { out: () => out, err: () => err };
}

describe('exasol init --cloud-provider libvirt --libvirt-uri test:///default', () => {
  it('succeeds and prints "skipped (test driver)" for checks that need a daemon', async () => {
    const dir = join(tmp, 'demo');
    const io = capture();
    const code = await main([...README, '--deployment-dir', dir, '--no-color']);
    expect(code, io.err()).toBe(0);
    expect(io.err()).toContain('permission to use test:///default: skipped (test driver)');
    expect(io.err()).toContain('domain type kvm available: skipped (test driver)');
    const tfvars = JSON.parse(readFileSync(join(dir, 'terraform.tfvars.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(tfvars).toMatchObject({
      libvirt_pool: 'default-pool',
      libvirt_memory_gib: 1,
      libvirt_base_volume_exists: false,
    });
    expect(existsSync(join(dir, 'main.tf'))).toBe(true);
  });

  it('--json lists the checks with status skip and detail "test driver"', async () => {
    const io = capture();
    const code = await main([...README, '--deployment-dir', join(tmp, 'demo-json'), '--json']);
    expect(code, io.err()).toBe(0);
    const doc = JSON.parse(io.out()) as {
      ok: boolean;
      checks: Array<{ id: string; status: string; detail?: string }>;
    };
    expect(doc.ok).toBe(true);
    expect(doc.checks.find((c) => c.id === 'libvirt.domain-type')).toMatchObject({
      status: 'skip',
      detail: 'test driver',
    });
  });

  it('fails with the pool commands when the pool is missing, and writes nothing', async () => {
    const dir = join(tmp, 'demo-nopool');
    const io = capture();
    const code = await main([
      ...README,
      '--libvirt-pool',
      'exatest-missing',
      '--deployment-dir',
      dir,
      '--no-color',
    ]);
    expect(code).toBe(1);
    // The fix is a block of commands without a prefix, so it pastes into a shell as it is.
    expect(io.err()).toMatch(
      /^error: fix:\n {4}virsh -c test:\/\/\/default pool-define-as exatest-missing dir/m,
    );
    expect(existsSync(join(dir, 'main.tf'))).toBe(false);
  });
});
