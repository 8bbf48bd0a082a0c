// Data source ganeti_instances: discovery of existing instances (by tag and/or name prefix), so that an
// operator can adopt a cluster with `import { for_each = ... }`.
import type { InstanceInfo, RapiClient } from '../../../ganeti/index.ts';
import type { ObjectValue } from '../../codec.ts';
import { type Diagnostic, errorDiag } from '../../diagnostics.ts';
import { ganetiDiag } from '../../ganeti-errors.ts';
import { computed, optional } from '../../schema.ts';
import type { DataSource, ResourceContext, StateResult } from '../../spec.ts';

const strList = ['list', 'string'] as const;
const instanceType = [
  'object',
  {
    name: 'string',
    uuid: 'string',
    os_type: 'string',
    disk_template: 'string',
    memory: 'number',
    vcpus: 'number',
    primary_node: 'string',
    running: 'bool',
    tags: strList,
  },
] as const;

/** The facts both instance data sources give about one instance. */
export function instanceSummary(i: InstanceInfo): ObjectValue {
  return {
    name: i.name,
    uuid: i.uuid,
    os_type: i.os,
    disk_template: i.disk_template,
    memory: i.beparams?.maxmem ?? null,
    vcpus: i.beparams?.vcpus ?? null,
    primary_node: i.pnode,
    running: i.admin_state === 'up',
    tags: [...(i.tags ?? [])].sort(),
  };
}

function validate(config: ObjectValue): Diagnostic[] {
  if (config.name_prefix === '')
    return [
      errorDiag('Empty name_prefix', 'name_prefix must not be empty; leave it out to match all names.', [
        'name_prefix',
      ]),
    ];
  return [];
}

async function read(ctx: ResourceContext<RapiClient>, config: ObjectValue): Promise<StateResult> {
  const tag = typeof config.tag === 'string' ? config.tag : null;
  const prefix = typeof config.name_prefix === 'string' ? config.name_prefix : null;
  try {
    const found = (await ctx.client.instances())
      .filter(
        (i) =>
          (tag === null || (i.tags ?? []).includes(tag)) && (prefix === null || i.name.startsWith(prefix)),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      state: {
        id: `tag=${tag ?? ''},name_prefix=${prefix ?? ''}`,
        tag,
        name_prefix: prefix,
        names: found.map((i) => i.name),
        instances: found.map(instanceSummary),
      },
      diagnostics: [],
    };
  } catch (err) {
    return { state: null, diagnostics: [ganetiDiag('Cannot list Ganeti instances', err)] };
  }
}

/** The ganeti_instances data source. */
export const instancesDataSource = {
  typeName: 'ganeti_instances',
  schema: {
    description:
      'Existing Ganeti instances, filtered by tag and/or name prefix (both optional), sorted by name. ' +
      'Use with import { for_each = ... } to adopt instances.',
    attributes: {
      tag: optional('string', 'Only instances carrying this tag.'),
      name_prefix: optional('string', 'Only instances whose name starts with this.'),
      id: computed('string', 'The filter, as text.'),
      names: computed(strList, 'Names of the matching instances, sorted.'),
      instances: computed(
        ['list', instanceType],
        'The matching instances: name, uuid, os_type, disk_template, memory, vcpus, primary_node, running, tags.',
      ),
    },
  },
  validate,
  read,
} satisfies DataSource<RapiClient>;
