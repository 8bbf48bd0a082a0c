// Real terraform driving the bundled provider (from a filesystem mirror) against the real Ganeti cluster:
// one working root per suite, a directory per scenario, and a RAPI client to look behind terraform's back.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { RapiClient, waitForJob } from '../../src/ganeti/index.ts';
import { installProviderMirror, PROVIDER_SOURCE } from '../../src/tf-provider/install.ts';
import { serverFingerprint, startTerraform, type TfResult, terraformEnv } from './terraform-run.ts';
import { buildProvider } from './tf-provider-build.ts';

/** A terraform + Ganeti session of one suite; create it in beforeAll. */
export interface TfGaneti {
  root: string;
  env: NodeJS.ProcessEnv;
  fingerprint: string;
  rapi: RapiClient;
  /** terraform/required_providers and a provider block pinning the cluster's certificate. */
  header(providerBody?: string): string;
  /** A fresh directory `name` holding main.tf = header + hcl. */
  workdir(name: string, hcl: string, providerBody?: string): Promise<string>;
  /** Rewrites main.tf of a directory. */
  rewrite(dir: string, hcl: string, providerBody?: string): Promise<void>;
  tf(dir: string, ...args: string[]): Promise<TfResult>;
  /** terraform that must exit 0 (its output in the failure message). */
  ok(dir: string, ...args: string[]): Promise<TfResult>;
  /** Sorted names of instances starting with prefix. */
  instancesWith(prefix: string): Promise<string[]>;
  /** Deletes instances starting with prefix (cleanup). */
  removeWith(prefix: string): Promise<void>;
  close(): Promise<void>;
}

/** Builds the provider, installs it into a mirror and connects a RAPI client (GANETI_* env). */
export async function startTfGaneti(extraEnv: NodeJS.ProcessEnv = {}): Promise<TfGaneti> {
  await buildProvider();
  const root = await mkdtemp(join(tmpdir(), 'tfp-'));
  const { cliConfigPath } = await installProviderMirror(root, '0.1.0');
  const env = terraformEnv(cliConfigPath, extraEnv);
  const endpoint = process.env.GANETI_ENDPOINT ?? '';
  const fingerprint = await serverFingerprint(endpoint);
  const rapi = new RapiClient({
    endpoint,
    username: process.env.GANETI_USERNAME ?? '',
    password: process.env.GANETI_PASSWORD ?? '',
    tls: { mode: 'fingerprint', sha256: fingerprint },
  });
  const header = (providerBody = `  ca_fingerprint = "sha256:${fingerprint}"\n`) => `terraform {
  required_providers {
    ganeti = { source = "${PROVIDER_SOURCE}", version = "0.1.0" }
  }
}
provider "ganeti" {
${providerBody}}
`;
  const rewrite = (dir: string, hcl: string, providerBody?: string) =>
    writeFile(join(dir, 'main.tf'), header(providerBody) + hcl);
  const tf = (dir: string, ...args: string[]) => startTerraform(dir, args, env).done;
  const instancesWith = async (prefix: string) =>
    (await rapi.instances())
      .map((i) => i.name)
      .filter((n) => n.startsWith(prefix))
      .sort();
  return {
    root,
    env,
    fingerprint,
    rapi,
    header,
    rewrite,
    tf,
    instancesWith,
    async workdir(name, hcl, providerBody) {
      const dir = join(root, name);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await rewrite(dir, hcl, providerBody);
      return dir;
    },
    async ok(dir, ...args) {
      const res = await tf(dir, ...args);
      expect(res.code, `terraform ${args.join(' ')}\n${res.stdout}\n${res.stderr}`).toBe(0);
      return res;
    },
    async removeWith(prefix) {
      for (const name of await instancesWith(prefix).catch(() => [])) {
        await waitForJob(rapi, await rapi.deleteInstance(name)).catch(() => undefined);
      }
    },
    async close() {
      await rm(root, { recursive: true, force: true });
    },
  };
}
