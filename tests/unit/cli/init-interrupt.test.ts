// Ctrl-C (SIGINT) during init: exit 130 with a message, and no deployment directory. The pre-flight
// is held up by a RAPI endpoint that accepts TCP and never answers, so the signal lands mid-check.
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, ensureBuilt, spawnCli, until } from '../../helpers/orchestration.ts';

const sockets: Socket[] = [];
const server = createServer((s) => sockets.push(s));
let port = 0;
beforeAll(async () => {
  ensureBuilt();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  server.close();
});

describe('interrupting init', () => {
  it('SIGINT during the pre-flight exits 130, says so, and leaves no directory', async () => {
    const work = mkdtempSync(join(tmpdir(), 'exa-init-int-'));
    const dir = join(work, 'gnt');
    const { child, done } = spawnCli(
      [
        'init',
        '--cloud-provider',
        'ganeti',
        '--ganeti-endpoint',
        `https://127.0.0.1:${port}`,
        '--ganeti-os-type',
        'noop',
        '--ganeti-insecure',
        '--deployment-dir',
        dir,
      ],
      { ...cliEnv(work), GANETI_PASSWORD: 'pw-123456' },
    );
    await until(() => sockets.length > 0, 20_000);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(
      `info: … pre-flight for ganeti: connecting to https://127.0.0.1:${port} (TLS handshake, at most 10 s)`,
    );
    expect(r.stderr).toContain('error: init interrupted by SIGINT; no deployment directory was created');
    expect(existsSync(dir)).toBe(false);
  }, 40_000);
});
