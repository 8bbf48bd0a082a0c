// ssh through the deployment's ssh_config: reachability probes, remote checks, bounded parallel waits.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FILES } from '../deployment/layout.ts';
import { NODE_NAME } from '../deployment/rules.ts';
import { ExasolError } from '../errors.ts';
import { printable } from '../options/parsers.ts';
import { run } from './run.ts';

/** Where and how to reach the nodes. */
export interface SshTarget {
  dir: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  logFile?: string;
}

/** The argv of `ssh HOST COMMAND` with the deployment's ssh_config (exported for tests). */
export function sshArgs(dir: string, host: string, command: string, connectTimeoutS = 5): string[] {
  if (!NODE_NAME.test(host))
    throw new ExasolError('E_BAD_HOST', `refusing to ssh to ${printable(host)}: not a node name`);
  return [
    '-F',
    join(dir, FILES.sshConfig),
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${connectTimeoutS}`,
    '-n',
    '-T',
    // A host can never be read as an option (-oProxyCommand=…), whatever the state file says.
    '--',
    host,
    command,
  ];
}

/** Runs `command` on `host`; resolves with exit code and output, never throws on a non-zero exit. */
export async function sshExec(
  t: SshTarget,
  host: string,
  command: string,
): Promise<{ ok: boolean; exitCode: number; output: string }> {
  const timeoutMs = t.timeoutMs ?? 15_000;
  const r = await run((t.env ?? process.env).EXASOL_SSH ?? 'ssh', sshArgs(t.dir, host, command), {
    timeoutMs,
    reject: false,
    ...(t.signal ? { signal: t.signal } : {}),
    ...(t.logFile ? { logFile: t.logFile } : {}),
  });
  return { ok: r.exitCode === 0, exitCode: r.exitCode, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Waits until every host answers `true` over SSH (parallel, bounded); throws listing the ones that never did. */
export async function waitForSsh(
  t: SshTarget,
  hosts: readonly string[],
  opts: { deadlineMs: number; retryMs?: number; concurrency?: number; onWaiting?: (left: string[]) => void },
): Promise<void> {
  const end = Date.now() + opts.deadlineMs;
  const pending = new Set(hosts);
  while (pending.size > 0) {
    const results = await mapLimit([...pending], opts.concurrency ?? 8, async (h) => ({
      h,
      ok: (await sshExec(t, h, 'true')).ok,
    }));
    for (const r of results) if (r.ok) pending.delete(r.h);
    if (pending.size === 0) return;
    t.signal?.throwIfAborted();
    opts.onWaiting?.([...pending]);
    if (Date.now() >= end) {
      throw new ExasolError('E_SSH_TIMEOUT', `SSH did not answer on ${[...pending].join(', ')}`, {
        hint: `check the nodes' network and firewall; try: ssh -F ${join(t.dir, FILES.sshConfig)} ${[...pending][0]}`,
      });
    }
    await sleep(opts.retryMs ?? 5000, undefined, t.signal ? { signal: t.signal } : undefined);
  }
}
