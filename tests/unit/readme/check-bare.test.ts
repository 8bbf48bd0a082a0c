// .ci/check-bare.mjs, the verdict of CI's bare `npm test`: it passes only when the run passed, unit
// tests ran, no integration test ran, and every integration file logged a skip with a reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/build-tmp.ts';

const work = mkdtempSync(join(tmpdir(), 'check-bare-'));
const integration = readdirSync(join(repoRoot, 'tests/integration'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `tests/integration/${f}`);

function verdict(opts: { ran?: string; unskipped?: string; failed?: boolean }) {
  const file = (name: string, status: string) => ({
    name: join(repoRoot, name),
    status: status === 'failed' ? 'failed' : 'passed',
    message: '',
    assertionResults: [{ status, fullName: 'x' }],
  });
  const report = {
    success: !opts.failed,
    numFailedTests: opts.failed ? 1 : 0,
    testResults: [
      file('tests/unit/a.test.ts', opts.failed ? 'failed' : 'passed'),
      ...integration.map((f) => file(f, f === opts.ran ? 'passed' : 'skipped')),
    ],
  };
  const skips = integration
    .filter((f) => f !== opts.unskipped)
    .map((f) => JSON.stringify({ file: f, service: 's', reason: 'EXASOL_TEST_X unset' }));
  const r = join(work, `r-${Math.random()}.json`);
  const s = join(work, `s-${Math.random()}.jsonl`);
  writeFileSync(r, JSON.stringify(report));
  writeFileSync(s, `${skips.join('\n')}\n`);
  return spawnSync(process.execPath, ['.ci/check-bare.mjs', r, s], { cwd: repoRoot, encoding: 'utf8' });
}

describe('.ci/check-bare.mjs', () => {
  it('passes a bare run with every integration suite skipped with its reason', () => {
    expect(integration.length).toBeGreaterThan(10);
    const r = verdict({});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('bare run: 1 unit tests passed, 0 failed');
  });

  it('fails when an integration test ran, a file logged no skip, or a test failed', () => {
    const file = integration[0] ?? '';
    const ran = verdict({ ran: file });
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain(`${file}: 1 test(s) ran although no test service was configured`);
    const quiet = verdict({ unskipped: file });
    expect(quiet.status).toBe(1);
    expect(quiet.stderr).toContain(`${file}: no skip reason logged`);
    const failed = verdict({ failed: true });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('the run failed (1 failed test(s))');
  });
});
