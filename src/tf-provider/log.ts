// Provider logging to stderr (stdout carries only the handshake). Honours TF_LOG_PROVIDER, then TF_LOG.

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
/** A log level as named by TF_LOG. */
export type LogLevel = (typeof LEVELS)[number];

function threshold(): number {
  const raw = (process.env.TF_LOG_PROVIDER || process.env.TF_LOG || '').toUpperCase();
  if (raw === 'JSON') return 0;
  const i = LEVELS.indexOf(raw as LogLevel);
  return i === -1 ? (raw ? 0 : LEVELS.length) : i;
}

const minLevel = threshold();

/** Writes one log line to stderr when the level is enabled; never pass secrets. */
export function log(level: LogLevel, message: string): void {
  if (LEVELS.indexOf(level) < minLevel) return;
  process.stderr.write(`${new Date().toISOString()} [${level}] provider.ganeti: ${message}\n`);
}
