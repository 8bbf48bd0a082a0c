// The transitions table: which operation may start from which status.
import { describe, expect, it } from 'vitest';
import { allowedFrom, canStart, STATUSES } from '../../../src/deployment/status.ts';

describe('transitions', () => {
  it('deploy converges from ready states, resumes after failure and re-creates after destroy', () => {
    for (const s of [
      'initialized',
      'infrastructure_ready',
      'database_ready',
      'deployment_failed',
      'deployment_interrupted',
      'destroyed',
    ] as const) {
      expect(canStart('deploy', s)).toBe(true);
    }
    for (const s of ['stopped', 'deploy_in_progress', 'destroy_in_progress', 'stop_failed'] as const)
      expect(canStart('deploy', s)).toBe(false);
  });

  it('stop and start follow the power cycle', () => {
    expect(STATUSES.filter((s) => canStart('stop', s))).toEqual([
      'infrastructure_ready',
      'database_ready',
      'stop_failed',
    ]);
    expect(STATUSES.filter((s) => canStart('start', s))).toEqual(['stopped', 'start_failed']);
  });

  it('destroy starts from every status (a live holder is refused by the lock, not by the status)', () => {
    expect(canStart('destroy', 'deploy_in_progress')).toBe(true);
    expect(STATUSES.every((s) => canStart('destroy', s))).toBe(true);
    expect(allowedFrom('destroy')).toBe('any status not held by a running operation');
    expect(allowedFrom('start')).toBe('stopped, start_failed');
  });
});
