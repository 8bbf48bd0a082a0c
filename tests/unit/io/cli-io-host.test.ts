// The terminal IoHost: a command's result as JSON or for people, failure details for people only,
// and the typed confirmation of a destructive command.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliIoHost } from '../../../src/io/cli-io-host.ts';
import type { Confirmation } from '../../../src/io/io-host.ts';

function host(o: { json?: boolean; yes?: boolean; terminal?: boolean } = {}): CliIoHost {
  return new CliIoHost({
    logLevel: 'info',
    color: false,
    assumeYes: o.yes ?? false,
    json: o.json ?? false,
    env: {},
    stdinIsTTY: o.terminal ?? false,
    stderrIsTTY: o.terminal ?? false,
  });
}

function captureStdout(): { text: () => string } {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  return { text: () => out };
}

afterEach(() => vi.restoreAllMocks());

describe('result', () => {
  const report = { deploymentId: 'exa-abc123', nodes: [{ name: 'n11' }] };

  it('--json: the document on stdout, the human renderer not called', () => {
    const out = captureStdout();
    const human = vi.fn();
    host({ json: true }).result(report, human);
    expect(human).not.toHaveBeenCalled();
    expect(out.text()).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('without --json: only the human renderer, with the value', () => {
    const out = captureStdout();
    const io = host();
    io.result(report, (r) => io.data(`deployment ${r.deploymentId}`));
    expect(out.text()).toBe('deployment exa-abc123\n');
  });

  it('compact documents stay on one line (version --json)', () => {
    const out = captureStdout();
    host({ json: true }).result({ version: '1.2.3' }, () => {}, { compact: true });
    expect(out.text()).toBe('{"version":"1.2.3"}\n');
  });

  it('failure details reach people only', () => {
    const human = vi.fn();
    host({ json: true }).failureDetail(human);
    expect(human).not.toHaveBeenCalled();
    host().failureDetail(human);
    expect(human).toHaveBeenCalledOnce();
  });
});

describe('confirm', () => {
  const c: Confirmation = {
    message: 'Type the deployment id to confirm',
    typed: 'exa-abc123',
    flag: '--yes',
    stake: 'destroy deletes every resource of the deployment',
    notDone: 'nothing was destroyed',
  };

  it('--yes confirms without asking, terminal or not', async () => {
    const io = host({ yes: true, terminal: true });
    const ask = vi.spyOn(io, 'ask');
    await expect(io.confirm(c)).resolves.toBeUndefined();
    await expect(host({ yes: true }).confirm(c)).resolves.toBeUndefined();
    expect(ask).not.toHaveBeenCalled();
  });

  it('no terminal and no --yes: a usage error naming --yes, nothing asked', async () => {
    const io = host();
    const ask = vi.spyOn(io, 'ask');
    await expect(io.confirm(c)).rejects.toMatchObject({
      code: 'E_USAGE',
      message:
        '--yes: destroy deletes every resource of the deployment; pass --yes to confirm when not on a terminal',
    });
    expect(ask).not.toHaveBeenCalled();
  });

  it('the id typed right (spaces around it allowed) confirms', async () => {
    const io = host({ terminal: true });
    const ask = vi.spyOn(io, 'ask').mockResolvedValue(' exa-abc123 \n');
    await expect(io.confirm(c)).resolves.toBeUndefined();
    expect(ask).toHaveBeenCalledWith({ message: c.message, flag: '--yes' });
  });

  it('anything else typed refuses with E_NOT_CONFIRMED, exit 2', async () => {
    const io = host({ terminal: true });
    vi.spyOn(io, 'ask').mockResolvedValue('yes');
    await expect(io.confirm(c)).rejects.toMatchObject({
      code: 'E_NOT_CONFIRMED',
      exitCode: 2,
      message: "'yes' is not exa-abc123; nothing was destroyed",
    });
  });
});
