// Hostile and damaged inputs, as a user meets them: a deployment directory changed by hand (or by an
// attacker), damaged locks, an import archive that export never wrote. Each case runs the real CLI
// (stand-in terraform/ssh/ansible from tests/fixtures/bin, the real ssh where injection matters) on a
// copy of one deployed directory and is classified the way the issue counts them: rejected cleanly
// (one `error:` line, no stack), accepted, unclear, or wrote outside the directory.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, sealArchive } from '../../../src/archive/sealed-archive.ts';
import { type CliResult, runCli } from '../../helpers/run-cli.ts';

const bin = resolve('tests/fixtures/bin');
const work = mkdtempSync(join(tmpdir(), 'exa18-hostile-'));
const golden = join(work, 'golden');
/** Nothing may ever appear here: every case's payload aims at it. */
const outside = join(work, 'outside');
const PASS = 'Hostile-Export-Passphrase-18';
const env = {
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  EXASOL_SSH_RETRY_MS: '20',
  EXASOL_SSH_WAIT_MS: '200',
  EXASOL_RETRY_DELAY_MS: '10',
  EXASOL_DB_PASSWORD: 'DbSecret-18-hostile',
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
  AWS_SECRET_ACCESS_KEY: 'AwsSecretKey-18-hostile',
  EXASOL_EXPORT_PASSPHRASE: PASS,
};

type Outcome = 'rejected cleanly' | 'accepted' | 'unclear' | 'wrote outside';
interface Case {
  name: string;
  /** Changes a fresh copy of the deployed directory; returns extra argv (an archive path, …). */
  // biome-ignore lint/suspicious/noConfusingVoidType: most plants only change files and return nothing
  plant: (dir: string) => void | string[] | Promise<void | string[]>;
  /** The command, without --deployment-dir. */
  cmd: (dir: string, extra: string[]) => string[];
  expected: Outcome;
  env?: Record<string, string>;
  /** What the user must see, and what must be true afterwards. */
  check?: (r: CliResult, dir: string) => void;
}

// One-line messages, and the progress lines of the steps (timestamped when not on a terminal).
const ONE_LINE = /^((error|hint|warn|info): |\d{4}-\d\d-\d\dT[\d:.]+Z […✔✖] )[^\n]*$/;
function classify(r: CliResult): Outcome {
  if (readdirSync(outside).length > 0) return 'wrote outside';
  if (r.code === 0) return 'accepted';
  const lines = r.stderr.trimEnd().split('\n');
  const errors = lines.filter((l) => l.startsWith('error: '));
  return errors.length === 1 && lines.every((l) => ONE_LINE.test(l)) ? 'rejected cleanly' : 'unclear';
}

const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, '.exasol.json'), 'utf8'));
const editState = (dir: string, change: (s: Record<string, unknown>) => void) => {
  const s = stateOf(dir);
  change(s);
  writeFileSync(join(dir, '.exasol.json'), JSON.stringify(s));
};
const editNode = (dir: string, change: Record<string, unknown>) =>
  editState(dir, (s) => {
    (s.nodes as Record<string, unknown>[])[0] = { ...(s.nodes as Record<string, unknown>[])[0], ...change };
  });
const editTfvars = (dir: string, change: Record<string, unknown>) => {
  const path = join(dir, 'terraform.tfvars.json');
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), ...change }));
};
const status = (dir: string) => ['status', '--deployment-dir', dir];
const stop = (dir: string) => ['stop', '--deployment-dir', dir];
const errorLine = (re: RegExp) => (r: CliResult) => expect(r.stderr).toMatch(re);

/** The golden export, re-sealed with `change` applied to its entries. */
async function archiveWith(
  name: string,
  change: (entries: Awaited<ReturnType<typeof openArchive>>) => Awaited<ReturnType<typeof openArchive>>,
): Promise<string[]> {
  const file = join(work, `${name}.exasol`);
  const entries = await openArchive(readFileSync(join(work, 'golden.exasol')), PASS, 'golden');
  writeFileSync(file, await sealArchive(change(entries), PASS));
  return [file];
}
const importInto = (dir: string, [file]: string[]) => [
  'import',
  file ?? '',
  '--deployment-dir',
  `${dir}-imported`,
];
const extraEntry = (path: string) => (e: Awaited<ReturnType<typeof openArchive>>) => [
  ...e,
  { path, mode: 0o600, data: Buffer.from('x') },
];

const cases: Case[] = [
  // --- commands and files outside the directory (security)
  {
    name: 'node name -oProxyCommand=… (health, real ssh)',
    plant: (d) => editNode(d, { name: `-oProxyCommand=touch ${join(outside, 'pwned')}` }),
    cmd: (d) => ['health', '--deployment-dir', d, '--timeout', '2s'],
    env: { EXASOL_SSH: '/usr/bin/ssh' },
    expected: 'rejected cleanly',
    check: errorLine(/nodes\[0\] name -oProxyCommand=touch \S+ is not a host name/),
  },
  {
    name: 'node name with ; touch (info prints a pasteable command)',
    plant: (d) => editNode(d, { name: `n11;touch ${join(outside, 'pwned')}` }),
    cmd: (d) => ['info', '--deployment-dir', d],
    expected: 'rejected cleanly',
  },
  {
    name: 'node name with a terminal escape (clears the screen, forges a line)',
    plant: (d) => editNode(d, { name: 'n11\u001b[2J\u001b[Hdatabase_ready' }),
    cmd: status,
    expected: 'rejected cleanly',
    check: (r) => expect(r.stderr + r.stdout).not.toContain('\u001b'),
  },
  {
    name: 'node address $( ) and newline',
    plant: (d) => editNode(d, { publicIp: '$(touch /tmp/x)\n  ProxyCommand x' }),
    cmd: status,
    expected: 'rejected cleanly',
  },
  {
    name: 'ssh user with an option (-oProxyCommand)',
    plant: (d) => editState(d, (s) => Object.assign(s, { sshUser: 'root -oProxyCommand=x' })),
    cmd: status,
    expected: 'rejected cleanly',
  },
  {
    name: 'engine.binary a relative command name',
    plant: (d) =>
      editState(d, (s) => Object.assign(s, { engine: { binary: 'sh', name: 'terraform', version: '1' } })),
    cmd: stop,
    expected: 'rejected cleanly',
  },
  {
    name: 'logs/ a symbolic link to a folder outside',
    plant: (d) => {
      rmSync(join(d, 'logs'), { recursive: true, force: true });
      symlinkSync(outside, join(d, 'logs'));
    },
    cmd: stop,
    expected: 'rejected cleanly',
    check: errorLine(/logs is a symbolic link; exasol writes only inside the deployment directory/),
  },
  {
    name: 'ssh/ a symbolic link to a folder outside (deploy rewrites ssh_config)',
    plant: (d) => {
      rmSync(join(d, 'ssh'), { recursive: true, force: true });
      symlinkSync(outside, join(d, 'ssh'));
    },
    cmd: (d) => ['deploy', '--deployment-dir', d],
    expected: 'rejected cleanly',
  },
  // --- damaged state and tfvars
  ...(
    [
      ['clusterSize -7', (s: Record<string, unknown>) => Object.assign(s, { clusterSize: -7 })],
      ['clusterSize "2"', (s: Record<string, unknown>) => Object.assign(s, { clusterSize: '2' })],
      ['nodes [1, null, "x"]', (s: Record<string, unknown>) => Object.assign(s, { nodes: [1, null, 'x'] })],
      ['backend kind ftp', (s: Record<string, unknown>) => Object.assign(s, { backend: { kind: 'ftp' } })],
      ['architecture sparc', (s: Record<string, unknown>) => Object.assign(s, { architecture: 'sparc' })],
      [
        'deploymentId with a newline',
        (s: Record<string, unknown>) => Object.assign(s, { deploymentId: 'exa-x\nid' }),
      ],
    ] as const
  ).map(
    ([what, change]): Case => ({
      name: `state ${what}`,
      plant: (d) => editState(d, change),
      cmd: status,
      expected: 'rejected cleanly',
      check: errorLine(
        /^error: \S+\.exasol\.json: .*; restore the file from a backup or an export \[E_STATE_CORRUPT\]$/m,
      ),
    }),
  ),
  {
    name: 'state is a directory (EISDIR)',
    plant: (d) => {
      rmSync(join(d, '.exasol.json'));
      mkdirSync(join(d, '.exasol.json'));
    },
    cmd: status,
    expected: 'rejected cleanly',
    check: errorLine(/\.exasol\.json is a directory where exasol expects a file \(EISDIR\)/),
  },
  {
    name: 'tfvars node_count 50 on a 2-node deployment',
    plant: (d) => editTfvars(d, { node_count: 50 }),
    cmd: stop,
    expected: 'rejected cleanly',
    check: errorLine(/node_count 50 disagrees with the state's clusterSize 2/),
  },
  {
    name: 'tfvars owner with a terraform template (file("/etc/passwd"))',
    plant: (d) => editTfvars(d, { owner: `${'$'}{file("/etc/passwd")}` }),
    cmd: stop,
    expected: 'rejected cleanly',
    check: errorLine(/owner '\$\{file\(\\"\/etc\/passwd\\"\)\}' may contain only/),
  },
  {
    name: 'tfvars allowed_cidr not a CIDR',
    plant: (d) => editTfvars(d, { allowed_cidr: '0.0.0.0/0"\n}' }),
    cmd: stop,
    expected: 'rejected cleanly',
  },
  {
    name: 'tfvars deployment_id of another deployment',
    plant: (d) => editTfvars(d, { deployment_id: 'exa-other1' }),
    cmd: stop,
    expected: 'rejected cleanly',
  },
  // --- damaged locks: said, then cleared like a stale lock; the command goes on
  ...(
    [
      ['empty (ENOSPC)', (p: string) => writeFileSync(p, '')],
      ['garbage', (p: string) => writeFileSync(p, '\u0000garbage')],
      ['a symbolic link', (p: string) => symlinkSync('/etc/hostname', p)],
    ] as const
  ).map(
    ([what, plant]): Case => ({
      name: `lock file ${what}`,
      plant: (d) => plant(join(d, '.exasol.lock')),
      cmd: stop,
      expected: 'accepted',
      check: (r, d) => {
        expect(r.stderr).toMatch(/warn: cleared a damaged lock file \(.*\) at .*: no operation can hold it/);
        expect(stateOf(d).status).toBe('stopped');
      },
    }),
  ),
  {
    name: 'lock a non-empty directory',
    plant: (d) => {
      mkdirSync(join(d, '.exasol.lock'));
      writeFileSync(join(d, '.exasol.lock', 'keep'), 'x');
    },
    cmd: stop,
    expected: 'rejected cleanly',
  },
  // --- modes: repaired with one warning each
  {
    name: 'secrets.json 0644 and the directory 0755',
    plant: (d) => {
      chmodSync(join(d, 'secrets.json'), 0o644);
      chmodSync(d, 0o755);
    },
    cmd: status,
    expected: 'accepted',
    check: (r, d) => {
      expect(r.stderr).toContain(`warn: ${d} was 0755; changed it to 0700 (it holds secrets)`);
      expect(r.stderr).toContain(`warn: ${join(d, 'secrets.json')} was 0644; changed it to 0600`);
      expect(statSync(join(d, 'secrets.json')).mode & 0o777).toBe(0o600);
      expect(statSync(d).mode & 0o777).toBe(0o700);
    },
  },
  // --- export
  {
    name: 'export --force onto a FIFO',
    plant: () => {
      const fifo = join(work, `fifo-${Date.now()}`);
      execFileSync('mkfifo', [fifo]);
      return [fifo];
    },
    cmd: (d, [fifo]) => ['export', '--deployment-dir', d, '--output', fifo ?? '', '--force'],
    expected: 'rejected cleanly',
    check: errorLine(/--output: .* is not a regular file/),
  },
  ...(process.getuid?.() === 0
    ? [
        {
          name: 'export --force onto a character device (like /dev/full)',
          plant: () => {
            const dev = join(work, `full-${Date.now()}`);
            execFileSync('mknod', [dev, 'c', '1', '7']);
            return [dev];
          },
          cmd: (d: string, [dev]: string[]) => [
            'export',
            '--deployment-dir',
            d,
            '--output',
            dev ?? '',
            '--force',
          ],
          expected: 'rejected cleanly' as const,
          check: (r: CliResult) => {
            const dev = /--output: (\S+) is not a regular file/.exec(r.stderr)?.[1] ?? '';
            expect(lstatSync(dev).isCharacterDevice()).toBe(true);
          },
        },
      ]
    : []),
  ...(
    [
      ['missing', (k: string) => rmSync(k)],
      [
        'a symbolic link',
        (k: string) => {
          rmSync(k);
          symlinkSync('/etc/hostname', k);
        },
      ],
    ] as const
  ).map(
    ([what, plant]): Case => ({
      name: `export with ssh/id_ed25519 ${what}`,
      plant: (d) => plant(join(d, 'ssh', 'id_ed25519')),
      cmd: (d) => ['export', '--deployment-dir', d, '--output', `${d}.exasol`],
      expected: 'rejected cleanly',
      check: (r, d) => {
        expect(r.stderr).toMatch(
          /id_ed25519 is (missing|not a regular file): an export without the SSH private key/,
        );
        expect(existsSync(`${d}.exasol`)).toBe(false);
      },
    }),
  ),
  // --- import
  ...['.exasol.lock', '.terraform/providers/x', 'logs', 'logs/deploy.log', '.exasol.tfplan'].map(
    (path): Case => ({
      name: `import of an archive holding ${path}`,
      plant: async (d) => {
        rmSync(join(d, 'logs'), { recursive: true, force: true });
        return archiveWith(`extra-${path.replace(/\W/g, '_')}`, (e) =>
          extraEntry(path)(e.filter((x) => !x.path.startsWith('logs'))),
        );
      },
      cmd: importInto,
      expected: 'rejected cleanly',
      check: (r, d) => {
        expect(r.stderr).toMatch(/which exasol export never writes; nothing was imported|unsafe path/);
        expect(existsSync(`${d}-imported`)).toBe(false);
      },
    }),
  ),
  {
    name: 'import of an entry name with a newline',
    plant: () => archiveWith('newline', extraEntry('a\nb')),
    cmd: importInto,
    expected: 'rejected cleanly',
    check: errorLine(/contains the unsafe path "a\\nb"/),
  },
  {
    name: 'import of an entry name longer than the file system allows (ENAMETOOLONG)',
    plant: () => archiveWith('long', extraEntry('x'.repeat(300))),
    cmd: importInto,
    expected: 'rejected cleanly',
    check: errorLine(/has a name too long for the file system \(ENAMETOOLONG\)/),
  },
  {
    name: 'import of an engine.binary pointing at another program (/bin/sh)',
    plant: () =>
      archiveWith('engine', (e) =>
        e.map((x) =>
          x.path === '.exasol.json'
            ? {
                ...x,
                data: Buffer.from(
                  JSON.stringify({
                    ...JSON.parse(String(x.data)),
                    engine: { binary: '/bin/sh', name: 'terraform', version: '1.11.0' },
                  }),
                ),
              }
            : x,
        ),
      ),
    cmd: importInto,
    expected: 'accepted',
    check: (_r, d) => expect(stateOf(`${d}-imported`).engine.binary).toBe(join(bin, 'terraform')),
  },
  {
    name: 'import /dev/zero (never ends)',
    plant: () => ['/dev/zero'],
    cmd: importInto,
    expected: 'rejected cleanly',
    check: errorLine(/^error: \/dev\/zero is too large: it has more than 64 MiB/m),
  },
  {
    name: 'import with the scrypt cost raised in the header (log2N 20, p 16)',
    plant: () => {
      const bytes = Buffer.from(readFileSync(join(work, 'golden.exasol')));
      bytes.writeUInt8(20, 11);
      bytes.writeUInt32BE(16, 16);
      const file = join(work, 'costly.exasol');
      writeFileSync(file, bytes);
      return [file];
    },
    cmd: importInto,
    expected: 'rejected cleanly',
    check: errorLine(/cannot decrypt .*costly\.exasol/),
  },
  {
    name: 'import into a symbolic link to an empty directory',
    plant: (d) => {
      mkdirSync(`${d}-empty`);
      symlinkSync(`${d}-empty`, `${d}-link`);
      return [join(work, 'golden.exasol')];
    },
    cmd: (d, [file]) => ['import', file ?? '', '--deployment-dir', `${d}-link`],
    expected: 'rejected cleanly',
    check: (r, d) => {
      expect(r.stderr).toContain(
        `error: --deployment-dir: ${d}-link is a symbolic link (accepted: a new or empty directory; pass the real path ${d}-empty)`,
      );
      expect(readdirSync(`${d}-empty`)).toEqual([]);
    },
  },
  {
    name: 'a deployment directory whose path has a space (health through the real ssh_config)',
    plant: () => [],
    cmd: (d) => {
      const spaced = `${d} with space`;
      cpSync(d, spaced, { recursive: true, verbatimSymlinks: true });
      return ['deploy', '--deployment-dir', spaced];
    },
    expected: 'accepted',
    check: (_r, d) => {
      const cfg = join(`${d} with space`, 'ssh_config');
      const resolved = execFileSync('ssh', ['-G', '-F', cfg, 'n11'], { encoding: 'utf8' });
      expect(resolved).toContain(`userknownhostsfile ${d} with space/ssh/known_hosts\n`);
    },
  },
  {
    name: 'import from a directory (EISDIR)',
    plant: () => [outside],
    cmd: importInto,
    expected: 'rejected cleanly',
  },
];

const results: Array<{ name: string; outcome: Outcome }> = [];

beforeAll(async () => {
  mkdirSync(outside);
  const init = await runCli(
    [
      'init',
      '--cloud-provider',
      'aws',
      '--allowed-cidr',
      '10.0.0.0/8',
      '--cluster-size',
      '2',
      '--terraform-binary',
      join(bin, 'terraform'),
      '--deployment-dir',
      golden,
    ],
    env,
  );
  expect(init.code, init.stderr).toBe(0);
  const deploy = await runCli(['deploy', '--deployment-dir', golden], env);
  expect(deploy.code, deploy.stderr).toBe(0);
  const exported = await runCli(
    ['export', '--deployment-dir', golden, '--output', join(work, 'golden.exasol')],
    env,
  );
  expect(exported.code, exported.stderr).toBe(0);
});

afterAll(() => {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  // The figures the issue asks for, printed with the run.
  process.stdout.write(
    `hostile inputs: ${results.length} tried / ${count('rejected cleanly')} rejected cleanly / ${count('accepted')} accepted (as intended) / ${count('unclear')} unclear / ${count('wrote outside')} wrote outside\n`,
  );
  rmSync(work, { recursive: true, force: true });
});

describe('hostile and damaged inputs', () => {
  it.each(cases.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = cases[i] as Case;
    const dir = join(work, `case-${i}`);
    cpSync(golden, dir, { recursive: true, verbatimSymlinks: true });
    const extra = (await c.plant(dir)) ?? [];
    const r = await runCli(c.cmd(dir, extra), { ...env, ...c.env });
    const outcome = classify(r);
    results.push({ name: c.name, outcome });
    expect(outcome, `stderr:\n${r.stderr}`).toBe(c.expected);
    expect(readdirSync(outside)).toEqual([]);
    c.check?.(r, dir);
  });
});
