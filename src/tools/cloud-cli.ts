// The clouds' own CLIs (aws, az, gcloud), used only to ask "who am I" at pre-flight. Every call is
// bounded to CLOUD_CLI_TIMEOUT_MS and its output is never logged (gcloud prints an access token).
import { which } from './engine.ts';
import { run } from './run.ts';

export const CLOUD_CLI_TIMEOUT_MS = 10_000;

/** Outcome of one identity call. */
export type CloudCliAnswer =
  | { kind: 'missing' }
  | { kind: 'ok'; stdout: string }
  | { kind: 'refused'; message: string }
  | { kind: 'timeout' };

/** Runs `tool args` with `env` when the tool is on env's PATH; never throws. */
export async function askCloudCli(
  tool: 'aws' | 'az' | 'gcloud',
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = CLOUD_CLI_TIMEOUT_MS,
): Promise<CloudCliAnswer> {
  const binary = await which(tool, env.PATH ?? '');
  if (!binary) return { kind: 'missing' };
  try {
    const r = await run(binary, args, { env, timeoutMs, reject: false });
    if (r.timedOut) return { kind: 'timeout' };
    if (r.exitCode === 0) return { kind: 'ok', stdout: r.stdout };
    const last = r.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${r.exitCode}`;
    return { kind: 'refused', message: last.slice(0, 300) };
  } catch {
    return { kind: 'timeout' };
  }
}
