import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  installProviderMirror,
  providerBundlePath,
  terraformPlatform,
  wrapperScript,
} from '../../../src/tf-provider/install.ts';

describe('installProviderMirror', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes an executable sh wrapper in the unpacked mirror layout and a CLI config', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfp-install-'));
    const { mirrorDir, cliConfigPath } = await installProviderMirror(dir, '0.1.0');
    expect(mirrorDir).toBe(join(dir, 'providers'));
    const exe = join(
      mirrorDir,
      `local.exasol/exasol/ganeti/0.1.0/${terraformPlatform()}/terraform-provider-ganeti_v0.1.0`,
    );
    expect((await stat(exe)).mode & 0o111).toBe(0o111);
    const script = await readFile(exe, 'utf8');
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain(`NODE='${process.execPath}'`);
    expect(script).toContain(providerBundlePath());
    const rc = await readFile(cliConfigPath, 'utf8');
    expect(rc).toContain(`path    = "${mirrorDir}"`);
    expect(rc).toContain('include = ["local.exasol/exasol/ganeti"]');
    expect(rc).toContain('exclude = ["local.exasol/exasol/ganeti"]');
  });

  it('keeps the wrapper bytes and mtime when installed again', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfp-install-'));
    await installProviderMirror(dir, '0.1.0');
    const exe = join(
      dir,
      `providers/local.exasol/exasol/ganeti/0.1.0/${terraformPlatform()}/terraform-provider-ganeti_v0.1.0`,
    );
    const before = await stat(exe);
    await installProviderMirror(dir, '0.1.0');
    expect((await stat(exe)).mtimeMs).toBe(before.mtimeMs);
  });

  it('falls back to node on PATH when the recorded node is gone (shell quoting intact)', () => {
    const script = wrapperScript('0.1.0', "/no/such/it's/node", '/x/y.js');
    const out = execFileSync('sh', ['-c', `${script.replace(/^exec .*$/m, 'echo "$NODE"')}`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('node');
  });
});
