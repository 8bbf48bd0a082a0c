// The values init still needs, asked through the IoHost: the provider, every required flag, the
// CIDR clouds require, and provider secrets (hidden). The host decides whether asking is possible
// (a terminal on stdin and stderr, CI unset); without one a missing value is a usage error naming
// its flag, exactly as before.
import { UsageError } from '../errors.ts';
import type { IoHost } from '../io/io-host.ts';
import { COMMON_INIT_FLAGS } from '../options/common-flags.ts';
import type { FlagSpec, FlagValues } from '../options/flag-spec.ts';
import { oneOf } from '../options/parsers.ts';
import { loadProviderDefaults } from '../providers/defaults.ts';
import { SUPPORTED_PROVIDERS } from '../providers/registry.ts';
import { PROVIDER_IDS, type ProviderId, type ProviderModule } from '../providers/types.ts';

/** What the user gave and what init asked for. */
export interface InitInputs {
  provider: ProviderModule;
  values: FlagValues;
  env: NodeJS.ProcessEnv;
}

async function askFlag(io: IoHost, spec: FlagSpec, message = spec.description): Promise<FlagValues[string]> {
  const flag = `--${spec.long}`;
  const raw = await io.ask({ message, flag, ...(spec.choices ? { choices: spec.choices } : {}) });
  return spec.parse ? spec.parse(raw, flag) : raw;
}

/** Fails when a flag of another provider was given (e.g. --aws-region with --cloud-provider gcp). */
function refuseStrayFlags(values: FlagValues, provider: ProviderModule): void {
  for (const other of Object.values(SUPPORTED_PROVIDERS)) {
    if (other.id === provider.id) continue;
    const stray = other.flags.find((f) => values[f.long] !== undefined);
    if (stray)
      throw new UsageError(`belongs to the ${other.id} provider, not ${provider.id}`, {
        flag: `--${stray.long}`,
      });
  }
}

/**
 * Completes init's input: asks for the provider when it is missing, refuses flags of other
 * providers, and asks for each missing required value. Secrets are asked hidden and returned in the
 * environment copy (never in argv, never in `values`).
 */
export async function completeInitInputs(
  providerId: ProviderId | undefined,
  given: FlagValues,
  env: NodeJS.ProcessEnv,
  io: IoHost,
): Promise<InitInputs> {
  // The answer is parsed like the flag (a prompt offers only the ids; a scripted host may not).
  const id =
    providerId ??
    oneOf(PROVIDER_IDS)(
      await io.ask({ message: 'Cloud provider', flag: '--cloud-provider', choices: PROVIDER_IDS }),
      '--cloud-provider',
    );
  const provider = SUPPORTED_PROVIDERS[id];
  refuseStrayFlags(given, provider);
  const values: FlagValues = { ...given };
  const out: NodeJS.ProcessEnv = { ...env };
  // Required provider flags: asked on a terminal; io.ask itself fails naming the flag otherwise.
  for (const spec of provider.flags.filter((f) => f.required && values[f.long] === undefined))
    values[spec.long] = await askFlag(io, spec);
  if (!io.interactive) return { provider, values, env: out };
  const cidr = COMMON_INIT_FLAGS.find((f) => f.long === 'allowed-cidr');
  if (cidr && values['allowed-cidr'] === undefined && loadProviderDefaults(provider.id).requiresAllowedCidr)
    values['allowed-cidr'] = await askFlag(
      io,
      cidr,
      `CIDR allowed to reach SSH, DB and Admin UI (${provider.id})`,
    );
  for (const secret of provider.secretPrompts ?? []) {
    if (values[secret.fileFlag] !== undefined || out[secret.env]) continue;
    out[secret.env] = await io.ask({
      message: `${secret.message} (or set ${secret.env})`,
      flag: `--${secret.fileFlag}`,
      secret: true,
    });
  }
  return { provider, values, env: out };
}
