// States `exasol health --wait-for` can wait for (kept apart so --help does not load the health action).

/** database_ready: every check passes; infrastructure_ready: SSH answers on every node; stopped: on none. */
export const HEALTH_TARGETS = ['database_ready', 'infrastructure_ready', 'stopped'] as const;
export type HealthTarget = (typeof HEALTH_TARGETS)[number];
