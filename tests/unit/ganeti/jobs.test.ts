// waitForJob over the long poll (fake RAPI), and turning Ganeti error results into readable text.
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/errors.ts';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { unescapeHtml } from '../../../src/ganeti/errors.ts';
import { jobError, parseOpResult, waitForJob } from '../../../src/ganeti/jobs.ts';
import type { Job } from '../../../src/ganeti/types.ts';
import { type FakeRapi, json, startFakeRapi } from '../../helpers/fake-rapi.ts';

let fake: FakeRapi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const job = (status: Job['status'], opresult: unknown[]): Job => ({
  id: 7,
  status,
  summary: ['INSTANCE_CREATE(vm1)'],
  opstatus: [status],
  opresult,
  oplog: [],
  received_ts: null,
  start_ts: null,
  end_ts: null,
});

describe('waitForJob', () => {
  it('follows the long poll, reports each log line once, and resolves with the finished job', async () => {
    const answers = [
      null,
      { job_info: ['running'], log_entries: [[1, [0, 0], 'message', 'one']] },
      { job_info: ['success'], log_entries: [[2, [0, 0], 'message', 'two']] },
    ];
    fake = await startFakeRapi((q, res) =>
      q.url.endsWith('/wait') ? json(res, 200, answers.shift()) : json(res, 200, job('success', [['node1']])),
    );
    const client = new RapiClient({
      endpoint: fake.endpoint,
      username: 'u',
      password: 'p',
      tls: { mode: 'insecure' },
    });
    const logs: string[] = [];
    const done = await waitForJob(client, 7, { onLog: (e) => logs.push(e[3]) });
    expect(done.opresult).toEqual([['node1']]);
    expect(logs).toEqual(['one', 'two']);
    const bodies = fake.requests.filter((r) => r.url.endsWith('/wait')).map((r) => JSON.parse(r.body));
    expect(bodies[2]).toEqual({ fields: ['status'], previous_job_info: ['running'], previous_log_serial: 1 });
  });

  it('stops waiting after timeoutMs and says the job keeps running', async () => {
    fake = await startFakeRapi((_q, res) => setTimeout(() => json(res, 200, null), 100));
    const client = new RapiClient({
      endpoint: fake.endpoint,
      username: 'u',
      password: 'p',
      tls: { mode: 'insecure' },
    });
    await expect(waitForJob(client, 9, { timeoutMs: 150 })).rejects.toThrow(
      `Ganeti job 9 at ${fake.endpoint} is still queued after 150 ms; it keeps running on the cluster`,
    );
  });
});

describe('waitForJob interrupted', () => {
  it('stops a pending long poll when the signal aborts and says the job keeps running', async () => {
    fake = await startFakeRapi(() => undefined); // never answers, like a long poll with no change
    const client = new RapiClient({
      endpoint: fake.endpoint,
      username: 'u',
      password: 'p',
      tls: { mode: 'insecure' },
    });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const err = await waitForJob(client, 5, { signal: ac.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as Error).message).toBe(
      `stopped waiting for Ganeti job 5 at ${fake.endpoint}; it keeps running`,
    );
  });
});

describe('job errors', () => {
  it('names job, summary, endpoint, message, class and code', () => {
    const err = jobError(
      'https://c:5080',
      job('error', [
        ['OpPrereqError', ['Instance &#x27;vm1&#x27; is already in the cluster', 'already_exists']],
      ]),
    );
    expect(err.message).toBe(
      "Ganeti job 7 (INSTANCE_CREATE(vm1)) at https://c:5080 failed: Instance 'vm1' is already in the cluster [OpPrereqError/already_exists]",
    );
    expect([err.errorClass, err.errorCode, err.code]).toEqual([
      'OpPrereqError',
      'already_exists',
      'E_GANETI_JOB',
    ]);
  });

  it('uses the first failed opcode of a multi-opcode job', () => {
    const j = {
      ...job('error', [null, ['OpExecError', ['disk failed']], ['OpExecError', ['Preceding opcode failed']]]),
      opstatus: ['success', 'error', 'error'],
    };
    expect(jobError('e', j).message).toContain('failed: disk failed [OpExecError]');
  });

  it('parses bare strings and odd shapes without losing text', () => {
    expect(parseOpResult('Job canceled by request')).toEqual({ message: 'Job canceled by request' });
    expect(parseOpResult(['OpExecError', 'flat'])).toEqual({ errorClass: 'OpExecError', message: 'flat' });
    expect(parseOpResult({ odd: 1 })).toEqual({ message: '{"odd":1}' });
    expect(unescapeHtml('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;')).toBe('a & b <c> "d" \'e\'');
  });
});
