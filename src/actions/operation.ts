// The frame of every mutating command: lock first, then the transition check and the status change,
// signals turned into `interrupted`, the outcome recorded, the lock always released.
import { join } from 'node:path';
import { acquireLock } from '../deployment/lock.ts';
import { type DeploymentState, readState, writeState } from '../deployment/state.ts';
import { canStart, type DeploymentStatus, type Operation, TRANSITIONS } from '../deployment/status.ts';
import { ExasolError, InterruptedError, isExasolError } from '../errors.ts';
import type { IoHost } from '../io/io-host.ts';
import type { ProviderModule } from '../providers/types.ts';
import { adoptRecord } from '../state-backend/pg-record.ts';
import { acquireSharedLock, type HeldSharedLock } from '../state-backend/shared-lock.ts';
import { appendPrivate, ensurePrivateDir } from '../util/fs-atomic.ts';
import { InterruptScope } from '../util/interrupt.ts';
import { type Deployment, loadDeployment, readRunning, writeRunning } from './deployment.ts';
import { Steps } from './steps.ts';
import { DIED, transitionError } from './transition.ts';

/** What the body of an operation gets. */
export interface OperationContext {
  dep: Deployment;
  io: IoHost;
  interrupt: InterruptScope;
  logFile: string;
  steps: Steps;
  /** The status the deployment had when this operation took over. */
  from: DeploymentStatus;
  /** --lock-timeout of the command (0: none), also handed to terraform for the backend's lock. */
  lockTimeoutMs: number;
  /** Writes a change to the state file and keeps `dep.state` current. */
  save(change: Partial<DeploymentState>): Promise<void>;
}

/** Parameters of one operation run. */
export interface OperationRequest {
  dir: string;
  op: Operation;
  io: IoHost;
  steps: number;
  /** Name used in the lock and the log file (e.g. `deploy`, `deploy-plan`). */
  name?: string;
  /** Leave the status untouched (deploy --plan). */
  readOnlyStatus?: boolean;
  provider?: ProviderModule;
  /** How long to wait for another operation's lock (local and cross-machine); 0 fails at once. */
  lockTimeoutMs?: number;
  /** Environment holding the state backend's connection settings (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

const FAILED: Record<Operation, DeploymentStatus> = {
  deploy: 'deployment_failed',
  stop: 'stop_failed',
  start: 'start_failed',
  destroy: 'destroy_failed',
};

/** Runs `body` under the lock; the body returns the status to record on success. */
export async function runOperation<T>(
  req: OperationRequest,
  body: (
    ctx: OperationContext,
  ) => Promise<{ result: T; status?: DeploymentStatus; change?: Partial<DeploymentState> }>,
): Promise<T> {
  const warn = (m: string) => req.io.log('warn', m);
  const first = await loadDeployment(req.dir, req.provider, req.env, warn);
  const name = req.name ?? req.op;
  const timeoutMs = req.lockTimeoutMs ?? 0;
  const lock = await acquireLock(first.dir, name, warn, timeoutMs);
  let shared: HeldSharedLock;
  try {
    shared = await acquireSharedLock(first.state, name, { env: first.env, timeoutMs, warn });
  } catch (err) {
    await lock.release();
    throw err;
  }
  const interrupt = new InterruptScope(warn).install();
  let ctx: OperationContext | undefined;
  try {
    const dep = { ...first, state: await readState(first.dir) };
    const newer = await shared.newerRecord(dep.state);
    if (newer) {
      // Another runner changed the deployment after this directory was exported: start from there.
      req.io.log(
        'info',
        `took the deployment record from the shared state backend: ${newer.state.status} (updated ${newer.state.updatedAt}, this directory had ${dep.state.status})`,
      );
      dep.state = await writeState(dep.dir, adoptRecord(dep.state, newer), new Date(newer.state.updatedAt));
      await writeRunning(dep, newer.running);
    }
    const dead = DIED[dep.state.status as keyof typeof DIED];
    if (dead) {
      // We hold the lock, so the process that set this *_in_progress status is gone (e.g. SIGKILL).
      warn(
        `the previous ${dep.state.status.replace('_in_progress', '')} did not finish (its process is gone); recorded as ${dead}`,
      );
      dep.state = await writeState(dep.dir, {
        ...dep.state,
        status: dead,
        lastError: `${dep.state.status} ended without finishing`,
      });
    }
    if (!canStart(req.op, dep.state.status)) throw transitionError(req.op, dep.state);
    await ensurePrivateDir(dep.paths.logs);
    const logFile = join(dep.paths.logs, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
    await appendPrivate(logFile, `# exasol ${name} ${dep.state.deploymentId} pid ${process.pid}\n`);
    const save = async (change: Partial<DeploymentState>) => {
      dep.state = await writeState(dep.dir, { ...dep.state, ...change });
      await shared.publish({ state: dep.state, running: await readRunning(dep) });
    };
    ctx = {
      dep,
      io: req.io,
      interrupt,
      logFile,
      steps: new Steps(req.io, req.steps),
      from: dep.state.status,
      lockTimeoutMs: timeoutMs,
      save,
    };
    if (!req.readOnlyStatus) await save({ status: TRANSITIONS[req.op].during });
    const out = await body(ctx);
    interrupt.throwIfInterrupted(() => new InterruptedError(`${name} interrupted`));
    if (!req.readOnlyStatus && out.status)
      await save({ ...out.change, status: out.status, lastError: undefined });
    else if (out.change) await save(out.change);
    return out.result;
  } catch (err) {
    throw await recordFailure(req, ctx, interrupt, err);
  } finally {
    interrupt.dispose();
    await shared.release();
    await lock.release();
  }
}

async function recordFailure(
  req: OperationRequest,
  ctx: OperationContext | undefined,
  interrupt: InterruptScope,
  err: unknown,
): Promise<unknown> {
  if (!ctx) return err;
  const interrupted = interrupt.signal !== null;
  const message = err instanceof Error ? err.message : String(err);
  if (!req.readOnlyStatus) {
    const status = interrupted && req.op === 'deploy' ? 'deployment_interrupted' : FAILED[req.op];
    await ctx
      .save({
        status,
        lastError: interrupted ? `interrupted by ${interrupt.signal}` : errorSummary(message),
      })
      .catch((e: unknown) => req.io.log('error', `could not record the failure: ${String(e)}`));
  }
  const hint = `full log: ${ctx.logFile}`;
  if (interrupted)
    return new InterruptedError(`${req.name ?? req.op} interrupted by ${interrupt.signal}; ${hint}`);
  if (isExasolError(err))
    return new ExasolError(err.code, err.message, {
      cause: err,
      exitCode: err.exitCode,
      hint: err.hint ? `${err.hint}; ${hint}` : hint,
    });
  return new ExasolError('E_INTERNAL', message, { cause: err, hint });
}

/**
 * The saved `lastError`: one line that keeps the cause. A tool failure reads "X exited with code 1:"
 * followed by its output, so the first line alone would lose the reason; whitespace runs become one
 * space and the text is cut at 400 characters.
 */
export function errorSummary(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 400 ? `${line.slice(0, 399)}…` : line;
}
