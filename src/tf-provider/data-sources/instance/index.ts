// Data source ganeti_instance: an existing instance looked up by name.
import type { RapiClient } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { errorDiag } from '../../diagnostics.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { computed, required } from '../../schema.ts';
import type { DataSource, ResourceContext, StateResult } from '../../spec.ts';
import { instanceSummary } from '../instances/index.ts';

const strList = ['list', 'string'] as const;

async function read(ctx: ResourceContext<RapiClient>, config: ObjectValue): Promise<StateResult> {
  const name = String(config.name ?? '');
  try {
    const info = await ctx.client.instance(name);
    if (!info)
      return {
        state: null,
        diagnostics: [errorDiag('Instance not found', `Ganeti has no instance named "${name}".`, ['name'])],
      };
    const ips = Array.isArray(info['nic.ips']) ? info['nic.ips'] : [];
    return {
      state: {
        ...instanceSummary(info),
        id: info.name,
        name,
        status: info.status,
        ip_addresses: ips.map((ip) => ip ?? ''),
        macs: Array.isArray(info['nic.macs']) ? info['nic.macs'] : [],
        disk_sizes: info['disk.sizes'] ?? [],
      },
      diagnostics: [],
    };
  } catch (err) {
    return { state: null, diagnostics: [ganetiDiag(`Cannot read instance ${name}`, err)] };
  }
}

/** The ganeti_instance data source. */
export const instanceDataSource = {
  typeName: 'ganeti_instance',
  schema: {
    description: 'An existing Ganeti instance, by name.',
    attributes: {
      name: required('string', 'Instance name.'),
      id: computed('string', 'Instance name as stored by Ganeti.'),
      uuid: computed('string', 'Ganeti UUID.'),
      os_type: computed('string', 'OS definition.'),
      disk_template: computed('string', 'Disk template.'),
      memory: computed('number', 'Memory (maxmem) in MiB.'),
      vcpus: computed('number', 'Virtual CPUs.'),
      primary_node: computed('string', 'Primary node.'),
      status: computed('string', 'Ganeti status.'),
      running: computed('bool', 'True when administratively up.'),
      tags: computed(strList, 'Tags, sorted.'),
      ip_addresses: computed(strList, 'IP address per NIC ("" when none).'),
      macs: computed(strList, 'MAC address per NIC.'),
      disk_sizes: computed(['list', 'number'], 'Disk sizes in MiB.'),
    },
  },
  validate: () => [],
  read,
} satisfies DataSource<RapiClient>;
