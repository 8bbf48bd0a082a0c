// Pre-flight identity checks of the public clouds: where the cloud's own CLI is installed, ask it who
// the credentials belong to (each call bounded to 10 s); otherwise say plainly that only the presence
// of credentials was checked.
import type { CheckResult } from '../preflight/types.ts';
import { askCloudCli, CLOUD_CLI_TIMEOUT_MS } from '../tools/cloud-cli.ts';
import { fail, pass, skip } from './shared.ts';

type Cloud = 'aws' | 'azure' | 'gcp';

interface Probe {
  tool: 'aws' | 'az' | 'gcloud';
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Who answered, from the CLI's output (never the output itself: gcloud prints a token). */
  who: (stdout: string) => string;
}

const TITLE: Record<Cloud, string> = {
  aws: 'AWS identity',
  azure: 'Azure identity',
  gcp: 'GCP identity',
};

function field(stdout: string, pick: (j: Record<string, unknown>) => unknown): string {
  try {
    const v = pick(JSON.parse(stdout) as Record<string, unknown>);
    return typeof v === 'string' && v ? v : 'identity confirmed';
  } catch {
    return 'identity confirmed';
  }
}

/** aws sts get-caller-identity, with the profile unless keys come from the environment. */
export function awsProbe(profile: string, env: NodeJS.ProcessEnv): Probe {
  const useProfile = !env.AWS_ACCESS_KEY_ID && profile !== 'default';
  return {
    tool: 'aws',
    args: ['sts', 'get-caller-identity', '--output', 'json', ...(useProfile ? ['--profile', profile] : [])],
    env,
    who: (out) => field(out, (j) => j.Arn),
  };
}

/** az account show: the az CLI login (service principals from files or ARM_* are not logged in to az). */
export function azureProbe(env: NodeJS.ProcessEnv): Probe {
  return {
    tool: 'az',
    args: ['account', 'show', '--output', 'json'],
    env,
    who: (out) => field(out, (j) => (j.user as { name?: string } | undefined)?.name),
  };
}

/** gcloud auth application-default print-access-token for the credentials file terraform will use. */
export function gcpProbe(credentialsFile: string, env: NodeJS.ProcessEnv): Probe {
  return {
    tool: 'gcloud',
    args: ['auth', 'application-default', 'print-access-token'],
    env: { ...env, GOOGLE_APPLICATION_CREDENTIALS: credentialsFile },
    who: () => `credentials in ${credentialsFile} accepted`,
  };
}

/** The identity line of `cloud`: verified with its CLI, refused, or presence only. */
export async function identityCheck(
  cloud: Cloud,
  probe: Probe | null,
  why = '',
  timeoutMs = CLOUD_CLI_TIMEOUT_MS,
): Promise<CheckResult> {
  const id = `${cloud}.identity`;
  const title = TITLE[cloud];
  const command = probe ? `${probe.tool} ${probe.args.join(' ')}` : '';
  if (!probe) return skip(id, title, `only the presence of credentials was checked (${why})`);
  const answer = await askCloudCli(probe.tool, probe.args, probe.env, timeoutMs);
  switch (answer.kind) {
    case 'missing':
      return skip(
        id,
        title,
        `only the presence of credentials was checked (${probe.tool} CLI not installed, so they were not verified)`,
      );
    case 'ok':
      return pass(id, title, `${probe.who(answer.stdout)} (verified with ${command})`);
    case 'refused':
      return fail(
        id,
        title,
        `${command} refused the credentials: ${answer.message}`,
        `${command}   # try it yourself`,
      );
    case 'timeout':
      return {
        id,
        title,
        status: 'warn',
        detail: `${command} did not answer within ${timeoutMs / 1000} s; only the presence of credentials was checked`,
      };
  }
}
