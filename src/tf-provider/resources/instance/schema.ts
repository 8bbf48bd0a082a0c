// Schema of ganeti_instance (Ganeti-native units: MiB) and its static validation.
import { isObject, type ObjectValue, type Value } from '../../codec.ts';
import { type Diagnostic, errorDiag } from '../../diagnostics.ts';
import { type BlockSpec, computed, optional, optionalComputed, required } from '../../schema.ts';

const strMap = ['map', 'string'] as const;

/** ganeti_instance attributes and blocks. */
export const instanceSchema: BlockSpec = {
  description: 'A Ganeti instance (virtual machine). Sizes in MiB, as Ganeti uses them.',
  attributes: {
    id: computed('string', 'Instance name as Ganeti stores it (the import ID).'),
    name: required(
      'string',
      'Instance name; lowercase (Ganeti lowercases names). Changing it replaces the instance.',
    ),
    os_type: required(
      'string',
      'OS definition (e.g. "noop", "debootstrap+default"). Changing it replaces the instance.',
    ),
    os_params: optional(strMap, 'OS parameters (values are strings).'),
    os_params_private: optional(strMap, 'Private OS parameters (never logged).', { sensitive: true }),
    disk_template: required(
      'string',
      'Disk template (diskless, file, plain, drbd …). Changing it replaces the instance.',
    ),
    memory: optionalComputed('number', 'Memory in MiB (sets minmem and maxmem); cluster default when unset.'),
    vcpus: optionalComputed('number', 'Virtual CPUs; cluster default when unset.'),
    hypervisor: optional(
      'string',
      'Hypervisor; cluster default when unset. Changing it replaces the instance.',
    ),
    primary_node: optionalComputed('string', 'Primary node; chosen by the iallocator when unset.'),
    secondary_node: optional('string', 'Secondary node (DRBD). Changing it replaces the instance.'),
    iallocator: optional('string', 'Iallocator used at creation (cluster default when unset).'),
    group: optional('string', 'Node group to create the instance in. Changing it replaces the instance.'),
    tags: optional(['set', 'string'], 'Ganeti tags of the instance.'),
    beparams: optional(
      strMap,
      'Extra backend parameters (e.g. auto_balance); memory/vcpus have own attributes.',
    ),
    hvparams: optional(strMap, 'Hypervisor parameters.'),
    name_check: optionalComputed('bool', 'Let Ganeti check that the name resolves (default false).', {
      default: false,
    }),
    ip_check: optionalComputed('bool', 'Let Ganeti ping-check the IP (needs name_check; default false).', {
      default: false,
    }),
    running: optionalComputed('bool', 'Desired power state (default true): started or shut down.', {
      default: true,
    }),
    uuid: computed('string', 'Ganeti UUID of the instance.'),
    status: computed('string', 'Ganeti status, e.g. running or ADMIN_down.'),
    oper_state: computed('bool', 'True when the hypervisor reports the instance as running.'),
  },
  blocks: {
    disks: {
      nesting: 'list',
      block: {
        attributes: {
          size: required('number', 'Disk size in MiB; growing is in place, shrinking replaces.'),
        },
      },
    },
    nics: {
      nesting: 'list',
      block: {
        attributes: {
          network: optional('string', 'Ganeti network to connect (its link and mode apply).'),
          link: optionalComputed('string', 'Bridge/link when no network is given.'),
          mode: optionalComputed('string', 'NIC mode (bridged, routed, openvswitch).'),
          ip: optional('string', 'IP address, or "pool" to take one from the network\'s pool.'),
          ip_address: computed('string', 'IP address Ganeti assigned (null without one).'),
          mac: computed('string', 'MAC address.'),
        },
      },
    },
  },
};

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

const num = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);

/** Static checks of a ganeti_instance configuration; unknown values pass. */
export function validateInstance(config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const name = config.name;
  if (typeof name === 'string') {
    if (name !== name.toLowerCase()) {
      diags.push(
        errorDiag(
          'Instance name must be lowercase',
          `Ganeti stores names in lowercase; write "${name.toLowerCase()}" instead of "${name}".`,
          ['name'],
        ),
      );
    } else if (!NAME.test(name)) {
      diags.push(
        errorDiag(
          'Invalid instance name',
          `"${name}" is not a valid host name (letters, digits, "-" and ".").`,
          ['name'],
        ),
      );
    }
  }
  const memory = num(config.memory);
  if (memory !== null && !(memory > 0))
    diags.push(
      errorDiag('Invalid memory', `memory must be a positive number of MiB, got ${memory}.`, ['memory']),
    );
  const vcpus = num(config.vcpus);
  if (vcpus !== null && !(Number.isInteger(vcpus) && vcpus > 0))
    diags.push(errorDiag('Invalid vcpus', `vcpus must be a positive integer, got ${vcpus}.`, ['vcpus']));
  const disks = Array.isArray(config.disks) ? config.disks : [];
  if (config.disk_template === 'diskless' && disks.length > 0) {
    diags.push(
      errorDiag('Disks with the diskless template', 'disk_template "diskless" takes no disks blocks.', [
        'disks',
      ]),
    );
  }
  disks.forEach((d, i) => {
    const size = isObject(d) ? num(d.size) : null;
    if (size !== null && !(size > 0))
      diags.push(
        errorDiag('Invalid disk size', `disks[${i}].size must be a positive number of MiB, got ${size}.`, [
          'disks',
          i,
          'size',
        ]),
      );
  });
  const nics = Array.isArray(config.nics) ? config.nics : [];
  nics.forEach((n, i) => {
    if (isObject(n) && typeof n.network === 'string' && typeof n.link === 'string') {
      diags.push(
        errorDiag('Conflicting NIC settings', `nics[${i}]: give either network or link, not both.`, [
          'nics',
          i,
          'link',
        ]),
      );
    }
  });
  if (config.ip_check === true && config.name_check !== true) {
    diags.push(
      errorDiag(
        'ip_check needs name_check',
        'Ganeti can only check the IP of a name it resolved; set name_check = true or ip_check = false.',
        ['ip_check'],
      ),
    );
  }
  return diags;
}
