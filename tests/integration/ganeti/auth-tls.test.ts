// What a user reads when credentials, permissions, certificates or the endpoint are wrong (real cluster).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RapiClient } from '../../../src/ganeti/client.ts';
import { GanetiApiError, GanetiConnectionError, GanetiTlsError } from '../../../src/ganeti/errors.ts';
import { cliFix } from '../../../src/providers/ganeti/rapi-fix.ts';
import { closedPort } from '../../helpers/closed-port.ts';
import { ganetiConnection, RAPI_PEM, serverFingerprint, skipGaneti } from '../../helpers/ganeti-env.ts';
import { selfSignedCert } from '../../helpers/self-signed.ts';

const endpoint = () => new URL(process.env.GANETI_ENDPOINT ?? 'https://x').origin;

describe.skipIf(skipGaneti)('RAPI auth and TLS failures on a real cluster', () => {
  it('says the credentials are wrong on 401, without the password', async () => {
    const client = new RapiClient(ganetiConnection('rw', { password: 'not-the-password' }));
    const err = await client.info().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiApiError);
    expect((err as GanetiApiError).status).toBe(401);
    expect((err as Error).message).toBe(
      `Ganeti RAPI: wrong credentials for user ${process.env.GANETI_USERNAME} at ${endpoint()}`,
    );
    expect(JSON.stringify(err)).not.toContain('not-the-password');
  });

  it('lets a read-only user read but says it lacks write permission on a write', async () => {
    const client = new RapiClient(ganetiConnection('ro'));
    expect(await client.version()).toBe(2);
    const err = await client.cancelJob(1).catch((e: unknown) => e);
    expect((err as GanetiApiError).status).toBe(403);
    expect((err as Error).message).toBe(
      `Ganeti RAPI: user ${process.env.GANETI_RO_USERNAME} lacks write permission at ${endpoint()} (DELETE /2/jobs/1 was forbidden)`,
    );
  });

  it('accepts the pinned fingerprint, the rapi.pem as CA file, and --ganeti-insecure', async () => {
    expect(await new RapiClient(ganetiConnection()).version()).toBe(2);
    const caPem = readFileSync(RAPI_PEM, 'utf8');
    expect(await new RapiClient(ganetiConnection('rw', { tls: { mode: 'ca', caPem } })).version()).toBe(2);
    expect(await new RapiClient(ganetiConnection('rw', { tls: { mode: 'insecure' } })).version()).toBe(2);
  });

  it('rejects a wrong fingerprint with the server fingerprint; the CLI fix names the flag', async () => {
    const tls = { mode: 'fingerprint' as const, sha256: `sha256:${'AB'.repeat(32)}` };
    const err = await new RapiClient(ganetiConnection('rw', { tls })).version().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiTlsError);
    const msg = (err as Error).message;
    expect(msg).toContain(`TLS verification of Ganeti RAPI at ${endpoint()} failed`);
    expect(msg).toContain(`The server presents certificate sha256:${serverFingerprint()}`);
    // The client states facts; the CLI words the fix with its flags.
    expect(msg).not.toContain('--ganeti');
    expect(cliFix(err)).toBe(
      `if sha256:${serverFingerprint()} matches rapi.pem on the master node ` +
        `(openssl x509 -in /var/lib/ganeti/rapi.pem -noout -fingerprint -sha256), ` +
        `pass --ganeti-ca-fingerprint sha256:${serverFingerprint()}`,
    );
  });

  it('rejects a CA file that did not sign the server certificate, and system CAs', async () => {
    const other = selfSignedCert();
    const wrongCa = new RapiClient(ganetiConnection('rw', { tls: { mode: 'ca', caPem: other.certPem } }));
    const err = await wrongCa.version().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiTlsError);
    expect((err as Error).message).toMatch(
      /certificate not accepted with the given CA file: (its issuer is not trusted|it is self-signed) \(\w+\)/,
    );
    const system = new RapiClient(ganetiConnection('rw', { tls: { mode: 'system' } }));
    const err2 = await system.version().catch((e: unknown) => e);
    expect((err2 as Error).message).toContain(
      'not trusted by the system CAs: it is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)',
    );
    expect((err2 as GanetiTlsError).serverFingerprint).toBe(serverFingerprint());
  });

  it('says the connection was refused for a closed port', async () => {
    const port = await closedPort();
    const client = new RapiClient(
      ganetiConnection('rw', { endpoint: `https://127.0.0.1:${port}`, retries: 1 }),
    );
    const err = await client.version().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GanetiConnectionError);
    expect((err as Error).message).toBe(
      `cannot reach Ganeti RAPI at https://127.0.0.1:${port}: connection refused`,
    );
  });
});
