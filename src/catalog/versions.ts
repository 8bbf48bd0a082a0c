// The Exasol versions catalog (src/catalog/versions.yaml): lookup, defaults per architecture, listing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UsageError } from '../errors.ts';
import type { Architecture } from '../options/common-flags.ts';
import { readShippedYaml } from '../util/shipped-data.ts';

/** One installable Exasol version. */
export interface CatalogVersion {
  version: string;
  architecture: Architecture;
  working_copy: string;
  db_url: string;
  db_sha256: string;
  c4_version: string;
  c4_url: string;
  c4_sha256: string;
}

interface Catalog {
  default: Record<Architecture, string>;
  versions: CatalogVersion[];
}

/**
 * Loads the catalog, from EXASOL_VERSIONS_CATALOG when set (tests, air-gapped mirrors). The shipped
 * one is compiled into the build; only such a file needs the YAML parser, required on that path alone.
 */
export function loadCatalog(env: NodeJS.ProcessEnv = process.env): Catalog {
  const path = env.EXASOL_VERSIONS_CATALOG;
  if (!path) return readShippedYaml('src/catalog/versions.yaml') as Catalog;
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(readFileSync(path, 'utf8')) as Catalog;
}

/** Resolves --db-version (or the default for the architecture); checks the architecture matches. */
export function resolveVersion(
  catalog: Catalog,
  requested: string | undefined,
  arch: Architecture,
): CatalogVersion {
  const name = requested ?? catalog.default[arch];
  const hit = catalog.versions.find((v) => v.version === name);
  if (!hit) {
    throw new UsageError(`unknown version '${name}'`, {
      flag: '--db-version',
      accepted: catalog.versions.map((v) => v.version).join(', '),
    });
  }
  if (hit.architecture !== arch) {
    throw new UsageError(`${name} is built for ${hit.architecture}, not ${arch}`, {
      flag: '--db-version',
      accepted:
        catalog.versions
          .filter((v) => v.architecture === arch)
          .map((v) => v.version)
          .join(', ') || 'none for this architecture',
    });
  }
  return hit;
}
