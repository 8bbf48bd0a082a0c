// Data source ganeti_cluster: facts about the cluster the provider talks to.
import type { RapiClient } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { computed } from '../../schema.ts';
import type { DataSource, ResourceContext, StateResult } from '../../spec.ts';

const strList = ['list', 'string'] as const;

async function read(ctx: ResourceContext<RapiClient>, _config: ObjectValue): Promise<StateResult> {
  try {
    const [info, nodes] = await Promise.all([ctx.client.info(), ctx.client.nodes()]);
    return {
      state: {
        id: info.name,
        name: info.name,
        version: info.software_version,
        master: info.master,
        default_hypervisor: info.default_hypervisor,
        enabled_hypervisors: info.enabled_hypervisors,
        enabled_disk_templates: info.enabled_disk_templates,
        nodes: nodes.map((node) => node.name).sort(),
      },
      diagnostics: [],
    };
  } catch (err) {
    return { state: null, diagnostics: [ganetiDiag('Cannot read the Ganeti cluster', err)] };
  }
}

/** The ganeti_cluster data source. */
export const clusterDataSource = {
  typeName: 'ganeti_cluster',
  schema: {
    description: 'The Ganeti cluster behind the provider endpoint.',
    attributes: {
      id: computed('string', 'Cluster name.'),
      name: computed('string', 'Cluster name.'),
      version: computed('string', 'Ganeti software version.'),
      master: computed('string', 'Master node.'),
      default_hypervisor: computed('string', 'Default hypervisor.'),
      enabled_hypervisors: computed(strList, 'Enabled hypervisors.'),
      enabled_disk_templates: computed(strList, 'Enabled disk templates.'),
      nodes: computed(strList, 'Node names, sorted.'),
    },
  },
  validate: () => [],
  read,
} satisfies DataSource<RapiClient>;
