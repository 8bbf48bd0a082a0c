// Data files shipped in src/ (providers' defaults.yaml, the versions catalog), read by their path
// relative to the package root. The build (scripts/build.mjs) swaps this module for one holding the
// files already compiled to JSON, so the built CLI never loads the YAML parser for them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './package-root.ts';

/** The parsed content of the shipped YAML file at `path` (e.g. 'src/catalog/versions.yaml'). */
export function readShippedYaml(path: string): unknown {
  return parse(readFileSync(join(packageRoot(), path), 'utf8'));
}
