// Schema of ganeti_instance (Ganeti-native units: MiB) and its static validation.
import { isObject, type ObjectValue, type Value } from '../../codec.ts';
import { type Diagnostic, errorDiag } from '../../diagnostics.ts';
import { type BlockSpec, computed, optional, optionalComputed, required } from '../../schema.ts';
import { timeoutsBlock, validateTimeouts } from '../../timeouts.ts';

const strMap = ['map', 'string'] as const;

/** ganeti_instance attributes and blocks. */
export const instanceSchema: BlockSpec = {
  description: 'A Ganeti instance (virtual machine). Sizes in MiB, as Ganeti uses them.',
  attributes: {
    id: computed('string', 'Instance name as Ganeti stores it (the import ID).'),
    name: required(
      'string',
      'Instance name; lowercase (Ganeti lowercases names). Changing it renames the instance in place ' +
        '(a running instance is shut down for the rename and started again).',
    ),
    os_type: required(
      'string',
      'OS definition (e.g. "noop", "debootstrap+default"). Changing it replaces the instance.',
    ),
    os_params: optional(
      strMap,
      'OS parameters (values are strings); read back, so changes outside terraform show as drift.',
    ),
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
      'Extra backend parameters (e.g. always_failover = "true"); memory/vcpus have own attributes. Read back: drift shows.',
    ),
    hvparams: optional(strMap, 'Hypervisor parameters (values are strings); read back, so drift shows.'),
    reboot_on_update: optionalComputed(
      'bool',
      'Reboot a running instance after a memory or vcpus change so that it takes effect (default false: ' +
        'the plan warns that the change waits for the next reboot).',
      { default: false },
    ),
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
        description: 'One disk of the instance, in order; disks are added and grown in place.',
        attributes: {
          size: required('number', 'Disk size in MiB; growing is in place, shrinking replaces.'),
        },
      },
    },
    nics: {
      nesting: 'list',
      block: {
        description:
          'One network interface, in order: on a Ganeti network (network, optional ip) or on a link (link, mode).',
        attributes: {
          network: optional('string', 'Ganeti network to connect (its link and mode apply).'),
          link: optionalComputed(
            'string',
            'Bridge/link when no network is given (null on a network: it sets the link).',
          ),
          mode: optionalComputed(
            'string',
            'NIC mode (bridged, routed, openvswitch) when no network is given.',
          ),
          ip: optional('string', 'IP address, or "pool" to take one from the network\'s pool.'),
          ip_address: computed('string', 'IP address Ganeti assigned (null without one).'),
          mac: computed('string', 'MAC address.'),
        },
      },
    },
    timeouts: timeoutsBlock,
  },
};

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Disk templates Ganeti knows (which ones a cluster enables is checked at plan time). */
export const DISK_TEMPLATES = [
  'diskless',
  'file',
  'sharedfile',
  'plain',
  'drbd',
  'rbd',
  'blockdev',
  'ext',
  'gluster',
];
/** NIC modes Ganeti knows. */
export const NIC_MODES = ['bridged', 'routed', 'openvswitch'];

const num = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);
type Path = (string | number)[];

/**
 * Ganeti stores sizes (memory, disks) in whole MiB rounded up to a multiple of 4; a value it would round
 * is rejected here, since applying it would give an inconsistent result.
 */
function size(what: string, value: number | null, path: Path): Diagnostic[] {
  if (value === null) return [];
  if (!(value > 0))
    return [errorDiag(`Invalid ${what}`, `${what} must be a positive number of MiB, got ${value}.`, path)];
  if (Number.isInteger(value) && value % 4 === 0) return [];
  const rounded = Math.ceil(value / 4) * 4;
  return [
    errorDiag(
      `Invalid ${what}`,
      `Ganeti stores ${what} in multiples of 4 MiB: write ${rounded} instead of ${value}.`,
      path,
    ),
  ];
}

function validateName(name: Value | undefined): Diagnostic[] {
  if (typeof name !== 'string') return [];
  if (name !== name.toLowerCase()) {
    return [
      errorDiag(
        'Instance name must be lowercase',
        `Ganeti stores names in lowercase; write "${name.toLowerCase()}" instead of "${name}".`,
        ['name'],
      ),
    ];
  }
  if (!NAME.test(name))
    return [
      errorDiag(
        'Invalid instance name',
        `"${name}" is not a valid host name (letters, digits, "-" and ".").`,
        ['name'],
      ),
    ];
  return [];
}

function validateDisks(config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const template = config.disk_template;
  if (typeof template === 'string' && !DISK_TEMPLATES.includes(template)) {
    diags.push(
      errorDiag(
        'Unknown disk template',
        `disk_template "${template}" is not a Ganeti disk template; use one of ${DISK_TEMPLATES.join(', ')}.`,
        ['disk_template'],
      ),
    );
  }
  if (!Array.isArray(config.disks)) return diags;
  const disks = config.disks;
  if (template === 'diskless' && disks.length > 0) {
    diags.push(
      errorDiag('Disks with the diskless template', 'disk_template "diskless" takes no disks blocks.', [
        'disks',
      ]),
    );
  }
  if (
    typeof template === 'string' &&
    template !== 'diskless' &&
    DISK_TEMPLATES.includes(template) &&
    !disks.length
  ) {
    diags.push(
      errorDiag(
        'No disks',
        `disk_template "${template}" needs at least one disks block; use "diskless" for an instance without disks.`,
        ['disk_template'],
      ),
    );
  }
  disks.forEach((d, i) => {
    diags.push(...size('disk size', isObject(d) ? num(d.size) : null, ['disks', i, 'size']));
  });
  return diags;
}

function validateNic(nic: ObjectValue, i: number): Diagnostic[] {
  const diags: Diagnostic[] = [];
  if (typeof nic.network === 'string' && typeof nic.link === 'string') {
    diags.push(
      errorDiag('Conflicting NIC settings', `nics[${i}]: give either network or link, not both.`, [
        'nics',
        i,
        'link',
      ]),
    );
  }
  if (nic.ip === 'pool' && nic.network === null) {
    diags.push(
      errorDiag(
        'Address pool without a network',
        `nics[${i}]: ip = "pool" takes an address from a Ganeti network; set network in this nics block, or give a fixed address.`,
        ['nics', i, 'ip'],
      ),
    );
  }
  if (typeof nic.mode === 'string' && !NIC_MODES.includes(nic.mode)) {
    diags.push(
      errorDiag(
        'Unknown NIC mode',
        `nics[${i}]: mode "${nic.mode}" is not a Ganeti NIC mode; use one of ${NIC_MODES.join(', ')}.`,
        ['nics', i, 'mode'],
      ),
    );
  }
  return diags;
}

/** Static checks of a ganeti_instance configuration; unknown values pass. */
export function validateInstance(config: ObjectValue): Diagnostic[] {
  const diags: Diagnostic[] = [
    ...validateName(config.name),
    ...size('memory', num(config.memory), ['memory']),
  ];
  const vcpus = num(config.vcpus);
  if (vcpus !== null && !(Number.isInteger(vcpus) && vcpus > 0))
    diags.push(errorDiag('Invalid vcpus', `vcpus must be a positive integer, got ${vcpus}.`, ['vcpus']));
  diags.push(...validateDisks(config));
  const nics = Array.isArray(config.nics) ? config.nics : [];
  nics.forEach((nic, i) => {
    if (isObject(nic)) diags.push(...validateNic(nic, i));
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
  diags.push(...validateTimeouts(config));
  return diags;
}
