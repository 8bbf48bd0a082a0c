// Runs the built CLI as a child process with a timeout (SIGTERM, then SIGKILL 10 s later).
import { spawn } from 'node:child_process';
import type { Exec } from './steps.ts';

/**
 * An Exec that runs `command ...prefix ...args` with `env`; output is captured, stderr also echoed when
 * `echo`. When `interrupt` aborts while a step runs, its reason (a signal name) is sent to that child.
 */
export function processExec(
  command: string,
  prefix: string[],
  env: NodeJS.ProcessEnv,
  echo: boolean,
  interrupt?: AbortSignal,
): Exec {
  return (args, timeoutMs) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(command, [...prefix, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
        if (echo) process.stderr.write(c.replace(/^(?=.)/gm, '    | '));
      });
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }, timeoutMs);
      const forward = () => child.kill((interrupt?.reason as NodeJS.Signals | undefined) ?? 'SIGINT');
      interrupt?.addEventListener('abort', forward, { once: true });
      child.on('error', (err) => {
        stderr += String(err);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        interrupt?.removeEventListener('abort', forward);
        const exit = code ?? (signal === 'SIGINT' ? 130 : 1);
        resolve({ code: exit, stdout, stderr, durationMs: Date.now() - started, timedOut });
      });
    });
}
