// Transition rules an operation applies on top of the status table: refusals and dead in-progress runs.
import type { DeploymentState } from '../deployment/state.ts';
import { allowedFrom, type DeploymentStatus, type Operation } from '../deployment/status.ts';
import { EXIT, ExasolError } from '../errors.ts';

/** What an *_in_progress status means once its process is known to be gone. */
export const DIED = {
  deploy_in_progress: 'deployment_interrupted',
  stop_in_progress: 'stop_failed',
  start_in_progress: 'start_failed',
  destroy_in_progress: 'destroy_failed',
} as const satisfies Partial<Record<DeploymentStatus, DeploymentStatus>>;

/** The refusal for an operation that does not apply to the current status (exit 2, nothing changed). */
export function transitionError(op: Operation, state: DeploymentState): ExasolError {
  return new ExasolError(
    'E_TRANSITION',
    `cannot ${op} deployment ${state.deploymentId}: its status is ${state.status}; ${op} runs from: ${allowedFrom(op)}`,
    { exitCode: EXIT.usage, hint: "see 'exasol status' for the current state" },
  );
}
