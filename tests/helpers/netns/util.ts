// Small process and network helpers for the namespace test hosts.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NetnsHost } from '../netns-hosts.ts';

const exec = promisify(execFile);

/** Runs a command and returns its stdout; rejects with its stderr on failure. */
export async function sh(file: string, args: string[]): Promise<string> {
  return (await exec(file, args)).stdout;
}

/** Picks a 10.213.x.0/24 not in use on this machine (the test network never leaves it). */
export async function freeSubnet(): Promise<string> {
  const used = await sh('ip', ['-4', '-o', 'addr']);
  for (let i = 0; i < 50; i++) {
    const net = `10.213.${150 + Math.floor(Math.random() * 100)}`;
    if (!used.includes(`${net}.`)) return net;
  }
  throw new Error('no free 10.213.x.0/24 test subnet');
}

/** Resolves once something accepts TCP connections on host:port. */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect({ host, port }, () => {
        s.end();
        res(true);
      });
      s.on('error', () => res(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`sshd on ${host}:${port} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends SIGKILL to each pid that still exists. */
export function killAll(pids: readonly number[]): void {
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs a command inside a host's namespaces (network, mount, UTS, its root) as root. */
export async function inHost(host: NetnsHost, cmd: string[]): Promise<string> {
  return sh('nsenter', ['-t', String(host.pid), '-n', '-m', '-u', '-r', '-w', '--', ...cmd]);
}

/** Reads a file from a host's file system. */
export async function readHostFile(host: NetnsHost, path: string): Promise<string> {
  return readFile(join(host.root, path), 'utf8');
}
