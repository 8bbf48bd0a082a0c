// The terraform module against the stand-in: argv and environment of every verb, init retries.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../../../src/errors.ts';
import { isNetworkError, stateLockError, Terraform } from '../../../src/tools/terraform.ts';

const FAKE = resolve('tests/fixtures/bin/terraform');

async function setup(env: Record<string, string> = {}, options: { lockTimeoutMs?: number } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'tf-unit-'));
  const record = join(dir, 'record.jsonl');
  await writeFile(
    join(dir, 'terraform.tfvars.json'),
    JSON.stringify({ node_count: 1, deployment_id: 'exa-t' }),
  );
  const tf = new Terraform({
    binary: FAKE,
    dir,
    env: { FAKE_TF_RECORD: record, GANETI_PASSWORD: 'pw-never-in-argv', ...env },
    redact: ['pw-never-in-argv'],
    retryDelayMs: 1,
    ...options,
  });
  const calls = async () =>
    (await readFile(record, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { argv: string[]; env: Record<string, string>; secretKeys: string[] });
  return { dir, tf, calls };
}

describe('Terraform', () => {
  it('passes -input=false and -no-color, the automation env, and secrets only through the env', async () => {
    const { tf, calls, dir } = await setup();
    await tf.init(false);
    await tf.plan(join(dir, 'p.tfplan'));
    await tf.applyPlan(join(dir, 'p.tfplan'));
    expect(Object.keys(await tf.outputs())).toContain('node_names');
    await tf.destroy();
    const all = await calls();
    expect(all.map((c) => c.argv)).toEqual([
      ['init', '-input=false', '-no-color'],
      ['plan', '-input=false', '-no-color', `-out=${join(dir, 'p.tfplan')}`],
      ['apply', '-input=false', '-no-color', '-auto-approve', join(dir, 'p.tfplan')],
      ['output', '-no-color', '-json'],
      ['destroy', '-input=false', '-no-color', '-auto-approve'],
    ]);
    for (const c of all) {
      expect(c.env).toMatchObject({ TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' });
      expect(c.secretKeys).toContain('GANETI_PASSWORD');
    }
  });

  it('retries init on network errors (up to 3 attempts) and not on others', async () => {
    const flaky = await setup({ FAKE_TF_INIT_NETWORK_FAILS: '2' });
    await flaky.tf.init(true);
    expect((await flaky.calls()).map((c) => c.argv.at(-1))).toEqual(['-upgrade', '-upgrade', '-upgrade']);
    const down = await setup({ FAKE_TF_INIT_NETWORK_FAILS: '5' });
    await expect(down.tf.init(false)).rejects.toThrow(/i\/o timeout/);
    expect(await down.calls()).toHaveLength(3);
    const broken = await setup({ FAKE_TF_FAIL: 'init' });
    await expect(broken.tf.init(false)).rejects.toThrow(
      /init exited with code 1:[\s\S]*Failed to read module directory/,
    );
    expect(await broken.calls()).toHaveLength(1);
  });

  it('recognises network errors by their message', () => {
    expect(isNetworkError(new Error('dial tcp 1.2.3.4:443: connect: connection refused'))).toBe(true);
    expect(isNetworkError(new Error('Error: Unsupported argument'))).toBe(false);
  });
});

describe('the backend state lock', () => {
  it('a lock held by another runner is exit 3 naming who, what and since, with the force-unlock id', async () => {
    const { tf, dir } = await setup({ FAKE_TF_STATE_LOCKED: '1' });
    const err = await tf.plan(join(dir, 'p.tfplan')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).exitCode).toBe(3);
    expect((err as LockedError).message).toBe(
      'the terraform state is locked by runner@ci-host-7 (terraform apply, since 2026-11-22 02:42:36.760516075 +0000 UTC)',
    );
    expect((err as LockedError).hint).toContain(
      'terraform force-unlock 85aebe87-e516-f616-19c0-85930c453fc2',
    );
  });

  it('other failures stay what they were', () => {
    expect(stateLockError(new Error('Error: Invalid provider configuration'))).toBeNull();
    expect(stateLockError(null)).toBeNull();
  });

  it('--lock-timeout reaches terraform as -lock-timeout on every locking verb', async () => {
    const { tf, calls, dir } = await setup({}, { lockTimeoutMs: 90_500 });
    await tf.init(false);
    await tf.plan(join(dir, 'p.tfplan'));
    await tf.destroy();
    for (const c of await calls()) expect(c.argv).toContain('-lock-timeout=91s');
  });
});
