// Evaluates a template's locals with the real `terraform console` (no providers needed: only the
// variables, the common locals and the locals block of main.tf are copied) against a deployment's terraform.tfvars.json.
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './cloud-init.ts';

const run = promisify(execFile);

/** The value of `expr` (an HCL expression over var.* and local.*) in deployment directory `dir`. */
export async function evalInDeployment(dir: string, expr: string): Promise<unknown> {
  const work = tempDir('console-');
  for (const name of ['variables-common.tf', 'locals-common.tf', 'variables.tf', 'terraform.tfvars.json'])
    copyFileSync(join(dir, name), join(work, name));
  const main = readFileSync(join(dir, 'main.tf'), 'utf8');
  const locals = /\nlocals \{\n[\s\S]*?\n\}\n/.exec(main);
  if (!locals) throw new Error(`no locals block in ${dir}/main.tf`);
  writeFileSync(join(work, 'locals.tf'), locals[0]);
  const child = run('terraform', ['console'], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', TF_CLI_CONFIG_FILE: '/dev/null', HOME: work },
  });
  child.child.stdin?.end(`jsonencode(${expr})\n`);
  const { stdout } = await child;
  return JSON.parse(JSON.parse(stdout.trim()) as string);
}
