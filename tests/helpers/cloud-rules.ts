// Rules the cloud templates must follow, checked on parsed HCL: tags/labels, names, public ports, power.
import type { SchemaFixture } from './hcl-check.ts';

type Parsed = Record<string, Record<string, unknown>>;
type Body = Record<string, unknown>;

/** The parsed form of an HCL expression `expr`: `${expr}`. */
export function interp(expr: string): string {
  return `\${${expr}}`;
}

/** Ports that must be open to --allowed-cidr, and nothing else. */
export const PUBLIC_PORTS = [22, 2581, 8443, 8563];

/** Every resource body of the parsed files as [type, name, body]. */
export function resources(parsed: Parsed): Array<[string, string, Body]> {
  const out: Array<[string, string, Body]> = [];
  for (const file of Object.values(parsed))
    for (const [type, byName] of Object.entries(
      (file.resource ?? {}) as Record<string, Record<string, Body[]>>,
    ))
      for (const [name, bodies] of Object.entries(byName)) for (const b of bodies) out.push([type, name, b]);
  return out;
}

/** The merged `locals` of the parsed files. */
export function locals(parsed: Parsed): Body {
  const out: Body = {};
  for (const file of Object.values(parsed))
    for (const block of (file.locals ?? []) as Body[]) Object.assign(out, block);
  return out;
}

/** Resources whose schema takes `tagAttr` but that do not set it from `local.<localName>`. */
export function untagged(
  parsed: Parsed,
  schemas: SchemaFixture[],
  tagAttr: string,
  localName: string,
): string[] {
  const problems: string[] = [];
  const ref = `local.${localName}`;
  for (const [type, name, body] of resources(parsed)) {
    const block = schemas.map((s) => s.resources[type]).find((b) => b !== undefined);
    if (!block?.attributes.includes(tagAttr)) continue;
    if (!String(body[tagAttr] ?? '').includes(ref))
      problems.push(`${type}.${name} lacks ${tagAttr} from ${ref}`);
  }
  const tags = locals(parsed)[localName] as Record<string, unknown> | undefined;
  if (tags?.['exasol-deployment'] !== interp('var.deployment_id'))
    problems.push(`${ref} lacks exasol-deployment`);
  if (tags?.owner !== interp('var.owner')) problems.push(`${ref} lacks owner`);
  return problems;
}

/** Resource `name`/`key_name` values that do not start with the deployment id (references excepted). */
export function badNames(parsed: Parsed): string[] {
  const problems: string[] = [];
  for (const [type, name, body] of resources(parsed))
    for (const attr of ['name', 'key_name'])
      if (attr in body && !/^\$\{(var\.deployment_id}-|[a-z]+_[a-z_]+\.)/.test(String(body[attr])))
        problems.push(`${type}.${name}.${attr} = ${String(body[attr])}`);
  return problems;
}

/** Inbound sources of the firewall rules that allow traffic, with the ports they open. */
export function inboundRules(parsed: Parsed): Array<{ rule: string; sources: string[]; ports: string }> {
  const out: Array<{ rule: string; sources: string[]; ports: string }> = [];
  for (const [type, name, b] of resources(parsed)) {
    const rule = `${type}.${name}`;
    if (type === 'aws_vpc_security_group_ingress_rule')
      out.push({ rule, sources: [String(b.cidr_ipv4 ?? b.referenced_security_group_id)], ports: portsOf(b) });
    if (type === 'azurerm_network_security_rule' && b.direction === 'Inbound' && b.access === 'Allow')
      out.push({ rule, sources: [String(b.source_address_prefix)], ports: portsOf(b) });
    if (type === 'google_compute_firewall' && b.direction === 'INGRESS') {
      const sources = (b.source_ranges ?? b.source_tags) as string[];
      const allow = (b.allow as Body[] | undefined)?.[0] ?? {};
      out.push({ rule, sources, ports: String(allow.ports ?? allow.protocol) });
    }
  }
  return out;
}

function portsOf(b: Body): string {
  return String(b.for_each ?? b.from_port ?? b.destination_port_range ?? '');
}
