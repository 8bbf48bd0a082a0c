// biome-ignore-all lint/suspicious/noTemplateCurlyInString: e2e configs use ${VAR} placeholders on purpose
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../src/deployment/status.ts';
import { PROVIDER_IDS } from '../../../src/providers/types.ts';
import { configProblems, expandEnv, parseConfig } from '../../e2e/config.ts';
import { NODE_STATES, STEP_KINDS } from '../../e2e/config-types.ts';
import { initFlagNames } from '../../e2e/run.ts';

const dir = join(import.meta.dirname, '..', '..', 'e2e');
const read = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));
const valid = () => ({
  name: 't',
  description: 'test',
  provider: 'ganeti',
  nodeBudget: 2,
  init: { 'cluster-size': 2, 'ganeti-endpoint': '${GANETI_ENDPOINT}' },
  steps: [
    { step: 'init' },
    { step: 'deploy', infraOnly: true },
    { step: 'status', expect: { status: 'infrastructure_ready' } },
  ],
});

describe('e2e config validation', () => {
  const flags = initFlagNames();
  const configs = readdirSync(join(dir, 'configs')).filter((f) => f.endsWith('.json'));

  it('ships ganeti (infra-only and full on booted guests), libvirt and one config per cloud', () => {
    expect(configs.sort()).toEqual([
      'aws-basic.json',
      'azure-basic.json',
      'ganeti-basic.json',
      'ganeti-full.json',
      'gcp-basic.json',
      'libvirt-basic.json',
    ]);
  });

  it.each(configs)('%s is valid against the real init flags', (f) => {
    expect(configProblems(read(join(dir, 'configs', f)), flags)).toEqual([]);
  });

  it('names the path, the bad value and the accepted statuses', () => {
    const c = valid();
    c.steps[2] = { step: 'status', expect: { status: 'redy' } };
    expect(configProblems(c)).toEqual([
      `steps[2].expect.status: unknown status 'redy' (accepted: ${STATUSES.join(', ')})`,
    ]);
  });

  it('rejects unknown init flags, a cluster larger than the node budget and runner-owned flags', () => {
    const c = valid();
    Object.assign(c.init, { 'ganeti-endpont': 'x', 'cluster-size': 3, 'deployment-dir': '/tmp/x' });
    expect(configProblems(c, flags)).toEqual([
      'init.ganeti-endpont: unknown init flag --ganeti-endpont',
      'init.deployment-dir: set by the runner; remove it',
      'init.cluster-size: 3 exceeds nodeBudget 2',
    ]);
  });

  it('rejects step keys in the wrong place, bad steps and a first step other than init', () => {
    const c = {
      ...valid(),
      steps: [
        { step: 'deploy', refresh: true },
        { step: 'reboot' },
        { step: 'stop', expect: { nodes: 1 } },
        { step: 'status', expect: { nodes: 5, exitCode: 7 } },
      ],
    };
    expect(configProblems(c)).toEqual([
      'steps[0].refresh: a boolean, on status steps only',
      `steps[1].step: unknown step "reboot" (accepted: ${STEP_KINDS.join(', ')})`,
      'steps[2].expect.nodes: only status steps can check status, nodes or nodeState',
      'steps[3].expect.exitCode: unknown exit code 7 (accepted: 0, 1, 2, 3, 130)',
      'steps[3].expect.nodes: 5 exceeds nodeBudget 2',
      "steps[0].step: the first step must be 'init'",
    ]);
  });

  it('parseConfig throws one error listing every problem with the file name', () => {
    expect(() => parseConfig({ ...valid(), provider: 'openstack', nodeBudget: 0 }, 'x.json')).toThrow(
      /^x\.json: invalid e2e config\n {2}provider: unknown provider "openstack" \(accepted: aws, azure, gcp, libvirt, ganeti\)\n {2}nodeBudget: must be an integer >= 1$/,
    );
  });

  it('expands ${VAR} from the environment and names the flag of an unset one', () => {
    expect(expandEnv({ a: 'x-${V}', b: ['${V}'], c: 2 }, { V: 'v' })).toEqual({ a: 'x-v', b: ['v'], c: 2 });
    expect(() => expandEnv({ 'ganeti-endpoint': '${NOPE}' }, {})).toThrow(
      'init.ganeti-endpoint: environment variable NOPE is not set',
    );
  });

  it('the JSON Schema lists the same providers, steps, statuses and node states as the validator', () => {
    const schema = read(join(dir, 'config.schema.json')) as {
      properties: { provider: { enum: string[] } };
      $defs: {
        step: {
          properties: {
            step: { enum: string[] };
            expect: { properties: Record<string, { enum?: unknown[] }> };
          };
        };
      };
    };
    const step = schema.$defs.step.properties;
    expect(schema.properties.provider.enum).toEqual([...PROVIDER_IDS]);
    expect(step.step.enum).toEqual([...STEP_KINDS]);
    expect(step.expect.properties.status?.enum).toEqual([...STATUSES]);
    expect(step.expect.properties.nodeState?.enum).toEqual([...NODE_STATES]);
  });
});
