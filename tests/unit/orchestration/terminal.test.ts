// On a terminal (a real pseudo-terminal via tests/fixtures/pty-run.py): destroy asks to type the
// deployment id (a wrong answer destroys nothing, exit 2); deploy shows a spinner with step counter
// and elapsed time. Skipped when python3 is missing (fails on CI).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedPort as findClosedPort } from '../../helpers/closed-port.ts';
import {
  CLI,
  cliEnv,
  ensureBuilt,
  initDeployment,
  ROOT,
  readState,
  tempDir,
} from '../../helpers/orchestration.ts';
import { skipUnlessService } from '../../helpers/service-gate.ts';

const PTY = join(ROOT, 'tests/fixtures/pty-run.py');
const noPython = spawnSync('python3', ['--version']).status === 0 ? null : 'python3 not found';
const skip = skipUnlessService('pty', noPython);

function onTty(args: string[], env: NodeJS.ProcessEnv, answers: [string, string][] = []) {
  const r = spawnSync(
    'python3',
    [PTY, ...answers.flatMap(([p, a]) => ['--answer', p, a]), '--', process.execPath, CLI, ...args],
    {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strip terminal escape sequences
  return { code: r.status, out: r.stdout.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '') };
}

describe.skipIf(skip)('on a terminal', () => {
  let dir: string;
  let closedPort = 0;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    ensureBuilt();
    const work = await tempDir();
    // Each resource takes 3 s, so the once-a-second elapsed-time refresh shows at least once even
    // on a loaded machine (the assertion accepts any non-zero number of seconds).
    env = cliEnv(work, { FAKE_TF_DELAY_MS: '3000' });
    dir = await initDeployment(work, env, 1);
    closedPort = await findClosedPort();
  });

  it('deploy shows a spinner with the step counter, the resource being created and elapsed time', () => {
    const r = onTty(['deploy', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[3\/6\] terraform apply: creating fake_node\.node\[0\] [1-9]\d*s/);
    expect(r.out).toContain('✔ [6/6] ansible-playbook setup.yml');
  });

  it('destroy asks for the deployment id: a wrong answer destroys nothing, the right one destroys', () => {
    const id = readState(dir).deploymentId;
    const wrong = onTty(['destroy', '--deployment-dir', dir], env, [['Type the deployment id', 'exa-nope']]);
    expect(wrong.code).toBe(2);
    expect(wrong.out).toContain(`error: 'exa-nope' is not ${id}; nothing was destroyed`);
    expect(readState(dir).status).toBe('database_ready');
    const right = onTty(['destroy', '--deployment-dir', dir], { ...env, FAKE_TF_DELAY_MS: '0' }, [
      ['Type the deployment id', id],
    ]);
    expect(right.code).toBe(0);
    expect(readState(dir).status).toBe('destroyed');
  });

  it('ganeti init asks for the endpoint, OS type and the RAPI password, which stays hidden', async () => {
    const work = await tempDir();
    const target = join(work, 'gnt');
    const secret = 'TypedSecret-77';
    const r = onTty(
      ['init', '--cloud-provider', 'ganeti', '--ganeti-insecure', '--deployment-dir', target],
      { ...cliEnv(work), GANETI_PASSWORD: '' },
      [
        ['RAPI endpoint', `https://127.0.0.1:${closedPort}`],
        ['OS definition', 'noop'],
        ['Ganeti RAPI password', secret],
      ],
    );
    expect(r.out).toContain('Ganeti RAPI password (or set GANETI_PASSWORD)');
    expect(r.out).not.toContain(secret);
    // The answers were used: the pre-flight went to the endpoint typed in (nothing listens there).
    expect(r.out).toContain(`RAPI at https://127.0.0.1:${closedPort} reachable over TLS`);
    expect(r.code).toBe(1);
  });
});
