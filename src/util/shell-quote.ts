// Quoting for command lines printed to the user (hints, fixes): each word as a POSIX shell reads it.

/** `word` unchanged when it is shell-safe, else in single quotes (embedded quotes escaped). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@=+,%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A printed `exasol …` command: the words, each quoted as a shell needs. */
export function exasolCommand(...words: string[]): string {
  return ['exasol', ...words].map(shellQuote).join(' ');
}
