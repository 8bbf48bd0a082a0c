// Flags of `init` shared by every provider (provider flags live in each provider module).
import type { FlagSpec } from './flag-spec.ts';
import { filePath, intInRange, ipv4Cidr, oneOf } from './parsers.ts';

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** Flags every provider accepts. */
export const COMMON_INIT_FLAGS: readonly FlagSpec[] = [
  {
    long: 'cluster-size',
    arg: '<n>',
    description: 'number of database nodes',
    parse: intInRange(1, 64),
    default: 1,
  },
  {
    long: 'instance-type',
    arg: '<type>',
    description: 'instance type (default per provider and architecture)',
  },
  {
    long: 'db-version',
    arg: '<version>',
    description: 'Exasol version from the catalog (see --list-versions)',
  },
  {
    long: 'architecture',
    arg: '<arch>',
    description: 'CPU architecture',
    parse: oneOf(ARCHITECTURES),
    choices: ARCHITECTURES,
    default: 'x86_64',
  },
  {
    long: 'data-volume-size',
    arg: '<GiB>',
    description: 'size of each data volume',
    parse: intInRange(1, 65536),
    default: 100,
  },
  {
    long: 'data-volumes-per-node',
    arg: '<n>',
    description: 'data volumes per node',
    parse: intInRange(1, 16),
    default: 1,
  },
  {
    long: 'root-volume-size',
    arg: '<GiB>',
    description: 'root volume size',
    parse: intInRange(10, 16384),
    default: 50,
  },
  {
    long: 'owner',
    arg: '<tag>',
    description: 'owner tag/label value (validated per provider)',
    default: 'exasol-deployer',
  },
  {
    long: 'allowed-cidr',
    arg: '<cidr>',
    description: 'CIDR allowed to reach SSH/DB/Admin UI (required for clouds)',
    parse: ipv4Cidr,
  },
  { long: 'allow-internet', description: 'permit --allowed-cidr 0.0.0.0/0' },
  { long: 'enable-multicast-overlay', description: 'run the VXLAN overlay between nodes' },
  {
    long: 'db-password-file',
    arg: '<file>',
    description: 'read the DB password from a file (or EXASOL_DB_PASSWORD)',
    parse: filePath,
  },
  {
    long: 'adminui-password-file',
    arg: '<file>',
    description: 'read the Admin UI password from a file (or EXASOL_ADMINUI_PASSWORD)',
    parse: filePath,
  },
  {
    long: 'host-password-file',
    arg: '<file>',
    description: 'read the host password from a file (or EXASOL_HOST_PASSWORD)',
    parse: filePath,
  },
  {
    long: 'terraform-binary',
    arg: '<path>',
    description: 'terraform or tofu executable (or EXASOL_TERRAFORM; default: tofu, then terraform on PATH)',
    env: 'EXASOL_TERRAFORM',
  },
];
