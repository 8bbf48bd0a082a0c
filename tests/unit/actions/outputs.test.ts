// The outputs contract as deploy reads it: node records, node_states, and clear errors for broken outputs.
import { describe, expect, it } from 'vitest';
import { parseOutputs } from '../../../src/actions/outputs.ts';
import { ansibleDetail, terraformDetail } from '../../../src/actions/steps.ts';

const o = (value: unknown) => ({ sensitive: false, type: 'x', value });
const good = {
  node_names: o(['n11', 'n12']),
  node_public_ips: o(['192.0.2.11', '']),
  node_private_ips: o(['10.0.0.11', '10.0.0.12']),
  instance_ids: o(['i-1', 'i-2']),
  ssh_user: o('exasol'),
};

describe('parseOutputs', () => {
  it('builds node records; empty addresses become null', () => {
    expect(parseOutputs(good, 'running')).toEqual({
      sshUser: 'exasol',
      dataVolumeIds: {},
      nodes: [
        { name: 'n11', publicIp: '192.0.2.11', privateIp: '10.0.0.11', state: 'running', instanceId: 'i-1' },
        { name: 'n12', publicIp: null, privateIp: '10.0.0.12', state: 'running', instanceId: 'i-2' },
      ],
    });
  });

  it('takes node_states when a template provides it', () => {
    const nodes = parseOutputs({ ...good, node_states: o(['running', 'stopped']) }, 'present').nodes;
    expect(nodes.map((n) => n.state)).toEqual(['running', 'stopped']);
  });

  it('names the missing output and the contract', () => {
    const { instance_ids: _, ...rest } = good;
    expect(() => parseOutputs(rest, 'running')).toThrow(
      "terraform output 'instance_ids' is missing or not a list",
    );
    expect(() => parseOutputs({ ...good, ssh_user: o('') }, 'running')).toThrow(
      "'ssh_user' is missing or empty",
    );
  });

  it('reads the jump host and the per-node volume ids in slot order', () => {
    const out = parseOutputs(
      {
        ...good,
        ssh_jump: o('ops@kvm1:2222'),
        data_volume_ids: o([['vol-0a1', 'vol-0a2'], []]),
      },
      'running',
    );
    expect(out.sshJump).toBe('ops@kvm1:2222');
    expect(out.dataVolumeIds).toEqual({ n11: ['vol-0a1', 'vol-0a2'] });
  });

  it('reads a directory written before ssh_jump and data_volume_ids joined the contract', () => {
    const out = parseOutputs(good, 'running');
    expect(out.sshJump).toBeUndefined();
    expect(out.dataVolumeIds).toEqual({});
  });

  it('refuses a jump host or volume id that would write more than itself into ssh_config', () => {
    expect(() => parseOutputs({ ...good, ssh_jump: o('kvm1\n  ProxyCommand sh') }, 'running')).toThrow(
      "terraform output 'ssh_jump' is not [user@]host[:port]",
    );
    expect(() => parseOutputs({ ...good, data_volume_ids: o([['vol-1\nx: y'], []]) }, 'running')).toThrow(
      "terraform output 'data_volume_ids' holds an id that is not one",
    );
    expect(() => parseOutputs({ ...good, data_volume_ids: o([['vol-1']]) }, 'running')).toThrow(
      "terraform output 'data_volume_ids' is not a list of 2 lists (one per node)",
    );
  });

  it('refuses lists of different lengths', () => {
    expect(() => parseOutputs({ ...good, instance_ids: o(['i-1']) }, 'running')).toThrow(
      'terraform outputs disagree on the node count (names 2, public IPs 2, private IPs 2, ids 1)',
    );
  });
});

describe('progress detail from tool output', () => {
  it('shortens terraform resource lines and keeps plan/apply summaries', () => {
    expect(terraformDetail('ganeti_instance.node[1]: Creating...')).toBe('creating ganeti_instance.node[1]');
    expect(terraformDetail('aws_instance.node["n12"]: Still creating... [1m10s elapsed]')).toBe(
      'still creating aws_instance.node["n12"]',
    );
    expect(terraformDetail('Plan: 3 to add, 0 to change, 0 to destroy.')).toBe(
      'Plan: 3 to add, 0 to change, 0 to destroy.',
    );
    expect(terraformDetail('Terraform used the selected providers')).toBeNull();
  });

  it('shows ansible task names', () => {
    expect(ansibleDetail('TASK [Install c4] ************')).toBe('Install c4');
    expect(ansibleDetail('ok: [n11]')).toBeNull();
  });
});
