// `exasol health`: per node SSH, Exasol services, DB port and Admin UI port, checked in parallel with a
// timeout each; --wait-for repeats until the cluster reaches a state. Reads only; writes nothing.
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HealthTarget } from '../cli/health-targets.ts';
import { ExasolError } from '../errors.ts';
import { sshExec } from '../tools/ssh.ts';
import { loadDeployment } from './deployment.ts';
import { ADMINUI_PORT, DB_PORT } from './info.ts';

/** One check's outcome. */
export interface CheckOutcome {
  ok: boolean;
  detail: string;
}

/** Every check of one node. */
export interface NodeHealth {
  name: string;
  address: string | null;
  ssh: CheckOutcome;
  services: CheckOutcome;
  dbPort: CheckOutcome;
  adminUiPort: CheckOutcome;
}

/** Health failed or timed out; the last report travels along (its fields also in the --json document). */
export class HealthError extends ExasolError {
  readonly report: HealthReport;

  constructor(code: 'E_HEALTH_TIMEOUT' | 'E_UNHEALTHY', message: string, report: HealthReport) {
    super(code, message, { details: { ...report } });
    this.name = 'HealthError';
    this.report = report;
  }
}

/** The health report (--json prints it as is). */
export interface HealthReport {
  deploymentId: string;
  status: string;
  healthy: boolean;
  nodes: NodeHealth[];
  waitedFor?: HealthTarget;
}

/** Per-check timeout; EXASOL_HEALTH_CHECK_TIMEOUT_MS overrides it (tests). */
const checkTimeout = (env: NodeJS.ProcessEnv) => Number(env.EXASOL_HEALTH_CHECK_TIMEOUT_MS ?? 10_000);

/** Opens a TCP connection to host:port within the check timeout. */
export function tcpCheck(host: string, port: number, timeoutMs = 10_000): Promise<CheckOutcome> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (o: CheckOutcome) => {
      sock.destroy();
      resolve(o);
    };
    sock.setTimeout(timeoutMs, () =>
      done({ ok: false, detail: `no answer on ${host}:${port} within ${timeoutMs} ms` }),
    );
    sock.once('connect', () => done({ ok: true, detail: `${host}:${port} open` }));
    sock.once('error', (e: NodeJS.ErrnoException) =>
      done({ ok: false, detail: `${host}:${port}: ${e.code ?? e.message}` }),
    );
  });
}

async function checkNode(
  dir: string,
  name: string,
  address: string | null,
  env: NodeJS.ProcessEnv,
): Promise<NodeHealth> {
  const t = { dir, timeoutMs: checkTimeout(env), env };
  const none: CheckOutcome = { ok: false, detail: 'no address recorded' };
  const [ssh, services, dbPort, adminUiPort] = await Promise.all([
    sshExec(t, name, 'true').then((r) => ({
      ok: r.ok,
      detail: r.ok ? 'reachable' : r.output.split('\n').pop() || `exit ${r.exitCode}`,
    })),
    sshExec(t, name, 'systemctl is-active c4.service').then((r) => ({
      ok: r.ok,
      detail: `c4.service ${r.output.split('\n').pop() || `exit ${r.exitCode}`}`,
    })),
    address ? tcpCheck(address, DB_PORT, t.timeoutMs) : none,
    address ? tcpCheck(address, ADMINUI_PORT, t.timeoutMs) : none,
  ]);
  return { name, address, ssh, services, dbPort, adminUiPort };
}

/** True when `report` shows the cluster in `target`. */
export function reached(report: HealthReport, target: HealthTarget): boolean {
  if (target === 'database_ready') return report.healthy;
  if (target === 'infrastructure_ready') return report.nodes.every((n) => n.ssh.ok);
  return report.nodes.every((n) => !n.ssh.ok);
}

/** Checks every node once, or until `waitFor` is reached (throws after `timeoutMs`). */
export async function health(req: {
  deploymentDir: string;
  waitFor?: HealthTarget;
  timeoutMs: number;
  intervalMs?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<HealthReport> {
  const dep = await loadDeployment(req.deploymentDir, undefined, req.env);
  if (dep.state.nodes.length === 0)
    throw new ExasolError(
      'E_NOT_DEPLOYED',
      `deployment ${dep.state.deploymentId} has no nodes (status ${dep.state.status})`,
    );
  const end = Date.now() + req.timeoutMs;
  for (;;) {
    const nodes = await Promise.all(
      dep.state.nodes.map((n) => checkNode(dep.dir, n.name, n.publicIp, dep.env)),
    );
    const healthy = nodes.every((n) => n.ssh.ok && n.services.ok && n.dbPort.ok && n.adminUiPort.ok);
    const report: HealthReport = {
      deploymentId: dep.state.deploymentId,
      status: dep.state.status,
      healthy,
      nodes,
    };
    if (!req.waitFor) return report;
    if (reached(report, req.waitFor)) return { ...report, waitedFor: req.waitFor };
    if (Date.now() >= end)
      throw new HealthError(
        'E_HEALTH_TIMEOUT',
        `the cluster did not reach ${req.waitFor} within ${Math.round(req.timeoutMs / 1000)}s`,
        report,
      );
    await sleep(req.intervalMs ?? Number(dep.env.EXASOL_HEALTH_INTERVAL_MS ?? 5000));
  }
}
