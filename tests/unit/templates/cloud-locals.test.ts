// The cloud templates' locals evaluated by the real terraform: cloud-init user, images, data volumes, tags.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CLOUDS, type Cloud, type CloudInit, fakeCloudHome, runCloudInit } from '../../helpers/cloud-init.ts';
import { evalInDeployment } from '../../helpers/tf-console.ts';

// The OS image has one name, local.os_image, in every cloud (libvirt: var.os_image).
const IMAGE: Record<Cloud, [string, string, string]> = {
  aws: [
    'local.os_image',
    'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
    'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*',
  ],
  azure: [
    'local.os_image',
    'Canonical:ubuntu-24_04-lts:server:latest',
    'Canonical:ubuntu-24_04-lts:server-arm64:latest',
  ],
  gcp: ['local.os_image', 'ubuntu-os-cloud/ubuntu-2404-lts-amd64', 'ubuntu-os-cloud/ubuntu-2404-lts-arm64'],
};
const PROVIDERS: Record<Cloud, string[]> = {
  aws: ['hashicorp/aws ~> 6.0'],
  azure: ['azure/azapi ~> 2.0', 'hashicorp/azurerm ~> 4.0'],
  gcp: ['hashicorp/google ~> 6.0'],
};
const dirs = new Map<string, CloudInit>();

beforeAll(async () => {
  const { env, flags } = fakeCloudHome();
  await Promise.all(
    CLOUDS.flatMap((cloud) =>
      (['x86_64', 'arm64'] as const).map(async (architecture) => {
        const values = { ...flags[cloud], architecture, 'cluster-size': 3, 'data-volumes-per-node': 2 };
        const out = await runCloudInit(
          cloud,
          { ...values, 'allowed-cidr': '192.0.2.0/24', owner: 'ops-team' },
          env,
        );
        dirs.set(`${cloud}/${architecture}`, out);
      }),
    ),
  );
}, 60_000);

describe.each(CLOUDS)('%s locals', (cloud) => {
  const x86 = () => dirs.get(`${cloud}/x86_64`)!;

  it('cloud-init creates the exasol user with the generated key and passwordless sudo, and no password', async () => {
    const text = String(await evalInDeployment(x86().dir, 'local.user_data'));
    expect(text.split('\n')[0]).toBe('#cloud-config');
    const doc = parseYaml(text) as { users: Array<string | Record<string, unknown>> };
    const exasol = doc.users.find((u) => typeof u === 'object' && u.name === 'exasol') as Record<
      string,
      unknown
    >;
    expect(exasol).toMatchObject({
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      lock_passwd: true,
      ssh_authorized_keys: [x86().tfvars.ssh_public_key],
    });
    expect(Object.keys(exasol).filter((k) => /passw(or)?d/.test(k) && k !== 'lock_passwd')).toEqual([]);
  });

  it('needs only its pinned providers (no tls, random or local), as terraform itself reads the configuration', () => {
    const out = execFileSync('terraform', ['providers'], {
      cwd: x86().dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', TF_CLI_CONFIG_FILE: '/dev/null' },
    });
    const found = [...out.matchAll(/provider\[registry\.terraform\.io\/([^\]]+)\] (\S+ \S+)/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(found.sort()).toEqual(PROVIDERS[cloud]);
  });

  it('picks the Ubuntu 24.04 image for the architecture', async () => {
    const [expr, amd, arm] = IMAGE[cloud];
    expect(await evalInDeployment(x86().dir, expr)).toBe(amd);
    expect(await evalInDeployment(dirs.get(`${cloud}/arm64`)!.dir, expr)).toBe(arm);
  });

  it('plans --data-volumes-per-node volumes for every node', async () => {
    const vols = (await evalInDeployment(x86().dir, 'local.data_volumes')) as Array<Record<string, number>>;
    expect(vols).toHaveLength(6);
    expect(new Set(vols.map((v) => JSON.stringify(v))).size).toBe(6);
    expect(vols.filter((v) => v.node === 2)).toHaveLength(2);
  });

  it('tags with the deployment id and owner', async () => {
    expect(await evalInDeployment(x86().dir, 'local.tags')).toEqual({
      'exasol-deployment': x86().tfvars.deployment_id,
      owner: 'ops-team',
    });
  });
});

describe('aws data volume devices', () => {
  it('are /dev/sdf, /dev/sdg per node', async () => {
    const devices = await evalInDeployment(dirs.get('aws/x86_64')!.dir, 'local.data_devices');
    expect(devices).toEqual(['/dev/sdf', '/dev/sdg', '/dev/sdf', '/dev/sdg', '/dev/sdf', '/dev/sdg']);
  });

  it('run /dev/sdf to /dev/sdu for the 16 volumes init accepts, each a distinct device', async () => {
    const { env, flags } = fakeCloudHome();
    const out = await runCloudInit(
      'aws',
      { ...flags.aws, 'data-volumes-per-node': 16, 'allowed-cidr': '192.0.2.0/24' },
      env,
    );
    const devices = (await evalInDeployment(out.dir, 'local.data_devices')) as string[];
    expect(devices).toEqual([...'fghijklmnopqrstu'].map((l) => `/dev/sd${l}`));
  });
});
