// Resolves a provider's flags the way init does: defaults filled first (initFlagValues), then the
// provider's resolve() with the set of flags that were given.
import { initFlagValues } from '../../src/actions/init-inputs.ts';
import type { FlagValues } from '../../src/options/flag-spec.ts';
import type { CommonConfig, ProviderModule, ResolvedProvider } from '../../src/providers/types.ts';

/** `provider.resolve` of `values` completed with the defaults, as init calls it. */
export function resolveAsInit(
  provider: ProviderModule,
  values: FlagValues,
  common: CommonConfig,
  ctx: { env: NodeJS.ProcessEnv; homeDir: string },
): Promise<ResolvedProvider> {
  const filled = initFlagValues(provider, values, ctx.env);
  return provider.resolve(filled.values, common, { ...ctx, given: filled.given });
}
