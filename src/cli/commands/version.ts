// `exasol version`: the version on stdout (with --json the one-line document `{"version":"…"}`).
import type { Command } from 'commander';
import { cliVersion } from '../../util/package-root.ts';
import { globalsOf, ioFor } from '../global-options.ts';

/** Action of `exasol version`. */
export function runVersion(cmd: Command): void {
  const io = ioFor(globalsOf(cmd));
  io.result({ version: cliVersion() }, (v) => io.data(v.version), { compact: true });
}
