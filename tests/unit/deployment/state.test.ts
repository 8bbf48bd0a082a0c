// The state file: atomic writes, validation with clear messages.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DeploymentState, readState, STATE_SCHEMA, writeState } from '../../../src/deployment/state.ts';

const sample: DeploymentState = {
  schema: STATE_SCHEMA,
  schemaVersion: 1,
  deploymentId: 'exa-abc123',
  provider: 'ganeti',
  status: 'initialized',
  clusterSize: 2,
  architecture: 'x86_64',
  dbVersion: 'exasol-2025.1.4',
  cliVersion: '0.1.0',
  engine: null,
  nodes: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('state file', () => {
  it('round-trips, stamps updatedAt and leaves no temp files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exa-state-'));
    await writeState(dir, sample, new Date('2026-02-02T00:00:00Z'));
    const next = await writeState(dir, { ...(await readState(dir)), status: 'deploy_in_progress' });
    expect(next.status).toBe('deploy_in_progress');
    expect((await readState(dir)).updatedAt).not.toBe('2026-02-02T00:00:00.000Z');
    expect(readdirSync(dir)).toEqual(['.exasol.json']);
  });

  it('explains a missing, corrupt or foreign state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exa-state-'));
    await expect(readState(dir)).rejects.toThrow(`${dir} is not a deployment directory (no .exasol.json)`);
    writeFileSync(join(dir, '.exasol.json'), '{not json');
    await expect(readState(dir)).rejects.toThrow(/is not valid JSON/);
    // The parser's own complaint is kept as the cause (printed with EXASOL_LOG_LEVEL=debug).
    await expect(readState(dir)).rejects.toMatchObject({
      code: 'E_STATE_CORRUPT',
      cause: expect.any(SyntaxError),
    });
    writeFileSync(join(dir, '.exasol.json'), JSON.stringify({ ...sample, status: 'health_in_progress' }));
    await expect(readState(dir)).rejects.toThrow(/unknown status 'health_in_progress'/);
    writeFileSync(join(dir, '.exasol.json'), JSON.stringify({ ...sample, schemaVersion: 9 }));
    await expect(readState(dir)).rejects.toThrow(/unsupported schemaVersion 9/);
    expect(readFileSync(join(dir, '.exasol.json'), 'utf8')).toContain('"schemaVersion":9');
  });
});
