// A tool exasol starts (terraform) must not outlive a SIGKILLed exasol: it gets SIGTERM and, with our
// end of its output gone, can still finish and record its work (SIGPIPE ignored).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/build-tmp.ts';
import { bundle } from '../../helpers/esbuild.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const work = mkdtempSync(join(tmpdir(), 'exa18-pdeath-'));
// Bundled inside the package (.tmp/) so execa resolves from node_modules as it does from dist/.
mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
const parentDir = mkdtempSync(join(repoRoot, '.tmp', 'run-parent-'));
const parent = join(parentDir, 'run-parent.js');
const tool = join(work, 'tool.sh');

beforeAll(async () => {
  await bundle({ 'run-parent': 'tests/fixtures/run-parent.ts' }, parentDir);
  // Like terraform on SIGTERM: writes to its (now closed) output, then records what it did.
  writeFileSync(
    tool,
    `#!/bin/bash\ntrap 'for i in 1 2 3; do echo stopping; done; echo recorded > "$1"; exit 0' TERM\necho started\nwhile :; do sleep 0.05; done\n`,
    { mode: 0o755 },
  );
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(
  skipUnlessService(
    'setpriv',
    existsSync('/usr/bin/setpriv') ? null : '/usr/bin/setpriv not found (util-linux)',
  ),
)('dieWithParent', () => {
  it('delivers SIGTERM to the tool when exasol is SIGKILLed; the tool records its work and exits', async () => {
    const marker = join(work, 'recorded');
    const p = spawn(process.execPath, [parent, tool, marker], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      p.stdout.on('data', (d: Buffer) => {
        const m = /child (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
      p.on('exit', (code) => reject(new Error(`parent exited ${code} before starting the tool`)));
    });
    expect(alive(pid)).toBe(true);
    p.kill('SIGKILL');
    // Event-free wait with a generous bound: the signal is immediate, the machine may be loaded.
    for (let i = 0; i < 300 && (alive(pid) || !existsSync(marker)); i++) await sleep(50);
    expect(readFileSync(marker, 'utf8')).toBe('recorded\n');
    expect(alive(pid)).toBe(false);
  });
});
