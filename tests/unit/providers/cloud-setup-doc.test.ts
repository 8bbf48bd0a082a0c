// docs/cloud-setup.md stays in step with the code: a CLOUD_SETUP section per cloud naming its flags and fixes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_CREDENTIAL_FIXES } from '../../../src/providers/aws/preflight.ts';
import { AZURE_CREDENTIAL_FIXES, AZURE_SUBSCRIPTION_FIXES } from '../../../src/providers/azure/preflight.ts';
import { GCP_CREDENTIAL_FIXES, GCP_PROJECT_FIXES } from '../../../src/providers/gcp/preflight.ts';
import { getProvider } from '../../../src/providers/registry.ts';
import { CLOUDS, type Cloud } from '../../helpers/cloud-init.ts';

const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'cloud-setup.md'), 'utf8');
const FIXES: Record<Cloud, string[]> = {
  aws: [AWS_CREDENTIAL_FIXES],
  azure: [AZURE_CREDENTIAL_FIXES, AZURE_SUBSCRIPTION_FIXES],
  gcp: [GCP_CREDENTIAL_FIXES, GCP_PROJECT_FIXES],
};

/** The text of the `## CLOUD_SETUP: <cloud>` section. */
function section(cloud: Cloud): string {
  const start = doc.indexOf(`## CLOUD_SETUP: ${cloud}\n`);
  if (start < 0) return '';
  const next = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, next < 0 ? undefined : next);
}

describe.each(CLOUDS)('docs/cloud-setup.md for %s', (cloud) => {
  it('documents every flag, the credentials, permissions and costs', () => {
    const text = section(cloud);
    for (const flag of getProvider(cloud).flags) expect(text).toContain(`--${flag.long}`);
    for (const heading of ['**Credentials', '**Permissions:**', '**Costs:**'])
      expect(text).toContain(heading);
  });

  it('names the command of every fix line the pre-flight prints', () => {
    const text = section(cloud).replace(/\s+/g, ' ');
    for (const fixes of FIXES[cloud])
      for (const way of fixes.split('\n')) {
        const command = /'([^']+)'|(--[a-z-]+|[A-Z][A-Z_]+_[A-Z]+)/.exec(way);
        expect(text).toContain((command?.[1] ?? command?.[2] ?? way).split(' NAME')[0]);
      }
  });
});
