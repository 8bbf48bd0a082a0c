// Ganeti pre-flight at init (placeholder until the RAPI client lands).
import type { CheckResult } from '../../preflight/types.ts';
import { skip } from '../shared.ts';
import type { PreflightContext, ResolvedProvider } from '../types.ts';

/** Runs the RAPI pre-flight checks for the requested cluster. */
export async function ganetiInitPreflight(
  resolved: ResolvedProvider,
  _ctx: PreflightContext,
): Promise<CheckResult[]> {
  return [
    skip('ganeti.endpoint', `RAPI endpoint ${resolved.summary.endpoint}`, 'checks not implemented yet'),
  ];
}
