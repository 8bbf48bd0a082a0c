// InterruptScope: the first signal is forwarded once as SIGINT to every tracked child, later ones are not.
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptScope } from '../../../src/util/interrupt.ts';

let scope: InterruptScope | undefined;
afterEach(() => scope?.dispose());

describe('InterruptScope', () => {
  it('forwards one SIGINT per child, aborts waits and warns about repeats', () => {
    const warnings: string[] = [];
    scope = new InterruptScope((m) => warnings.push(m)).install();
    const sent: string[] = [];
    scope.track({ kill: (s) => sent.push(`a:${String(s)}`) > 0 });
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    scope.track({ kill: (s) => sent.push(`late:${String(s)}`) > 0 });
    expect(sent).toEqual(['a:SIGINT', 'late:SIGINT']);
    expect(scope.signal).toBe('SIGTERM');
    expect(scope.abortSignal.aborted).toBe(true);
    expect(warnings[1]).toContain('SIGINT again');
    expect(() => scope?.throwIfInterrupted(() => new Error('stop'))).toThrow('stop');
  });

  it('untracked children get nothing; dispose removes the handlers', () => {
    scope = new InterruptScope().install();
    const sent: string[] = [];
    const untrack = scope.track({ kill: (s) => sent.push(String(s)) > 0 });
    untrack();
    const before = process.listenerCount('SIGINT');
    scope.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before - 1);
    expect(sent).toEqual([]);
  });
});
