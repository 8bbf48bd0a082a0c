// One virsh connection that asks everything pre-flight needs (the test driver keeps state per connection).
import { parseInfo, parseTable, type VirshCommand, virshSections } from '../../tools/virsh.ts';

/** State of a storage pool as libvirt reports it. */
export interface PoolState {
  active: boolean;
  capacityBytes: number;
  availableBytes: number;
}

/** Everything pre-flight learns from the target in one connection. */
export interface LibvirtProbe {
  connected: boolean;
  /** virsh's error output when the connection failed (or a command failed). */
  error: string;
  testDriver: boolean;
  node: { memoryKiB: number; cpus: number } | null;
  /** null: the pool does not exist. */
  pool: PoolState | null;
  volumes: string[];
  /** null: the network does not exist. */
  network: { active: boolean } | null;
  /** Whether the domain type is offered (null: not asked, test driver). */
  domainType: { ok: boolean; efiLoaders: string[] } | null;
}

/** What to ask about. */
export interface ProbeTarget {
  uri: string;
  pool: string;
  network: string;
  domainType: string;
}

/** True for libvirt's in-process test driver. */
export function isTestUri(uri: string): boolean {
  return uri.startsWith('test://');
}

/** Queries node, pool, volumes, network and domain capabilities over one connection. */
export async function probeLibvirt(target: ProbeTarget, env: NodeJS.ProcessEnv): Promise<LibvirtProbe> {
  const testDriver = isTestUri(target.uri);
  const named: Array<[string, VirshCommand]> = [
    ['nodeinfo', ['nodeinfo']],
    ['pool', ['pool-info', target.pool, '--bytes']],
    ['volumes', ['vol-list', target.pool]],
    ['network', ['net-info', target.network]],
  ];
  if (!testDriver) named.push(['domcaps', ['domcapabilities', '--virttype', target.domainType]]);
  const { connected, sections, result } = await virshSections(target.uri, named, { env });
  return parseProbe(connected, sections, result.stderr, testDriver);
}

/** Builds a probe from the sections of a virsh run (exported for tests and create-missing). */
export function parseProbe(
  connected: boolean,
  sections: Record<string, string>,
  stderr: string,
  testDriver: boolean,
): LibvirtProbe {
  const node = parseInfo(sections.nodeinfo ?? '');
  const domcaps = sections.domcaps ?? '';
  return {
    connected,
    error: stderr.trim(),
    testDriver,
    node:
      node['Memory size'] === undefined
        ? null
        : { memoryKiB: Number.parseInt(node['Memory size'], 10), cpus: Number(node['CPU(s)'] ?? 0) },
    pool: parsePool(sections.pool ?? ''),
    volumes: parseTable(sections.volumes ?? '')
      .map((r) => r[0] ?? '')
      .filter(Boolean),
    network: parseNetwork(sections.network ?? ''),
    domainType: testDriver
      ? null
      : {
          ok: domcaps.includes('<domainCapabilities'),
          efiLoaders: [...domcaps.matchAll(/<value>(\/[^<]*\.(?:fd|bin|raw))<\/value>/g)].map(
            (m) => m[1] ?? '',
          ),
        },
  };
}

/** Parses `pool-info --bytes`; null when empty (pool missing). */
export function parsePool(text: string): PoolState | null {
  const info = parseInfo(text);
  if (info.State === undefined) return null;
  return {
    active: info.State === 'running',
    capacityBytes: Number(info.Capacity ?? 0),
    availableBytes: Number(info.Available ?? 0),
  };
}

/** Parses `net-info`; null when empty (network missing). */
export function parseNetwork(text: string): { active: boolean } | null {
  const info = parseInfo(text);
  return info.Active === undefined ? null : { active: info.Active === 'yes' };
}
