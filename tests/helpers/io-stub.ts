// The one IoHost stand-in of the tests: records every line it is given with its level ('data' for
// io.data, 'progress' for spinner text). By default it never asks and answers confirmations yes (as
// --yes); `answers` makes it a terminal that answers questions by flag, `json` acts as --json.
import { ExasolError, UsageError } from '../../src/errors.ts';
import type { IoHost, LogLevel, Question } from '../../src/io/io-host.ts';

/** A recorded line: the level (or 'data'/'progress') and the text. */
export type StubLine = [LogLevel | 'data' | 'progress', string];

/** How the stand-in behaves. */
export interface StubOptions {
  /** Answers by flag (`--cloud-provider`); given: the stub is interactive. */
  answers?: Record<string, string>;
  /** As --yes (default true). */
  yes?: boolean;
  /** As --json. */
  json?: boolean;
}

/** An IoHost that records instead of printing, for in-process action calls. */
export function stubIo(opts: StubOptions = {}): IoHost & { lines: StubLine[]; asked: Question[] } {
  const lines: StubLine[] = [];
  const asked: Question[] = [];
  const interactive = opts.answers !== undefined;
  const data = (text: string) => void lines.push(['data', text]);
  const ask = async (q: Question): Promise<string> => {
    asked.push(q);
    const a = opts.answers?.[q.flag];
    if (a === undefined) throw new Error(`unexpected question for ${q.flag}: ${q.message}`);
    return a;
  };
  return {
    lines,
    asked,
    interactive,
    log: (level, message) => void lines.push([level, message]),
    data,
    ask,
    confirm: async (c) => {
      if (opts.yes ?? true) return;
      if (!interactive) throw new UsageError(`${c.stake}; pass ${c.flag} to confirm`, { flag: c.flag });
      const answer = await ask({ message: c.message, flag: c.flag });
      if (answer !== c.typed) throw new ExasolError('E_NOT_CONFIRMED', `'${answer}' is not ${c.typed}`);
    },
    result: (value, human, o = {}) => {
      if (opts.json) data(JSON.stringify(value, null, o.compact ? undefined : 2));
      else human(value);
    },
    failureDetail: (human) => {
      if (!opts.json) human();
    },
    progress: (text) => {
      lines.push(['progress', text]);
      return { update: (t) => void lines.push(['progress', t]), succeed() {}, fail() {} };
    },
  };
}
