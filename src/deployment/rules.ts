// The rules a deployment's files must keep every time they are read back (after any migration of
// an older layout): the values init would have accepted, and tfvars agreeing with the state. Files
// in the directory can be edited by hand or arrive in an import, so they are input like any flag.
import { isIP } from 'node:net';
import { COMMON_INIT_FLAGS } from '../options/common-flags.ts';
import { hasControlChar, printable } from '../options/parsers.ts';
import { BACKEND_KINDS } from '../state-backend/config.ts';

/** A node name ssh, ansible and the targets take as a host alias (never an option such as -oX=…). */
export const NODE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** Free text recorded by exasol itself (instance ids, node states): printable, one line, bounded. */
const RECORDED_TEXT = /^[\x20-\x7e]{0,256}$/;

/** Runs init's own parser of flag `long` on `value`; the parser's message (without "--flag:") or null. */
function initRule(long: string, value: unknown): string | null {
  const spec = COMMON_INIT_FLAGS.find((f) => f.long === long);
  if (!spec?.parse) return null;
  // A JSON file keeps numbers as numbers: "2" where 2 belongs is not what init wrote.
  const numeric = spec.arg === '<n>' || spec.arg === '<GiB>';
  if (typeof value !== (numeric ? 'number' : 'string'))
    return `is ${printable(JSON.stringify(value) ?? String(value))}, not a ${numeric ? 'number' : 'string'}`;
  try {
    spec.parse(String(value), `--${long}`);
    return null;
  } catch (err) {
    return (err as Error).message.replace(`--${long}: `, '');
  }
}

/** The first rule the state's values break, or null. `raw` already has schema, status and provider checked. */
export function stateRuleBroken(raw: Record<string, unknown>): string | null {
  if (typeof raw.deploymentId !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(raw.deploymentId))
    return `deploymentId ${printable(String(raw.deploymentId))} is not an exasol deployment id`;
  const arch = initRule('architecture', raw.architecture);
  if (arch) return `architecture ${arch}`;
  const size = initRule('cluster-size', raw.clusterSize);
  if (size) return `clusterSize ${size}`;
  if (!Array.isArray(raw.nodes)) return 'nodes is not a list';
  for (const [i, n] of (raw.nodes as unknown[]).entries()) {
    const broken = nodeRuleBroken(n);
    if (broken) return `nodes[${i}] ${broken}`;
  }
  const engine = raw.engine as { binary?: unknown; name?: unknown } | null | undefined;
  if (engine !== null && engine !== undefined) {
    if (typeof engine !== 'object' || typeof engine.binary !== 'string' || !engine.binary.startsWith('/'))
      return 'engine.binary is not an absolute path';
    if (hasControlChar(engine.binary)) return 'engine.binary contains control characters';
    if (engine.name !== 'terraform' && engine.name !== 'tofu') return 'engine.name is not terraform or tofu';
  }
  if (
    raw.sshUser !== undefined &&
    (typeof raw.sshUser !== 'string' || !/^[a-z_][a-z0-9_-]{0,31}$/.test(raw.sshUser))
  )
    return `sshUser ${printable(String(raw.sshUser))} is not a login name`;
  const backend = raw.backend as { kind?: unknown } | undefined;
  if (backend !== undefined && !BACKEND_KINDS.includes(backend?.kind as (typeof BACKEND_KINDS)[number]))
    return `backend kind ${printable(String(backend?.kind))} is not one of ${BACKEND_KINDS.join(', ')}`;
  for (const key of ['architecture', 'dbVersion', 'cliVersion', 'createdAt', 'updatedAt'] as const)
    if (raw[key] !== undefined && (typeof raw[key] !== 'string' || hasControlChar(raw[key] as string)))
      return `${key} is not one line of text`;
  // lastError is exasol's own words about a failure (may quote a tool): any text, printed escaped.
  if (raw.lastError !== undefined && typeof raw.lastError !== 'string') return 'lastError is not text';
  return null;
}

function nodeRuleBroken(n: unknown): string | null {
  if (!n || typeof n !== 'object' || Array.isArray(n)) return 'is not an object';
  const node = n as Record<string, unknown>;
  if (typeof node.name !== 'string' || !NODE_NAME.test(node.name))
    return `name ${printable(String(node.name))} is not a host name (letters, digits, . _ -; not starting with -)`;
  for (const key of ['publicIp', 'privateIp'] as const) {
    const ip = node[key];
    if (ip !== null && ip !== undefined && (typeof ip !== 'string' || isIP(ip) === 0))
      return `${key} ${printable(String(ip))} is not an IP address`;
  }
  for (const key of ['state', 'instanceId'] as const) {
    const v = node[key];
    if (v !== undefined && (typeof v !== 'string' || !RECORDED_TEXT.test(v)))
      return `${key} ${printable(String(v))} is not printable text`;
  }
  return null;
}

/** The first rule terraform.tfvars.json breaks (init's parsers, the provider's owner rule, agreement
 * with the state), or null. */
export function tfvarsRuleBroken(
  tfvars: Record<string, unknown>,
  state: { deploymentId: string; clusterSize: number },
  validateOwner: (owner: string) => string | null,
): string | null {
  if (tfvars.deployment_id !== undefined && tfvars.deployment_id !== state.deploymentId)
    return `deployment_id ${printable(String(tfvars.deployment_id))} is not the state's ${state.deploymentId}`;
  const checks: [string, string][] = [
    ['node_count', 'cluster-size'],
    ['data_volume_size', 'data-volume-size'],
    ['data_volumes_per_node', 'data-volumes-per-node'],
    ['root_volume_size', 'root-volume-size'],
    ['architecture', 'architecture'],
    ['allowed_cidr', 'allowed-cidr'],
  ];
  for (const [key, flag] of checks) {
    if (tfvars[key] === undefined || tfvars[key] === null) continue;
    const broken = initRule(flag, tfvars[key]);
    if (broken) return `${key} ${broken}`;
  }
  if (tfvars.node_count !== undefined && tfvars.node_count !== state.clusterSize)
    return `node_count ${String(tfvars.node_count)} disagrees with the state's clusterSize ${state.clusterSize}`;
  if (tfvars.owner !== undefined) {
    const owner = tfvars.owner;
    const broken = typeof owner === 'string' ? validateOwner(owner) : 'is not text';
    if (broken) return `owner '${printable(String(owner))}' ${broken}`;
  }
  if (tfvars.running !== undefined && typeof tfvars.running !== 'boolean')
    return 'running is not true or false';
  return null;
}
