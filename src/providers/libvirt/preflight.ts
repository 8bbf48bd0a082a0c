// libvirt pre-flight (placeholder until the libvirt checks land): reports every check as skipped.
import type { CheckResult } from '../../preflight/types.ts';
import { skip } from '../shared.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';

/** Pre-flight checks against the libvirt URI. */
export async function libvirtPreflight(
  resolved: ResolvedProvider,
  _ctx: PreflightContext,
): Promise<CheckResult[]> {
  return [skip('libvirt.uri', `libvirt URI ${resolved.summary.uri}`, 'checks not implemented yet')];
}
