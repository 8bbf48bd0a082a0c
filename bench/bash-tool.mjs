// The bash tool this CLI replaces (github rrusinov/exasol-deployer, never committed here): found through
// EXASOL_BASH_TOOL_DIR, run with the same PATH as exasol, which starts with stand-in tofu and
// ansible-playbook that only print a version (the bash tool probes both before every command) and
// stand-in aws/az/gcloud answering init's identity check (no network; as tests/fixtures/bin/cloud-cli).
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** `{ script }` of the bash tool, or `{ absent }` saying why it cannot be compared. */
export function findBashTool(env = process.env) {
  const dir = env.EXASOL_BASH_TOOL_DIR;
  if (!dir)
    return {
      absent:
        'EXASOL_BASH_TOOL_DIR unset (a work tree of github rrusinov/exasol-deployer: fetch it, then git worktree add or git archive)',
    };
  const script = join(dir, 'exasol');
  if (!existsSync(script)) return { absent: `EXASOL_BASH_TOOL_DIR=${dir} holds no 'exasol' script` };
  return { script };
}

/** Writes the stand-ins into `dir`; returns the PATH both tools run with. */
export function standInPath(dir, path = process.env.PATH ?? '') {
  mkdirSync(dir, { recursive: true });
  const tools = {
    tofu: 'OpenTofu v1.8.0',
    'ansible-playbook': 'ansible-playbook [core 2.14.18]',
    aws: '{"UserId":"AIDAFAKE","Account":"123456789012","Arn":"arn:aws:iam::123456789012:user/bench"}',
    az: '{"id":"00000000-0000-4000-8000-000000000001","user":{"name":"bench@example.com","type":"user"}}',
    gcloud: 'ya29.bench-access-token',
  };
  for (const [name, output] of Object.entries(tools)) {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\necho '${output}'\n`);
    chmodSync(file, 0o755);
  }
  return [dir, ...path.split(delimiter).filter(Boolean)].join(delimiter);
}
