// Parses and validates an e2e config; every error names its path, e.g. `steps[2].expect.status: …`.
import {
  type E2eConfig,
  type InitFlags,
  NODE_STATES,
  PROVIDER_IDS,
  STATUSES,
  STEP_KINDS,
  type Step,
  type StepExpect,
} from './config-types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number): v is number => Number.isInteger(v) && (v as number) >= min;

/** All problems of `raw` as `path: message` lines; `initFlags` (long names) enables the flag-name check. */
export function configProblems(raw: unknown, initFlags?: ReadonlySet<string>): string[] {
  const p: string[] = [];
  const bad = (path: string, msg: string): void => {
    p.push(`${path}: ${msg}`);
  };
  if (!isObj(raw)) return ['(root): must be a JSON object'];
  const known = ['$schema', 'name', 'description', 'provider', 'requiresEnv', 'nodeBudget', 'init', 'steps'];
  for (const k of Object.keys(raw))
    if (!known.includes(k)) bad(k, `unknown key (accepted: ${known.join(', ')})`);
  for (const k of ['name', 'description'])
    if (typeof raw[k] !== 'string' || raw[k] === '') bad(k, 'must be a non-empty string');
  if (!(PROVIDER_IDS as readonly unknown[]).includes(raw.provider))
    bad(
      'provider',
      `unknown provider ${JSON.stringify(raw.provider)} (accepted: ${PROVIDER_IDS.join(', ')})`,
    );
  const env = raw.requiresEnv ?? [];
  if (!Array.isArray(env) || env.some((e) => typeof e !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(e)))
    bad('requiresEnv', 'must be an array of environment variable names');
  if (!isInt(raw.nodeBudget, 1)) bad('nodeBudget', 'must be an integer >= 1');
  const budget = isInt(raw.nodeBudget, 1) ? raw.nodeBudget : Number.POSITIVE_INFINITY;
  if (!isObj(raw.init)) bad('init', 'must be an object of init flags');
  else initProblems(raw.init, budget, initFlags, bad);
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) bad('steps', 'must be a non-empty array');
  else for (const [i, s] of raw.steps.entries()) stepProblems(s, `steps[${i}]`, budget, bad);
  if (Array.isArray(raw.steps) && isObj(raw.steps[0]) && raw.steps[0].step !== 'init')
    bad('steps[0].step', "the first step must be 'init'");
  return p;
}

function initProblems(
  init: Obj,
  budget: number,
  known: ReadonlySet<string> | undefined,
  bad: (path: string, msg: string) => void,
): void {
  for (const [k, v] of Object.entries(init)) {
    const path = `init.${k}`;
    if (k.startsWith('-')) bad(path, 'write flag names without leading dashes');
    else if (['deployment-dir', 'cloud-provider'].includes(k)) bad(path, 'set by the runner; remove it');
    else if (known && !known.has(k)) bad(path, `unknown init flag --${k}`);
    const ok =
      ['string', 'number', 'boolean'].includes(typeof v) ||
      (Array.isArray(v) && v.every((x) => typeof x === 'string'));
    if (!ok) bad(path, 'must be a string, number, boolean or array of strings');
  }
  const size = init['cluster-size'] ?? 1;
  if (!isInt(size, 1)) bad('init.cluster-size', 'must be an integer >= 1');
  else if (size > budget) bad('init.cluster-size', `${size} exceeds nodeBudget ${budget}`);
}

function stepProblems(s: unknown, path: string, budget: number, bad: (p: string, m: string) => void): void {
  if (!isObj(s)) return void bad(path, 'must be an object');
  const keys = ['step', 'infraOnly', 'refresh', 'timeoutSeconds', 'expect'];
  for (const k of Object.keys(s))
    if (!keys.includes(k)) bad(`${path}.${k}`, `unknown key (accepted: ${keys.join(', ')})`);
  if (!(STEP_KINDS as readonly unknown[]).includes(s.step))
    bad(`${path}.step`, `unknown step ${JSON.stringify(s.step)} (accepted: ${STEP_KINDS.join(', ')})`);
  if (s.infraOnly !== undefined && (s.step !== 'deploy' || typeof s.infraOnly !== 'boolean'))
    bad(`${path}.infraOnly`, 'a boolean, on deploy steps only');
  if (s.refresh !== undefined && (s.step !== 'status' || typeof s.refresh !== 'boolean'))
    bad(`${path}.refresh`, 'a boolean, on status steps only');
  if (s.timeoutSeconds !== undefined && !isInt(s.timeoutSeconds, 1))
    bad(`${path}.timeoutSeconds`, 'must be an integer >= 1');
  if (s.expect === undefined) return;
  const e = s.expect;
  if (!isObj(e)) return void bad(`${path}.expect`, 'must be an object');
  const ek = ['exitCode', 'status', 'nodes', 'nodeState'];
  for (const k of Object.keys(e))
    if (!ek.includes(k)) bad(`${path}.expect.${k}`, `unknown key (accepted: ${ek.join(', ')})`);
  if (e.exitCode !== undefined && ![0, 1, 2, 3, 130].includes(e.exitCode as number))
    bad(
      `${path}.expect.exitCode`,
      `unknown exit code ${JSON.stringify(e.exitCode)} (accepted: 0, 1, 2, 3, 130)`,
    );
  const statusOnly = ['status', 'nodes', 'nodeState'].filter((k) => e[k] !== undefined);
  if (statusOnly.length && s.step !== 'status')
    bad(`${path}.expect.${statusOnly[0]}`, 'only status steps can check status, nodes or nodeState');
  if (e.status !== undefined && !(STATUSES as readonly unknown[]).includes(e.status))
    bad(`${path}.expect.status`, `unknown status '${String(e.status)}' (accepted: ${STATUSES.join(', ')})`);
  if (e.nodes !== undefined && !isInt(e.nodes, 0)) bad(`${path}.expect.nodes`, 'must be an integer >= 0');
  else if (typeof e.nodes === 'number' && e.nodes > budget)
    bad(`${path}.expect.nodes`, `${e.nodes} exceeds nodeBudget ${budget}`);
  if (e.nodeState !== undefined && !(NODE_STATES as readonly unknown[]).includes(e.nodeState))
    bad(
      `${path}.expect.nodeState`,
      `unknown node state '${String(e.nodeState)}' (accepted: ${NODE_STATES.join(', ')})`,
    );
}

/** Validates `raw` and returns it typed; throws one Error listing every problem. */
export function parseConfig(raw: unknown, source: string, initFlags?: ReadonlySet<string>): E2eConfig {
  const problems = configProblems(raw, initFlags);
  if (problems.length) throw new Error(`${source}: invalid e2e config\n  ${problems.join('\n  ')}`);
  const o = raw as Obj;
  return {
    name: o.name as string,
    description: o.description as string,
    provider: o.provider as E2eConfig['provider'],
    requiresEnv: (o.requiresEnv ?? []) as string[],
    nodeBudget: o.nodeBudget as number,
    init: o.init as InitFlags,
    steps: (o.steps as Obj[]).map((s) => ({ ...s, expect: s.expect as StepExpect | undefined }) as Step),
  };
}

/** Replaces ${VAR} in string flag values from `env`; an unset variable is an error naming the flag. */
export function expandEnv(init: InitFlags, env: NodeJS.ProcessEnv): InitFlags {
  const sub = (path: string, s: string) =>
    s.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_m, name: string) => {
      const v = env[name];
      if (v === undefined || v === '')
        throw new Error(`init.${path}: environment variable ${name} is not set`);
      return v;
    });
  const out: InitFlags = {};
  for (const [k, v] of Object.entries(init))
    out[k] = typeof v === 'string' ? sub(k, v) : Array.isArray(v) ? v.map((x) => sub(k, x)) : v;
  return out;
}
