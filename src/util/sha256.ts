// SHA-256 for code on the start-up path: node:crypto is loaded on the first call, not at import
// (it costs `exasol --help` a few milliseconds otherwise).

/** Hex SHA-256 of `text`. */
export function sha256Hex(text: string): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}
