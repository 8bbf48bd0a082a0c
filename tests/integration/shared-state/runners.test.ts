// Two CI runners sharing a deployment through the pg backend, with real terraform → our provider →
// real Ganeti and a real PostgreSQL: runner A inits, deploys and exports, then its directory is gone;
// runner B imports, sees the nodes, and destroys; two deploys started together from two directories
// exclude each other (one exits 3 naming the holder). RAPI is asked what is left.
import { existsSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { waitForJob } from '../../../src/ganeti/jobs.ts';
import { ganetiConnection, ganetiInitArgs, skipGaneti } from '../../helpers/ganeti-env.ts';
import { cli, cliEnv, ensureBuilt, readState, spawnCli, tempDir } from '../../helpers/orchestration.ts';
import { dropSchemas, PG_TEST_CONN, pgQuery, skipPostgres, testSchema } from '../../helpers/postgres.ts';

const terraform = process.env.TERRAFORM_BINARY ?? '/usr/local/bin/terraform';
const diskTemplate = process.env.GANETI_DISK_TEMPLATE ?? process.env.GANETI_DISK_TEMPLATES?.split(',')[0];

let work: string;
let env: NodeJS.ProcessEnv;
let client: RapiClient;
let deploymentId = '';
const schema = testSchema();
const exportFile = () => join(work, 'exa-export.bin');

describe.skipIf(skipGaneti || skipPostgres)(
  'shared state: runners on the pg backend (real PostgreSQL + Ganeti)',
  () => {
    beforeAll(async () => {
      ensureBuilt();
      work = await tempDir('exasol-runners-');
      env = cliEnv(work, {
        PG_CONN_STR: PG_TEST_CONN,
        EXASOL_EXPORT_PASSPHRASE: 'correct horse battery staple',
        // import records this machine's engine, found as a user's would be: the real terraform, not
        // the stand-in that cliEnv puts first on PATH.
        EXASOL_TERRAFORM: terraform,
      });
      delete env.FAKE_TF_RECORD;
      client = new RapiClient(ganetiConnection());
    });

    afterAll(async () => {
      if (deploymentId) {
        const left = await client.instancesByTag(`exasol-deployment:${deploymentId}`);
        for (const i of left)
          await waitForJob(client, await client.deleteInstance(i.name), { timeoutMs: 120_000 }).catch(
            () => {},
          );
      }
      await dropSchemas([schema]);
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('runner A: init + deploy --infra-only + export; then its directory is deleted', async () => {
      const a = join(work, 'runner-a');
      const init = await cli(
        ganetiInitArgs(
          a,
          terraform,
          '--ganeti-memory',
          '1',
          '--ganeti-vcpus',
          '1',
          ...(diskTemplate ? ['--ganeti-disk-template', diskTemplate] : []),
          '--state-backend',
          'pg',
          '--state-pg-schema',
          schema,
        ),
        env,
      );
      expect(init.code, init.stderr).toBe(0);
      deploymentId = readState(a).deploymentId;
      // An export taken before the deploy: what a pipeline that exports once after init hands around.
      const early = await cli(
        ['export', '--deployment-dir', a, '--output', join(work, 'exa-after-init.bin')],
        env,
      );
      expect(early.code, early.stderr).toBe(0);
      const deploy = await cli(['deploy', '--infra-only', '--deployment-dir', a], env);
      expect(deploy.code, deploy.stderr).toBe(0);
      // terraform wrote its state to PostgreSQL, not to the directory.
      expect(existsSync(join(a, 'terraform.tfstate'))).toBe(false);
      const states = await pgQuery<{ name: string; data: string }>(
        `SELECT name, data FROM "${schema}".states`,
      );
      expect(states.map((s) => s.name)).toEqual(['default']);
      expect(JSON.parse(states[0]?.data ?? '{}').resources[0].type).toBe('ganeti_instance');
      const exp = await cli(['export', '--deployment-dir', a, '--output', exportFile()], env);
      expect(exp.code, exp.stderr).toBe(0);
      expect((await stat(exportFile())).mode & 0o777).toBe(0o600);
      await rm(a, { recursive: true, force: true });
      expect(await client.instancesByTag(`exasol-deployment:${deploymentId}`)).toHaveLength(1);
    });

    it('runner B: import + status --refresh shows the node running', async () => {
      const b = join(work, 'runner-b');
      const imp = await cli(['import', exportFile(), '--deployment-dir', b], env);
      expect(imp.code, imp.stderr).toBe(0);
      expect((await stat(b)).mode & 0o777).toBe(0o700);
      const st = await cli(['status', '--refresh', '--json', '--deployment-dir', b], env);
      expect(st.code, st.stderr).toBe(0);
      const report = JSON.parse(st.stdout);
      expect(report).toMatchObject({ deploymentId, status: 'infrastructure_ready', stateBackend: 'pg' });
      expect(report.nodes).toHaveLength(1);
      expect(report.nodes[0].state).toBe('running');
    });

    it('a runner holding only the export from before the deploy sees the status and nodes others made', async () => {
      const d = join(work, 'runner-d');
      const imp = await cli(['import', join(work, 'exa-after-init.bin'), '--deployment-dir', d], env);
      expect(imp.code, imp.stderr).toBe(0);
      // Without --refresh: only this directory's record (from before the deploy).
      const local = await cli(['status', '--deployment-dir', d], env);
      expect(local.stdout).toMatch(/: initialized\n/);
      const st = await cli(['status', '--refresh', '--deployment-dir', d], env);
      expect(st.code, st.stderr).toBe(0);
      expect(st.stdout).toMatch(/: infrastructure_ready\n/);
      expect(st.stdout).toMatch(/\n {2}n11\s+198\.51\.100\.\d+\s+\S+\s+running\n/);
      expect(readState(d).status).toBe('initialized'); // status never writes
    });

    it('that runner can stop the cluster; the next runner starts from "stopped"', async () => {
      const d = join(work, 'runner-d');
      const stop = await cli(['stop', '--deployment-dir', d], env);
      expect(stop.code, stop.stderr).toBe(0);
      expect(stop.stderr).toContain(
        'took the deployment record from the shared state backend: infrastructure_ready',
      );
      const [node] = await client.instancesByTag(`exasol-deployment:${deploymentId}`);
      expect(node?.name).toBeTruthy();
      expect((await client.instance(String(node?.name)))?.admin_state).toBe('down');
      const b = join(work, 'runner-b');
      const st = await cli(['status', '--refresh', '--json', '--deployment-dir', b], env);
      expect(JSON.parse(st.stdout)).toMatchObject({ status: 'stopped' });
      const start = await cli(['start', '--deployment-dir', b], env);
      expect(start.code, start.stderr).toBe(0);
      expect(readState(b).status).toBe('infrastructure_ready');
      expect((await client.instance(String(node?.name)))?.admin_state).toBe('up');
    });

    it('two deploys started together from two directories: one runs, the other exits 3 naming it', async () => {
      const c = join(work, 'runner-c');
      expect((await cli(['import', exportFile(), '--deployment-dir', c], env)).code).toBe(0);
      const runs = [join(work, 'runner-b'), c].map((dir) =>
        spawnCli(['deploy', '--infra-only', '--deployment-dir', dir], env),
      );
      const results = await Promise.all(runs.map((r) => r.done));
      const codes = results.map((r) => r.code).sort();
      expect(codes, results.map((r) => r.stderr).join('\n---\n')).toEqual([0, 3]);
      const loser = results.find((r) => r.code === 3);
      const winnerPid = runs[results.findIndex((r) => r.code === 0)]?.child.pid;
      expect(loser?.stderr).toMatch(
        new RegExp(
          `error: deployment ${deploymentId} is locked on the shared state backend by deploy \\(pid ${winnerPid} on \\S+, since `,
        ),
      );
      // The loser changed nothing: its status is still what the import brought.
      expect(readState(results[0]?.code === 3 ? join(work, 'runner-b') : c).status).toBe(
        'infrastructure_ready',
      );
    });

    it('runner B: destroy --yes removes the instance; RAPI shows nothing left', async () => {
      const b = join(work, 'runner-b');
      const d = await cli(['destroy', '--yes', '--deployment-dir', b], env);
      expect(d.code, d.stderr).toBe(0);
      expect(d.stderr).toContain('nothing left');
      expect(await client.instancesByTag(`exasol-deployment:${deploymentId}`)).toEqual([]);
      const states = await pgQuery<{ data: string }>(`SELECT data FROM "${schema}".states`);
      expect(JSON.parse(states[0]?.data ?? '{}').resources).toEqual([]);
    });
  },
);
