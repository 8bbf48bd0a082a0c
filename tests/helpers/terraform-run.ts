// Runs the real terraform binary in a working directory with the provider mirror config, for tests.
import { spawn } from 'node:child_process';
import { connect } from 'node:tls';

/** Result of one terraform command. */
export interface TfResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Path of terraform (TERRAFORM_BIN overrides). */
export const terraformBin = process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';

/** Environment for terraform: the generated CLI config, no checkpoint calls, automation mode. */
export function terraformEnv(cliConfigPath: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const noColor = Object.fromEntries(
    ['plan', 'apply', 'destroy', 'import', 'init'].map((c) => [`TF_CLI_ARGS_${c}`, '-no-color']),
  );
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfigPath,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    ...noColor,
    ...extra,
  };
}

/** Starts terraform; `done` resolves when it exits. */
export function startTerraform(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(terraformBin, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<TfResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

/** Runs terraform to completion. */
export function terraform(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<TfResult> {
  return startTerraform(cwd, args, env).done;
}

/** SHA-256 fingerprint of the certificate an https endpoint presents (trust on first use, tests only). */
export function serverFingerprint(endpoint: string): Promise<string> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: url.hostname, port: Number(url.port || 443), rejectUnauthorized: false },
      () => {
        resolve(socket.getPeerCertificate().fingerprint256.replace(/:/g, ''));
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}
