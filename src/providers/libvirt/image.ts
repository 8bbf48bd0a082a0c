// Base cloud image: default URL per architecture and the stable, shared base volume name in the pool.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.ts';
import type { Architecture } from '../../options/common-flags.ts';
import { sha256Hex } from '../../util/sha256.ts';

const UBUNTU = 'https://cloud-images.ubuntu.com/releases/24.04/release/ubuntu-24.04-server-cloudimg';

/** Ubuntu 24.04 cloud image URL for the architecture. */
export function defaultImage(arch: Architecture): string {
  return `${UBUNTU}-${arch === 'arm64' ? 'arm64' : 'amd64'}.img`;
}

/** Validates --libvirt-image (http(s) URL or an existing local file) and returns the URL or absolute path. */
export function resolveImage(raw: string | undefined, arch: Architecture, cwd = process.cwd()): string {
  if (raw === undefined || raw === '') return defaultImage(arch);
  if (/^https?:\/\/\S+$/.test(raw)) return raw;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new UsageError(`unsupported scheme in '${raw}'`, {
      flag: '--libvirt-image',
      accepted: 'an http(s):// URL or a path to a local qcow2/raw image file',
    });
  }
  const path = resolve(cwd, raw);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new UsageError(`no such file: ${path}`, {
      flag: '--libvirt-image',
      accepted: 'an http(s):// URL or a path to a local qcow2/raw image file',
    });
  }
  return path;
}

/**
 * Name of the shared base volume for an image: the same image and architecture always give the same
 * name, so every deployment in a pool reuses one download.
 */
export function baseVolumeName(image: string, arch: Architecture): string {
  const digest = sha256Hex(`${arch}\n${image}`).slice(0, 12);
  return `exasol-base-${arch}-${digest}.qcow2`;
}

/** Static MAC of node `index` (0-based), the same formula as local.macs in templates/libvirt/main.tf. */
export function nodeMac(deploymentId: string, index: number): string {
  const id = sha256Hex(deploymentId);
  return `52:54:00:${id.slice(0, 2)}:${id.slice(2, 4)}:${(index + 11).toString(16).padStart(2, '0')}`;
}
