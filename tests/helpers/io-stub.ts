// The one IoHost stand-in of the tests: never asks, answers confirmations yes (as --yes), records
// every line it is given with its level ('data' for io.data, 'progress' for spinner text).
import type { IoHost, LogLevel } from '../../src/io/io-host.ts';

/** A recorded line: the level (or 'data'/'progress') and the text. */
export type StubLine = [LogLevel | 'data' | 'progress', string];

/** An IoHost that records instead of printing, for in-process action calls. */
export function stubIo(): IoHost & { lines: StubLine[] } {
  const lines: StubLine[] = [];
  return {
    lines,
    interactive: false,
    assumeYes: true,
    log: (level, message) => void lines.push([level, message]),
    data: (text) => void lines.push(['data', text]),
    ask: async (q) => {
      throw new Error(`unexpected question for ${q.flag}: ${q.message}`);
    },
    confirm: async () => true,
    progress: (text) => {
      lines.push(['progress', text]);
      return { update: (t) => void lines.push(['progress', t]), succeed() {}, fail() {} };
    },
  };
}
