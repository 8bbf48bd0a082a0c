// Chooses the terraform-compatible engine: --terraform-binary / EXASOL_TERRAFORM, else tofu, else terraform.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { EngineRecord } from '../deployment/state.ts';
import { ExasolError } from '../errors.ts';
import { run } from './run.ts';

const MIN_VERSION = [1, 5, 0];

/** Finds an executable on PATH (or checks an explicit path). */
export async function which(name: string, path = process.env.PATH ?? ''): Promise<string | null> {
  const candidates = name.includes('/')
    ? [name]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, name));
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      return c;
    } catch {
      // keep looking
    }
  }
  return null;
}

/** Resolves and version-checks the engine; explicit choices that fail are errors, not fallbacks. */
export async function detectEngine(explicit: string | undefined): Promise<EngineRecord> {
  const tried = explicit ? [explicit] : ['tofu', 'terraform'];
  for (const name of tried) {
    const binary = await which(name);
    if (!binary) continue;
    const { stdout } = await run(binary, ['version', '-json'], { timeoutMs: 30_000 });
    const version = parseVersion(stdout);
    const engineName = /tofu/i.test(stdout) || /tofu/.test(binary) ? 'tofu' : 'terraform';
    if (compare(version, MIN_VERSION) < 0) {
      throw new ExasolError(
        'E_ENGINE_VERSION',
        `${binary} is version ${version}; exasol needs terraform or tofu >= 1.5`,
      );
    }
    return { binary, name: engineName, version };
  }
  throw new ExasolError(
    'E_ENGINE_MISSING',
    explicit
      ? `terraform binary '${explicit}' not found or not executable`
      : 'neither tofu nor terraform found on PATH',
    {
      hint: 'install OpenTofu or Terraform >= 1.5, or pass --terraform-binary PATH',
    },
  );
}

function parseVersion(out: string): string {
  try {
    const v = (JSON.parse(out) as { terraform_version?: string }).terraform_version;
    if (v) return v;
  } catch {
    // older engines print text
  }
  const m = /v?(\d+\.\d+\.\d+)/.exec(out);
  if (!m?.[1])
    throw new ExasolError('E_ENGINE_VERSION', `cannot read the engine version from: ${out.slice(0, 80)}`);
  return m[1];
}

function compare(version: string, min: number[]): number {
  const parts = version.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (parts[i] ?? 0) - (min[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
