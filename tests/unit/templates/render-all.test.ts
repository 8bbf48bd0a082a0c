// Every provider's templates render to HCL that HashiCorp's parser reads, `terraform fmt` accepts,
// and whose variables match the tfvars init writes, over a spread of flags.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlagValues } from '../../../src/options/flag-spec.ts';
import { crossCheck, fmtDiff, parseDir } from '../../helpers/hcl-check.ts';
import { renderTarget, TARGETS } from '../../helpers/render-target.ts';

const spreads: FlagValues[] = [
  {},
  { 'cluster-size': 3, 'data-volumes-per-node': 2, 'enable-multicast-overlay': true },
  { 'cluster-size': 64, owner: 'team-x' },
];

describe.each(TARGETS)('templates of %s', (id) => {
  it.each(spreads.map((s, i) => [i, s] as const))(
    'spread %i renders valid, formatted, consistent HCL',
    async (_i, spread) => {
      const { dir, tfvars } = await renderTarget(id, spread);
      const parsed = await parseDir(dir);
      expect(Object.keys(parsed).length).toBeGreaterThan(1);
      expect(crossCheck(parsed, tfvars)).toEqual([]);
      expect(fmtDiff(dir)).toBe('');
      expect(JSON.stringify(tfvars)).not.toContain('x-secret-1');
    },
  );
});

describe('the cross-check can fail', () => {
  it('reports an undeclared variable and an unknown tfvars key', async () => {
    const { dir, tfvars } = await renderTarget('ganeti');
    writeFileSync(join(dir, 'broken.tf'), 'output "x" {\n  value = var.instanse_type\n}\n');
    const parsed = await parseDir(dir);
    expect(crossCheck(parsed, { ...tfvars, bogus: 1 })).toEqual([
      'var.instanse_type is used but not declared',
      'tfvars key bogus is not a declared variable',
    ]);
  });

  it('reports a syntax error with file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exa-broken-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "x" "y" {\n  a = "unterminated\n}\n');
    await expect(parseDir(dir)).rejects.toThrow(/main\.tf:2/);
  });
});
