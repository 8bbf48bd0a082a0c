// The whole flow against a real Ganeti cluster with real terraform and the project's own provider:
// init → deploy --infra-only (SIGINT mid-apply first, then a re-run converges) → status --json with
// pool IPs → stop/start change the instances in RAPI → destroy --yes leaves no tagged instance.
// Needs GANETI_ENDPOINT/USERNAME/PASSWORD and dist/terraform-provider-ganeti.js (npm run build with
// the tf-provider branch merged); TERRAFORM_BINARY overrides /usr/local/bin/terraform.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { ganetiConnection, ganetiInitArgs, skipGaneti } from '../../helpers/ganeti-env.ts';
import {
  cli,
  cliEnv,
  ensureBuilt,
  readState,
  spawnCli,
  tempDir,
  until,
} from '../../helpers/orchestration.ts';

const skip = skipGaneti;
const terraform = process.env.TERRAFORM_BINARY ?? '/usr/local/bin/terraform';
// The sandbox lists its templates in GANETI_DISK_TEMPLATES (diskless,file); diskless is the fastest.
const diskTemplate = process.env.GANETI_DISK_TEMPLATE ?? process.env.GANETI_DISK_TEMPLATES?.split(',')[0];

let dir: string;
let env: NodeJS.ProcessEnv;
let client: RapiClient;
const tagged = async (id: string) => client.instancesByTag(`exasol-deployment:${id}`);

describe.skipIf(skip)('ganeti: real terraform + real RAPI', () => {
  beforeAll(async () => {
    ensureBuilt();
    const work = await tempDir('exasol-ganeti-flow-');
    env = cliEnv(work, { EXASOL_SSH_WAIT_MS: '1000' });
    delete env.FAKE_TF_RECORD;
    client = new RapiClient(ganetiConnection());
    dir = join(work, 'dep');
    const r = await cli(
      ganetiInitArgs(
        dir,
        terraform,
        '--cluster-size',
        '2',
        ...(diskTemplate ? ['--ganeti-disk-template', diskTemplate] : []),
      ),
      env,
    );
    if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  });

  afterAll(async () => {
    if (dir && readState(dir).status !== 'destroyed')
      await cli(['destroy', '--yes', '--deployment-dir', dir], env);
  });

  it('SIGINT during apply → deployment_interrupted, exit 130; deploy --infra-only again converges', async () => {
    const run = spawnCli(['deploy', '--infra-only', '--deployment-dir', dir], env);
    let stderr = '';
    run.child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await until(() => /terraform apply: creating/.test(stderr), 240_000, 'apply to create an instance');
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(readState(dir).status).toBe('deployment_interrupted');
    expect(existsSync(join(dir, '.exasol.lock'))).toBe(false);
    const again = await cli(['deploy', '--infra-only', '--deployment-dir', dir], env);
    expect(again.stderr).toContain('[4/4]');
    expect(again.code).toBe(0);
    expect(readState(dir).status).toBe('infrastructure_ready');
  });

  it('status --json lists every node with its pool IP; RAPI shows them running', async () => {
    const r = await cli(['status', '--json', '--refresh', '--deployment-dir', dir], env);
    const j = JSON.parse(r.stdout);
    expect(j.nodes).toHaveLength(2);
    for (const n of j.nodes) {
      expect(n.public_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(n.state).toBe('running');
    }
    const inst = await tagged(j.deploymentId);
    expect(inst.map((i) => i['nic.ips'][0]).sort()).toEqual(
      j.nodes.map((n: { public_ip: string }) => n.public_ip).sort(),
    );
  });

  it('stop powers the instances off in RAPI, start powers them on', async () => {
    const id = readState(dir).deploymentId;
    const stop = await cli(['stop', '--deployment-dir', dir], env);
    expect(stop.code).toBe(0);
    expect((await tagged(id)).map((i) => i.admin_state)).toEqual(['down', 'down']);
    const start = await cli(['start', '--deployment-dir', dir], env);
    expect(start.code).toBe(0);
    expect((await tagged(id)).map((i) => i.admin_state)).toEqual(['up', 'up']);
    expect(readState(dir).status).toBe('infrastructure_ready');
  });

  it('destroy --yes leaves no instance tagged with the deployment id and says it verified that', async () => {
    const id = readState(dir).deploymentId;
    const r = await cli(['destroy', '--yes', '--json', '--deployment-dir', dir], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).verification).toMatchObject({ checked: true, leftovers: [] });
    expect(await tagged(id)).toEqual([]);
  });
});
