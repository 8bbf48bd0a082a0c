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
      expect(canStart('deploy', s, false)).toBe(true);
    }
    for (const s of ['stopped', 'deploy_in_progress', 'destroy_in_progress', 'stop_failed'] as const)
      expect(canStart('deploy', s, false)).toBe(false);
  });

  it('stop and start follow the power cycle', () => {
    expect(STATUSES.filter((s) => canStart('stop', s, false))).toEqual([
      'infrastructure_ready',
      'database_ready',
      'stop_failed',
    ]);
    expect(STATUSES.filter((s) => canStart('start', s, false))).toEqual(['stopped', 'start_failed']);
  });

  it('destroy is refused only while a live process holds an in-progress status', () => {
    expect(canStart('destroy', 'deploy_in_progress', true)).toBe(false);
    expect(canStart('destroy', 'deploy_in_progress', false)).toBe(true);
    expect(STATUSES.every((s) => s.endsWith('_in_progress') || canStart('destroy', s, true))).toBe(true);
    expect(allowedFrom('destroy')).toBe('any status not held by a running operation');
    expect(allowedFrom('start')).toBe('stopped, start_failed');
  });
});
