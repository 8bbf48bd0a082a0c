// Deployment statuses and the transitions every command obeys: one table, used everywhere.

export const STATUSES = [
  'initialized',
  'deploy_in_progress',
  'infrastructure_ready',
  'database_ready',
  'deployment_failed',
  'deployment_interrupted',
  'stop_in_progress',
  'stopped',
  'stop_failed',
  'start_in_progress',
  'start_failed',
  'destroy_in_progress',
  'destroyed',
  'destroy_failed',
] as const;
export type DeploymentStatus = (typeof STATUSES)[number];

/** Mutating operations that change the status. */
export type Operation = 'deploy' | 'stop' | 'start' | 'destroy';

/** From which statuses each operation may start, and which status it sets while running. */
export const TRANSITIONS: Record<
  Operation,
  { from: readonly DeploymentStatus[] | 'any-idle'; during: DeploymentStatus }
> = {
  deploy: {
    from: [
      'initialized',
      'infrastructure_ready',
      'database_ready',
      'deployment_failed',
      'deployment_interrupted',
      'destroyed',
    ],
    during: 'deploy_in_progress',
  },
  stop: { from: ['database_ready', 'infrastructure_ready', 'stop_failed'], during: 'stop_in_progress' },
  start: { from: ['stopped', 'start_failed'], during: 'start_in_progress' },
  destroy: { from: 'any-idle', during: 'destroy_in_progress' },
};

/** True for the *_in_progress statuses. */
export function isInProgress(status: DeploymentStatus): boolean {
  return status.endsWith('_in_progress');
}

/**
 * Whether `op` may start from `status`. `any-idle` starts from every status: the lock, taken first,
 * already refuses a live holder, and the status a dead one left behind is recorded as interrupted.
 */
export function canStart(op: Operation, status: DeploymentStatus): boolean {
  const rule = TRANSITIONS[op];
  return rule.from === 'any-idle' || rule.from.includes(status);
}

/** The statuses `op` may start from, for error messages. */
export function allowedFrom(op: Operation): string {
  const rule = TRANSITIONS[op];
  return rule.from === 'any-idle' ? 'any status not held by a running operation' : rule.from.join(', ');
}
