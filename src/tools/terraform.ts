// Typed terraform/tofu verbs for one deployment directory: arguments, environment and retries live here.
import { setTimeout as sleep } from 'node:timers/promises';
import { ExasolError, isExasolError, LockedError } from '../errors.ts';
import type { InterruptScope } from '../util/interrupt.ts';
import { type RunResult, run } from './run.ts';

/** How to run the engine for one deployment. */
export interface TerraformOptions {
  binary: string;
  dir: string;
  /** Provider secrets and directory settings; merged over process.env by run(). */
  env: Record<string, string>;
  /** Variables of exasol's own environment terraform must not inherit. */
  unsetEnv?: readonly string[];
  redact: readonly string[];
  logFile?: string;
  interrupt?: InterruptScope;
  onLine?: (line: string) => void;
  /** Colour codes would end up in logs and spinner text; terraform never writes to our TTY. */
  color?: boolean;
  /** Delay between init attempts after a network error. */
  retryDelayMs?: number;
  /** `-lock-timeout`: how long terraform waits for the backend's state lock. */
  lockTimeoutMs?: number;
}

/** Raw `terraform output -json` entry. */
export interface TerraformOutput {
  sensitive: boolean;
  type: unknown;
  value: unknown;
}

const NETWORK_ERROR =
  /i\/o timeout|connection refused|connection reset|no such host|TLS handshake timeout|could not connect|temporary failure in name resolution|network is unreachable|unexpected EOF|Client\.Timeout/i;

/** True when a failed init looks like a network problem worth retrying. */
export function isNetworkError(err: unknown): boolean {
  return err instanceof Error && NETWORK_ERROR.test(err.message);
}

/** The engine for one deployment directory. */
export class Terraform {
  constructor(private readonly o: TerraformOptions) {}

  private env(): Record<string, string | undefined> {
    const unset = Object.fromEntries((this.o.unsetEnv ?? []).map((k) => [k, undefined]));
    return { ...unset, ...this.o.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
  }

  private common(): string[] {
    return [
      '-input=false',
      ...(this.o.color ? [] : ['-no-color']),
      ...(this.o.lockTimeoutMs ? [`-lock-timeout=${Math.ceil(this.o.lockTimeoutMs / 1000)}s`] : []),
    ];
  }

  private exec(args: string[], quiet = false): Promise<RunResult> {
    return run(this.o.binary, args, {
      cwd: this.o.dir,
      env: this.env(),
      // Killed with exasol (SIGTERM: terraform stops gracefully and writes what it created to state).
      dieWithParent: true,
      redact: this.o.redact,
      ...(this.o.logFile ? { logFile: this.o.logFile } : {}),
      ...(this.o.interrupt ? { interrupt: this.o.interrupt } : {}),
      ...(this.o.onLine && !quiet ? { onLine: this.o.onLine } : {}),
    }).catch((err: unknown) => {
      throw stateLockError(err) ?? err;
    });
  }

  /** `init`, retried up to `attempts` times on network errors only; `upgrade` after a CLI upgrade. */
  async init(upgrade: boolean, attempts = 3): Promise<void> {
    const args = ['init', ...this.common(), ...(upgrade ? ['-upgrade'] : [])];
    for (let i = 1; ; i++) {
      try {
        await this.exec(args);
        return;
      } catch (err) {
        if (i >= attempts || !isNetworkError(err) || this.o.interrupt?.signal) throw err;
        this.o.onLine?.(`network error during init, retrying (${i + 1}/${attempts})`);
        await sleep(this.o.retryDelayMs ?? 5000, undefined, { signal: this.o.interrupt?.abortSignal });
      }
    }
  }

  /** `plan -out=FILE`; returns the plan's text. `mode` selects a destroy or refresh-only plan; `lock:
   * false` reads the state without taking the backend's lock. */
  async plan(
    outFile: string,
    mode: 'normal' | 'destroy' | 'refresh-only' = 'normal',
    opts: { lock?: boolean } = {},
  ): Promise<string> {
    const extra = mode === 'destroy' ? ['-destroy'] : mode === 'refresh-only' ? ['-refresh-only'] : [];
    // A read-only look (status --refresh) must not wait for, or block, another runner's state lock.
    const lock = opts.lock === false ? ['-lock=false'] : [];
    const r = await this.exec(['plan', ...this.common(), ...extra, ...lock, `-out=${outFile}`]);
    return r.stdout;
  }

  /** Applies a saved plan file. */
  async applyPlan(planFile: string): Promise<void> {
    await this.exec(['apply', ...this.common(), '-auto-approve', planFile]);
  }

  /** `destroy -auto-approve`. */
  async destroy(): Promise<void> {
    await this.exec(['destroy', ...this.common(), '-auto-approve']);
  }

  /** `state list`: the resource addresses in the state. */
  async stateList(): Promise<string[]> {
    const r = await this.exec(['state', 'list'], true).catch((err: unknown) => {
      // No state yet (never applied, or lost): nothing is in it.
      if (err instanceof Error && /No state file was found/.test(err.message)) return { stdout: '' };
      throw err;
    });
    return r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  }

  /** `import ADDR ID`: takes an existing object into the state (terraform reads the rest). */
  async importResource(address: string, id: string): Promise<void> {
    await this.exec(['import', ...this.common(), address, id]);
  }

  /** `state rm ADDR…`: forgets resources without destroying them (shared ones destroy must keep). */
  async stateRm(addresses: readonly string[]): Promise<void> {
    if (addresses.length) await this.exec(['state', 'rm', ...addresses]);
  }

  /** `output -json`, validated as an object of outputs. */
  async outputs(): Promise<Record<string, TerraformOutput>> {
    const r = await this.exec(['output', '-no-color', '-json'], true);
    return parseJson(r.stdout, 'terraform output -json') as Record<string, TerraformOutput>;
  }

  /** `show -json PLANFILE`: the machine-readable plan. */
  async showPlan(planFile: string): Promise<Record<string, unknown>> {
    const r = await this.exec(['show', '-no-color', '-json', planFile], true);
    return parseJson(r.stdout, 'terraform show -json') as Record<string, unknown>;
  }
}

/** terraform's "Error acquiring the state lock" (a backend lock held by another runner) as exit 3. */
export function stateLockError(err: unknown): LockedError | null {
  const all = (err as { cause?: { all?: unknown } } | null)?.cause?.all;
  const text = typeof all === 'string' ? all : err instanceof Error ? err.message : '';
  if (!/Error acquiring the state lock/.test(text)) return null;
  const field = (name: string) => new RegExp(`^[\\s│]*${name}:[ \\t]*(\\S.*)$`, 'm').exec(text)?.[1]?.trim();
  const who = field('Who') ?? 'another runner';
  const op =
    field('Operation')
      ?.replace(/^OperationType/, '')
      .toLowerCase() ?? 'an operation';
  const since = field('Created') ?? 'unknown';
  return new LockedError(
    `the terraform state is locked by ${who} (terraform ${op}, since ${since})`,
    `wait for it to finish (or pass --lock-timeout); a lock left by a lost runner is removed with terraform force-unlock ${field('ID') ?? 'LOCK_ID'}`,
  );
}

function parseJson(text: string, what: string): unknown {
  try {
    const v = JSON.parse(text || '{}') as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch (err) {
    if (isExasolError(err)) throw err;
  }
  throw new ExasolError('E_TF_OUTPUT', `${what} did not print a JSON object: ${text.slice(0, 120)}`);
}
