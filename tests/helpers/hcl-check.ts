// Checks rendered Terraform: HCL parse (HashiCorp's parser via @cdktf/hcl2json), `terraform fmt -check`,
// var/tfvars cross-check, and resource/attribute names against a provider schema fixture.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** Parsed HCL of every *.tf file in `dir`, parsed file by file (line numbers stay right). */
export async function parseDir(dir: string): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.tf'))) {
    out[name] = (await parse(name, readFileSync(join(dir, name), 'utf8'))) as Record<string, unknown>;
  }
  return out;
}

/** Runs `terraform fmt -check -diff` on `dir`; returns the diff (empty when formatted). */
export function fmtDiff(dir: string): string {
  try {
    execFileSync('terraform', ['fmt', '-check', '-diff', dir], {
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
      stdio: 'pipe',
    });
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

function collect(value: unknown, pattern: RegExp, into: Set<string>): void {
  if (typeof value === 'string') {
    // Only expressions reference things; hcl2json keeps them as "${...}" strings, literals stay plain.
    if (!value.includes('${')) return;
    for (const m of value.matchAll(pattern)) if (m[1]) into.add(m[1]);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collect(v, pattern, into);
  }
}

/** Undeclared var./local. references and tfvars keys that are not declared variables. */
export function crossCheck(
  parsed: Record<string, Record<string, unknown>>,
  tfvars: Record<string, unknown>,
): string[] {
  const declared = new Set<string>();
  const locals = new Set<string>();
  const usedVars = new Set<string>();
  const usedLocals = new Set<string>();
  const requiredVars = new Set<string>();
  for (const file of Object.values(parsed)) {
    for (const [name, blocks] of Object.entries(
      (file.variable ?? {}) as Record<string, Array<Record<string, unknown>>>,
    )) {
      declared.add(name);
      if (!blocks.some((b) => 'default' in b)) requiredVars.add(name);
    }
    for (const block of (file.locals ?? []) as Array<Record<string, unknown>>)
      for (const k of Object.keys(block)) locals.add(k);
    collect(file, /\bvar\.([A-Za-z_][\w-]*)/g, usedVars);
    collect(file, /\blocal\.([A-Za-z_][\w-]*)/g, usedLocals);
  }
  const problems: string[] = [];
  for (const v of usedVars) if (!declared.has(v)) problems.push(`var.${v} is used but not declared`);
  for (const l of usedLocals) if (!locals.has(l)) problems.push(`local.${l} is used but not defined`);
  for (const k of Object.keys(tfvars))
    if (!declared.has(k)) problems.push(`tfvars key ${k} is not a declared variable`);
  for (const r of requiredVars)
    if (!(r in tfvars)) problems.push(`variable ${r} has no default and is missing from tfvars`);
  return problems;
}

/** Schema fixture: resource/data types with their attribute and block names (nested blocks by name). */
export interface SchemaFixture {
  provider: string;
  version: string;
  resources: Record<string, SchemaBlock>;
  data_sources?: Record<string, SchemaBlock>;
}
/** Attribute names and nested blocks of one block. */
export interface SchemaBlock {
  attributes: string[];
  blocks?: Record<string, SchemaBlock>;
}

const META = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
  'dynamic',
]);

/** Unknown resource types, attributes or blocks in `parsed` for resources whose type starts with `prefix`. */
export function schemaCheck(
  parsed: Record<string, Record<string, unknown>>,
  schema: SchemaFixture,
  prefix: string,
): string[] {
  const problems: string[] = [];
  for (const [kind, table] of [
    ['resource', schema.resources],
    ['data', schema.data_sources ?? {}],
  ] as const) {
    for (const file of Object.values(parsed)) {
      for (const [type, byName] of Object.entries(
        (file[kind] ?? {}) as Record<string, Record<string, unknown[]>>,
      )) {
        if (!type.startsWith(prefix)) continue;
        const block = table[type];
        if (!block) {
          problems.push(`${kind} type ${type} is not in the ${schema.provider} ${schema.version} schema`);
          continue;
        }
        for (const [name, bodies] of Object.entries(byName)) {
          for (const body of bodies)
            checkBlock(body as Record<string, unknown>, block, `${type}.${name}`, problems);
        }
      }
    }
  }
  return problems;
}

function checkBlock(
  body: Record<string, unknown>,
  block: SchemaBlock,
  path: string,
  problems: string[],
): void {
  for (const [key, value] of Object.entries(body)) {
    if (META.has(key)) {
      if (key === 'dynamic') {
        for (const [dynName, dynBodies] of Object.entries(
          value as Record<string, Array<Record<string, unknown>>>,
        )) {
          const nested = block.blocks?.[dynName];
          if (!nested) problems.push(`${path}: unknown block ${dynName}`);
          else
            for (const d of dynBodies)
              for (const c of (d.content ?? []) as Array<Record<string, unknown>>)
                checkBlock(c, nested, `${path}.${dynName}`, problems);
        }
      }
      continue;
    }
    if (block.attributes.includes(key)) continue;
    const nested = block.blocks?.[key];
    if (!nested) {
      problems.push(`${path}: unknown attribute or block ${key}`);
      continue;
    }
    for (const b of (Array.isArray(value) ? value : [value]) as Array<Record<string, unknown>>)
      checkBlock(b, nested, `${path}.${key}`, problems);
  }
}
