// Runs the real init action for a cloud provider into a temp dir, with a fake HOME holding credentials.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { init } from '../../src/actions/init.ts';
import type { IoHost, LogLevel } from '../../src/io/io-host.ts';
import type { FlagValues } from '../../src/options/flag-spec.ts';
import type { ProviderId } from '../../src/providers/types.ts';
import { FIXTURE_BIN } from './orchestration.ts';

// Every temp dir of a test file lives below one root, removed after the file's tests.
const root = mkdtempSync(join(tmpdir(), 'exasol-clouds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh temp dir below this worker's root. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(root, prefix));
}

/** The three public clouds of this suite. */
export const CLOUDS = ['aws', 'azure', 'gcp'] as const;
/** One of the public clouds. */
export type Cloud = (typeof CLOUDS)[number];

/** An IoHost that records log lines and never asks. */
export function stubIo(): IoHost & { lines: Array<[LogLevel, string]> } {
  const lines: Array<[LogLevel, string]> = [];
  return {
    lines,
    interactive: false,
    assumeYes: true,
    log: (level, message) => void lines.push([level, message]),
    data: (text) => void lines.push(['info', text]),
    ask: async (q) => {
      throw new Error(`unexpected question ${q.flag}`);
    },
    confirm: async (_m, fallback) => fallback,
    progress: () => ({ update() {}, succeed() {}, fail() {} }),
  };
}

/** Writes a file (and its folders) below `root`; returns its path. */
export function put(root: string, rel: string, text: string): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** A service-account key that passes the GCP pre-flight (the private key is a placeholder). */
export const GCP_KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'exasol-test-project',
  client_email: 'deployer@exasol-test-project.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nplaceholder\n-----END PRIVATE KEY-----\n',
});

/** A fake HOME with credentials every cloud's pre-flight accepts, plus the matching env and flags. */
export function fakeCloudHome(): { home: string; env: NodeJS.ProcessEnv; flags: Record<Cloud, FlagValues> } {
  const home = tempDir('home-');
  put(home, '.aws/credentials', '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
  const sp = put(
    home,
    'sp.json',
    JSON.stringify({ appId: 'app-id', password: 'sp-secret', tenant: 'tenant-id' }),
  );
  const key = put(home, 'gcp-key.json', GCP_KEY);
  return {
    home,
    // The stand-in aws/az/gcloud come first: a test never asks a real cloud CLI (or the network).
    env: { HOME: home, PATH: `${FIXTURE_BIN}:${process.env.PATH ?? ''}` },
    flags: {
      aws: { 'aws-region': 'eu-west-1' },
      azure: {
        'azure-credentials-file': sp,
        'azure-subscription': '00000000-1111-2222-3333-444444444444',
      },
      gcp: { 'gcp-credentials-file': key },
    },
  };
}

/** One init run: the deployment directory and its terraform.tfvars.json. */
export interface CloudInit {
  dir: string;
  tfvars: Record<string, unknown>;
}

/** Runs init for `provider` with `values` (plus --terraform-binary) into a fresh temp dir. */
export async function runCloudInit(
  provider: ProviderId,
  values: FlagValues,
  env: NodeJS.ProcessEnv,
): Promise<CloudInit> {
  const dir = join(tempDir(`${provider}-`), 'deployment');
  await init(
    {
      deploymentDir: dir,
      provider,
      values: { 'terraform-binary': '/usr/local/bin/terraform', ...values },
      env,
    },
    stubIo(),
  );
  const tfvars = JSON.parse(readFileSync(join(dir, 'terraform.tfvars.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return { dir, tfvars };
}
