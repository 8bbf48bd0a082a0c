// RAPI calls for Ganeti networks and their connections to node groups. Writes return the job id.
import type { RapiClient } from './client.ts';
import { GanetiApiError } from './errors.ts';
import type { NetworkInfo } from './types.ts';

const enc = encodeURIComponent;

/** `POST /2/networks` body. */
export interface NetworkCreateRequest {
  network_name: string;
  network: string;
  gateway?: string;
  mac_prefix?: string;
  add_reserved_ips?: string[];
  tags?: string[];
}

/** `PUT /2/networks/<name>/modify` body. */
export interface NetworkModifyRequest {
  gateway?: string | null;
  mac_prefix?: string | null;
  add_reserved_ips?: string[];
  remove_reserved_ips?: string[];
}

/** A network's connection to a node group. */
export interface NetworkConnection {
  group: string;
  mode: string;
  link: string;
  vlan: string;
}

/** One network, or null when Ganeti does not know it (404). */
export async function getNetwork(client: RapiClient, name: string): Promise<NetworkInfo | null> {
  try {
    return (await client.request({ method: 'GET', path: `/2/networks/${enc(name)}` })) as NetworkInfo;
  } catch (err) {
    if (err instanceof GanetiApiError && err.status === 404) return null;
    throw err;
  }
}

/** Submits a network creation (without the IP conflict check against nodes). */
export function createNetwork(client: RapiClient, req: NetworkCreateRequest): Promise<number> {
  return client.submit('POST', '/2/networks', undefined, { conflicts_check: false, ...req });
}

/** Submits a change of gateway, MAC prefix or reserved addresses. */
export function modifyNetwork(client: RapiClient, name: string, req: NetworkModifyRequest): Promise<number> {
  return client.submit('PUT', `/2/networks/${enc(name)}/modify`, undefined, req);
}

/** Submits the removal of a network (it must be connected to no group). */
export function deleteNetwork(client: RapiClient, name: string): Promise<number> {
  return client.submit('DELETE', `/2/networks/${enc(name)}`);
}

/** Submits adding (or removing) tags of a network. */
export function networkTags(
  client: RapiClient,
  name: string,
  tags: string[],
  remove = false,
): Promise<number> {
  return client.submit(remove ? 'DELETE' : 'PUT', `/2/networks/${enc(name)}/tags`, { tag: tags });
}

/** Submits connecting a network to a node group with a NIC mode and link. */
export function connectNetwork(client: RapiClient, name: string, c: NetworkConnection): Promise<number> {
  return client.submit('PUT', `/2/networks/${enc(name)}/connect`, undefined, {
    group_name: c.group,
    network_mode: c.mode,
    network_link: c.link,
    network_vlan: c.vlan,
    conflicts_check: false,
  });
}

/** Submits disconnecting a network from a node group. */
export function disconnectNetwork(client: RapiClient, name: string, group: string): Promise<number> {
  return client.submit('PUT', `/2/networks/${enc(name)}/disconnect`, undefined, { group_name: group });
}

/** The connections of a network (`group_list` rows [group, mode, link, vlan?]). */
export function connectionsOf(info: NetworkInfo): NetworkConnection[] {
  return (info.group_list ?? []).map(([group, mode, link, vlan]) => ({
    group,
    mode,
    link,
    vlan: vlan ?? '',
  }));
}

/** Addresses reserved outside Ganeti's pool, from the comma-separated `external_reservations`. */
export function externalReservations(info: NetworkInfo): string[] {
  const raw = (info as NetworkInfo & { external_reservations?: string | null }).external_reservations;
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
