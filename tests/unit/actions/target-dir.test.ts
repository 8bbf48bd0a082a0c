// The staging directory init builds beside the target: a signal handler removes what is still there.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commitStagingDir,
  discardActiveStagingDirsSync,
  makeStagingDir,
} from '../../../src/actions/target-dir.ts';

describe('staging directories', () => {
  it('an interrupted init leaves nothing beside the target; a committed one is not touched', async () => {
    const work = mkdtempSync(join(tmpdir(), 'exa-staging-'));
    const done = await makeStagingDir(join(work, 'done'));
    await commitStagingDir(done, join(work, 'done'), false);
    const pending = await makeStagingDir(join(work, 'demo'));
    expect(readdirSync(work).sort()).toEqual(['done', pending.split('/').pop()].sort());
    discardActiveStagingDirsSync();
    expect(existsSync(pending)).toBe(false);
    expect(readdirSync(work)).toEqual(['done']);
  });
});
