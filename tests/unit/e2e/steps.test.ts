import { describe, expect, it } from 'vitest';
import { checkStep, type ExecResult, flagArgs, lastLine, stepArgs, stepLabel } from '../../e2e/steps.ts';

const ok = (stdout: string, over: Partial<ExecResult> = {}): ExecResult => ({
  code: 0,
  stdout,
  stderr: '',
  durationMs: 1200,
  timedOut: false,
  ...over,
});
const status = (s: string, states: string[]) =>
  JSON.stringify({
    schemaVersion: 1,
    status: s,
    nodes: states.map((state, i) => ({ name: `n${11 + i}`, state })),
  });

describe('e2e step arguments', () => {
  it('builds the exasol argv of every step kind against the run directory', () => {
    expect(
      stepArgs({ step: 'init' }, '/d', 'ganeti', {
        'cluster-size': 2,
        'ganeti-insecure': true,
        'allow-internet': false,
        'ganeti-os-param': ['a=1', 'b=2'],
      }),
    ).toEqual([
      'init',
      '--deployment-dir',
      '/d',
      '--cloud-provider',
      'ganeti',
      '--cluster-size',
      '2',
      '--ganeti-insecure',
      '--ganeti-os-param',
      'a=1',
      '--ganeti-os-param',
      'b=2',
    ]);
    expect(stepArgs({ step: 'deploy', infraOnly: true }, '/d', 'x', {})).toEqual([
      'deploy',
      '--deployment-dir',
      '/d',
      '--infra-only',
    ]);
    expect(stepArgs({ step: 'status', refresh: true }, '/d', 'x', {})).toEqual([
      'status',
      '--deployment-dir',
      '/d',
      '--json',
      '--refresh',
    ]);
    expect(stepArgs({ step: 'destroy' }, '/d', 'x', {})).toEqual([
      'destroy',
      '--deployment-dir',
      '/d',
      '--yes',
    ]);
    expect(stepArgs({ step: 'stop' }, '/d', 'x', {})).toEqual(['stop', '--deployment-dir', '/d']);
    expect(flagArgs({})).toEqual([]);
  });

  it('labels a step with its flags and expected status', () => {
    expect(stepLabel({ step: 'status', refresh: true, expect: { status: 'stopped' } })).toBe(
      'status --refresh → stopped',
    );
  });
});

describe('e2e step checks', () => {
  it('passes a status that matches status, node count and node state', () => {
    const step = {
      step: 'status' as const,
      expect: { status: 'stopped' as const, nodes: 2, nodeState: 'stopped' as const },
    };
    expect(checkStep(step, ok(status('stopped', ['stopped', 'stopped'])), 2)).toEqual([]);
  });

  it('names every mismatch: status, node state per node', () => {
    const step = {
      step: 'status' as const,
      expect: { status: 'stopped' as const, nodeState: 'stopped' as const },
    };
    expect(checkStep(step, ok(status('stop_failed', ['stopped', 'ADMIN_down'])), 2)).toEqual([
      'status is "stop_failed", expected stopped',
      'node n12 is "ADMIN_down", expected stopped',
    ]);
  });

  it('fails a status step that prints no JSON', () => {
    expect(checkStep({ step: 'status' }, ok('Status: initialized'), 1)).toEqual([
      'status --json printed no JSON: Status: initialized',
    ]);
  });

  it('reports the CLI error line rather than a trailing hint', () => {
    const res = ok('', {
      code: 1,
      stderr: 'progress\nerror: terraform apply failed\nhint: full log: /d/logs/x.log\n',
    });
    expect(checkStep({ step: 'deploy' }, res, 1)).toEqual([
      'exit code 1, expected 0: error: terraform apply failed',
    ]);
    expect(lastLine('a\n\nb\n')).toBe('b');
  });

  it('accepts an expected non-zero exit code, e.g. a locked deployment (3)', () => {
    expect(checkStep({ step: 'deploy', expect: { exitCode: 3 } }, ok('', { code: 3 }), 1)).toEqual([]);
    expect(checkStep({ step: 'deploy', expect: { exitCode: 3 } }, ok(''), 1)).toEqual([
      'exit code 0, expected 3',
    ]);
  });

  it('reports a timeout before anything else', () => {
    expect(
      checkStep({ step: 'deploy' }, ok('', { code: 143, timedOut: true, durationMs: 60_000 }), 1),
    ).toEqual(['timed out after 60s']);
  });
});
