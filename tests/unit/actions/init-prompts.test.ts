// On a terminal (IoHost.interactive) init asks, through the IoHost, for every missing required value:
// the provider, required provider flags, the CIDR of clouds, the Ganeti RAPI password (hidden).
// Without a terminal, or with CI=true, it asks nothing and the missing value is an error naming its flag.
import { describe, expect, it } from 'vitest';
import { completeInitInputs } from '../../../src/actions/init-prompts.ts';
import { CliIoHost } from '../../../src/io/cli-io-host.ts';
import { stubIo } from '../../helpers/io-stub.ts';

/** The test IoHost answering from a table keyed by flag (a terminal), or no terminal at all. */
function answering(answers: Record<string, string>, interactive = true) {
  return interactive ? stubIo({ answers, yes: false }) : stubIo({ yes: false });
}

describe('init asks for missing values on a terminal', () => {
  it('ganeti: provider, endpoint, OS type and the RAPI password (hidden, into the environment only)', async () => {
    const io = answering({
      '--cloud-provider': 'ganeti',
      '--ganeti-endpoint': 'https://ganeti.example.com:5080',
      '--ganeti-os-type': 'noop',
      '--ganeti-password-file': 's3cret-pw',
    });
    const r = await completeInitInputs(undefined, {}, {}, io);
    expect(r.provider.id).toBe('ganeti');
    expect(io.asked.map((q) => [q.flag, q.secret === true])).toEqual([
      ['--cloud-provider', false],
      ['--ganeti-endpoint', false],
      ['--ganeti-os-type', false],
      ['--ganeti-password-file', true],
    ]);
    expect(r.values['ganeti-endpoint']).toBe('https://ganeti.example.com:5080');
    expect(r.env.GANETI_PASSWORD).toBe('s3cret-pw');
    expect(JSON.stringify(r.values)).not.toContain('s3cret-pw');
  });

  it('does not ask for what was given (flag, variable or file flag)', async () => {
    const io = answering({});
    const r = await completeInitInputs(
      'ganeti',
      { 'ganeti-endpoint': 'https://g:5080', 'ganeti-os-type': 'noop' },
      { GANETI_PASSWORD: 'from-env' },
      io,
    );
    expect(io.asked).toEqual([]);
    expect(r.env.GANETI_PASSWORD).toBe('from-env');
  });

  it('aws: asks for --allowed-cidr and validates the answer like the flag', async () => {
    const io = answering({ '--allowed-cidr': '203.0.113.0/24' });
    const r = await completeInitInputs('aws', {}, {}, io);
    expect(io.asked.map((q) => q.flag)).toEqual(['--allowed-cidr']);
    expect(r.values['allowed-cidr']).toBe('203.0.113.0/24');
    const bad = answering({ '--allowed-cidr': 'not-a-cidr' });
    await expect(completeInitInputs('aws', {}, {}, bad)).rejects.toThrow(/--allowed-cidr/);
  });

  it('refuses a flag of another provider before asking anything else', async () => {
    const io = answering({});
    await expect(completeInitInputs('gcp', { 'aws-region': 'eu-west-1' }, {}, io)).rejects.toThrow(
      '--aws-region: belongs to the aws provider, not gcp',
    );
  });
});

describe('without a terminal nothing is asked', () => {
  it('optional prompts are skipped; a required provider flag is the usual error naming it', async () => {
    const host = new CliIoHost({
      logLevel: 'info',
      color: false,
      assumeYes: false,
      json: false,
      env: {},
      stdinIsTTY: false,
      stderrIsTTY: false,
    });
    await expect(completeInitInputs('ganeti', {}, {}, host)).rejects.toThrow(/^--ganeti-endpoint: required$/);
    const io = answering({}, false);
    const r = await completeInitInputs('aws', {}, {}, io);
    expect(io.asked).toEqual([]);
    expect(r.values['allowed-cidr']).toBeUndefined();
  });

  it('CI=true on a terminal is not interactive', () => {
    const host = new CliIoHost({
      logLevel: 'info',
      color: false,
      assumeYes: false,
      json: false,
      env: { CI: 'true' },
      stdinIsTTY: true,
      stderrIsTTY: true,
    });
    expect(host.interactive).toBe(false);
    const tty = new CliIoHost({
      logLevel: 'info',
      color: false,
      assumeYes: false,
      json: false,
      env: {},
      stdinIsTTY: true,
      stderrIsTTY: true,
    });
    expect(tty.interactive).toBe(true);
  });
});
