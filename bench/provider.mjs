#!/usr/bin/env node
// Benchmark of terraform-provider-ganeti (not a test): launch-to-handshake time of the provider, and
// `terraform apply` and `terraform destroy` of N instances (default 12) against the same N create and
// delete jobs submitted at once straight to RAPI (the floor), each as a ratio.
// Needs GANETI_ENDPOINT/GANETI_USERNAME/GANETI_PASSWORD and terraform (TERRAFORM_BIN). Usage:
//   node bench/provider.mjs [--instances 12] [--repeats 3]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: { instances: { type: 'string', default: '12' }, repeats: { type: 'string', default: '3' } },
});
const N = Number(values.instances);
const R = Number(values.repeats);
const root = fileURLToPath(new URL('../', import.meta.url));
const terraformBin = process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';
const COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

for (const k of ['GANETI_ENDPOINT', 'GANETI_USERNAME', 'GANETI_PASSWORD']) {
  if (!process.env[k]) throw new Error(`${k} is not set`);
}

// Bundle the provider and the project's own RAPI client / installer / cert helper (no second client here).
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: { 'terraform-provider-ganeti': 'src/tf-provider/main.ts' },
  outdir: 'dist',
  sourcemap: 'linked',
});
await build({
  ...common,
  stdin: {
    contents:
      "export * from './src/ganeti/index.ts'; export * from './src/tf-provider/install.ts'; export * from './src/tf-provider/tls.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  outfile: join(root, 'dist/bench-lib.mjs'),
});
const lib = await import(join(root, 'dist/bench-lib.mjs'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Spawn → handshake line, in ms. */
async function handshakeMs(clientPem) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/terraform-provider-ganeti.js')], {
    env: {
      ...process.env,
      TF_PLUGIN_MAGIC_COOKIE: COOKIE,
      PLUGIN_PROTOCOL_VERSIONS: '5,6',
      PLUGIN_CLIENT_CERT: clientPem,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const ms = performance.now() - t0;
  child.kill('SIGTERM');
  return ms;
}

function run(cwd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(terraformBin, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`terraform ${args[0]} failed (${code}): ${err}`)),
    );
  });
}

const endpoint = process.env.GANETI_ENDPOINT;
const probe = new lib.RapiClient({
  endpoint,
  username: process.env.GANETI_USERNAME,
  password: process.env.GANETI_PASSWORD,
  tls: { mode: 'insecure' },
});
const { createHash } = await import('node:crypto');
const tls = await import('node:tls');
const fingerprint = await new Promise((resolve, reject) => {
  const u = new URL(endpoint);
  const s = tls.connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => {
    resolve(createHash('sha256').update(s.getPeerCertificate().raw).digest('hex'));
    s.end();
  });
  s.on('error', reject);
});
const rapi = new lib.RapiClient({
  endpoint,
  username: process.env.GANETI_USERNAME,
  password: process.env.GANETI_PASSWORD,
  tls: { mode: 'fingerprint', sha256: fingerprint },
});
void probe;
const spec = (name) => ({
  instance_name: name,
  os_type: 'noop',
  disk_template: 'diskless',
  disks: [],
  nics: [{ link: 'gnt0' }],
  beparams: { maxmem: 128, minmem: 128, vcpus: 1 },
});
const cleanup = async (prefix) => {
  const names = (await rapi.instances()).map((i) => i.name).filter((n) => n.startsWith(prefix));
  await Promise.all(names.map(async (n) => lib.waitForJob(rapi, await rapi.deleteInstance(n))));
};

const cert = await lib.makeSelfSignedCert('P-521');
const hs = [];
for (let i = 0; i < Math.max(5, R); i++) hs.push(await handshakeMs(cert.certPem));

const dir = await mkdtemp(join(tmpdir(), 'tfp-bench-'));
const { cliConfigPath } = await lib.installProviderMirror(dir, '0.1.0');
const env = {
  ...process.env,
  TF_CLI_CONFIG_FILE: cliConfigPath,
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
};
const tfRuns = [];
const floorRuns = [];
const tfDestroyRuns = [];
const tfNoDryRuns = [];
const floorDestroyRuns = [];
try {
  for (let r = 0; r < R; r++) {
    const prefix = `tfb-${randomBytes(3).toString('hex')}`;
    const hcl = `terraform {\n  required_providers {\n    ganeti = { source = "${lib.PROVIDER_SOURCE}", version = "0.1.0" }\n  }\n}\nprovider "ganeti" {\n  ca_fingerprint = "sha256:${fingerprint}"\n  dry_run_creates = var.dry_run\n}\nvariable "dry_run" {\n  type    = bool\n  default = true\n}\nresource "ganeti_instance" "i" {\n  count         = ${N}\n  name          = "${prefix}-\${count.index}"\n  os_type       = "noop"\n  disk_template = "diskless"\n  memory        = 128\n  vcpus         = 1\n  nics {\n    link = "gnt0"\n  }\n}\n`;
    const work = join(dir, `run${r}`);
    await (await import('node:fs/promises')).mkdir(work);
    await writeFile(join(work, 'main.tf'), hcl);
    await run(work, ['init', '-input=false'], env);
    let t0 = performance.now();
    await run(work, ['apply', '-auto-approve', '-input=false', '-parallelism=10'], env);
    tfRuns.push(performance.now() - t0);
    t0 = performance.now();
    await run(work, ['destroy', '-auto-approve', '-input=false', '-parallelism=10'], env);
    tfDestroyRuns.push(performance.now() - t0);
    // The same apply without the plan-time dry-run creates: what those checks cost.
    t0 = performance.now();
    await run(
      work,
      ['apply', '-auto-approve', '-input=false', '-parallelism=10', '-var', 'dry_run=false'],
      env,
    );
    tfNoDryRuns.push(performance.now() - t0);
    await run(
      work,
      ['destroy', '-auto-approve', '-input=false', '-parallelism=10', '-var', 'dry_run=false'],
      env,
    );

    const fprefix = `${prefix}f`;
    t0 = performance.now();
    const ids = await Promise.all(
      Array.from({ length: N }, (_, i) => rapi.createInstance(spec(`${fprefix}-${i}`))),
    );
    await Promise.all(ids.map((id) => lib.waitForJob(rapi, id)));
    floorRuns.push(performance.now() - t0);
    t0 = performance.now();
    await cleanup(fprefix);
    floorDestroyRuns.push(performance.now() - t0);
    process.stderr.write(
      `run ${r + 1}/${R}: terraform apply ${secs(tfRuns.at(-1))} / destroy ${secs(tfDestroyRuns.at(-1))}, ` +
        `RAPI floor create ${secs(floorRuns.at(-1))} / delete ${secs(floorDestroyRuns.at(-1))}\n`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
const tf = median(tfRuns);
const floor = median(floorRuns);
console.log(
  `provider launch → handshake: median ${median(hs).toFixed(0)} ms (runs: ${hs.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(`terraform apply of ${N} instances: median ${secs(tf)} (runs: ${tfRuns.map(secs).join(', ')})`);
console.log(
  `${N} create jobs straight to RAPI (floor): median ${secs(floor)} (runs: ${floorRuns.map(secs).join(', ')})`,
);
console.log(`ratio terraform apply / create floor: ${(tf / floor).toFixed(2)}× (goal ≤ 1.3×)`);
const tfn = median(tfNoDryRuns);
console.log(
  `terraform apply with dry_run_creates = false: median ${secs(tfn)} (runs: ${tfNoDryRuns.map(secs).join(', ')}), ` +
    `ratio ${(tfn / floor).toFixed(2)}×`,
);
const tfd = median(tfDestroyRuns);
const floord = median(floorDestroyRuns);
console.log(
  `terraform destroy of ${N} instances: median ${secs(tfd)} (runs: ${tfDestroyRuns.map(secs).join(', ')})`,
);
console.log(
  `${N} delete jobs straight to RAPI (floor): median ${secs(floord)} (runs: ${floorDestroyRuns.map(secs).join(', ')})`,
);
console.log(`ratio terraform destroy / delete floor: ${(tfd / floord).toFixed(2)}×`);
