// `exasol init` arguments per provider for the benchmarks: libvirt's test driver, the Ganeti sandbox
// (when GANETI_ENDPOINT is set), and the clouds with fake credentials in a temporary HOME.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CIDR = ['--allowed-cidr', '203.0.113.0/24'];

/** Writes fake cloud credentials under `home`; returns extra environment variables. */
export function fakeCloudHome(home) {
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'credentials'),
    '[default]\naws_access_key_id = AKIAFAKEFAKEFAKEFAKE\naws_secret_access_key = fake/fake/fake/fake/fake/fake/fake/fake00\n',
  );
  const key = {
    type: 'service_account',
    project_id: 'bench-project',
    client_email: 'bench@bench-project.iam.gserviceaccount.com',
    private_key: '-----BEGIN PRIVATE KEY-----\nfake\n-----END PRIVATE KEY-----\n',
  };
  writeFileSync(join(home, 'gcp-key.json'), JSON.stringify(key));
  return {
    HOME: home,
    ARM_CLIENT_ID: 'fake',
    ARM_CLIENT_SECRET: 'fake',
    ARM_TENANT_ID: '00000000-0000-0000-0000-000000000000',
  };
}

/** Init arguments per provider id; ganeti only when its sandbox variables are set. */
export function initArgs(home, env) {
  const out = {
    libvirt: ['--libvirt-uri', 'test:///default', '--libvirt-pool', 'default-pool', '--libvirt-memory', '1'],
    aws: [...CIDR],
    azure: [...CIDR, '--azure-subscription', '00000000-0000-0000-0000-000000000000'],
    gcp: [...CIDR, '--gcp-credentials-file', join(home, 'gcp-key.json')],
  };
  if (env.GANETI_ENDPOINT && env.GANETI_PASSWORD)
    out.ganeti = [
      '--ganeti-endpoint',
      env.GANETI_ENDPOINT,
      '--ganeti-os-type',
      env.GANETI_OS_TYPE ?? 'noop',
      '--ganeti-disk-template',
      'diskless',
      ...(env.GANETI_NETWORK ? ['--ganeti-network', env.GANETI_NETWORK] : []),
      ...(env.GANETI_CA_FINGERPRINT
        ? ['--ganeti-ca-fingerprint', env.GANETI_CA_FINGERPRINT]
        : ['--ganeti-insecure']),
    ];
  return out;
}
