// Opens TLS connections to RAPI and decides, before any byte of the request is sent, whether the
// server's certificate is acceptable under the configured RapiTls mode.
import { X509Certificate } from 'node:crypto';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { UsageError } from '../errors.ts';
import { GanetiConnectionError, GanetiTlsError } from './errors.ts';
import type { RapiTls } from './types.ts';

/** Turns `sha256:AB:CD…`, `AB:CD…` or `abcd…` into 64 upper-case hex digits; throws UsageError otherwise. */
export function normalizeFingerprint(input: string): string {
  const hex = input
    .trim()
    .replace(/^sha256:/i, '')
    .replace(/:/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    throw new UsageError(`not a SHA-256 fingerprint: ${input}`, {
      flag: '--ganeti-ca-fingerprint',
      accepted: 'sha256:HEX (64 hex digits, colons allowed)',
    });
  }
  return hex;
}

/** SHA-256 fingerprint (64 upper-case hex digits) of the first certificate in a PEM text. */
export function pemFingerprint(pem: string): string {
  const first = certificateBlocks(pem)[0];
  if (!first) throw new UsageError('no certificate found in PEM text', { flag: '--ganeti-ca-cert' });
  return new X509Certificate(first).fingerprint256.replace(/:/g, '');
}

function certificateBlocks(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Upper bound of a TLS handshake once TCP is up. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Everything needed to open one verified connection. */
export interface TlsTarget {
  endpoint: string;
  host: string;
  port: number;
  tls: RapiTls;
  timeoutMs: number;
}

/** Connects and calls back with the socket only once the certificate passed the configured check. */
export function connectVerified(
  target: TlsTarget,
  callback: (err: Error | null, socket?: Duplex) => void,
): void {
  const { tls: mode, host, port, endpoint } = target;
  const cas = mode.mode === 'ca' ? certificateBlocks(mode.caPem) : [];
  const pinned = new Set(cas.map((c) => new X509Certificate(c).fingerprint256));
  const options: tls.ConnectionOptions = {
    host,
    port,
    servername: /^[\d.]+$|:/.test(host) ? undefined : host,
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  };
  if (mode.mode === 'ca') {
    options.ca = cas;
    // The stock Ganeti certificate has no SAN; a server presenting exactly the given file is pinned.
    options.checkServerIdentity = (name, cert) =>
      pinned.has(cert.fingerprint256) ? undefined : tls.checkServerIdentity(name, cert);
  }
  let settled = false;
  const finish = (err: Error | null, socket?: Duplex): void => {
    if (settled) return;
    settled = true;
    callback(err, socket);
  };
  const socket = tls.connect(options);
  // A healthy RAPI completes the handshake in milliseconds: a server that accepted TCP but says
  // nothing (a wrong port, a proxy) is given at most HANDSHAKE_TIMEOUT_MS, not the request timeout.
  let tcpUp = false;
  socket.once('connect', () => {
    tcpUp = true;
    socket.setTimeout(Math.min(target.timeoutMs, HANDSHAKE_TIMEOUT_MS));
  });
  socket.setTimeout(target.timeoutMs, () => {
    const ms = tcpUp ? Math.min(target.timeoutMs, HANDSHAKE_TIMEOUT_MS) : target.timeoutMs;
    const err = tcpUp
      ? new GanetiConnectionError(
          endpoint,
          `the server accepted the TCP connection but completed no TLS handshake within ${ms} ms`,
          { kind: 'tls-handshake-timeout' },
        )
      : new GanetiConnectionError(endpoint, `no TCP connection within ${ms} ms`);
    socket.destroy();
    finish(err);
  });
  socket.once('error', (err: NodeJS.ErrnoException) => finish(connectError(endpoint, err)));
  socket.once('secureConnect', () => {
    const cert = socket.getPeerCertificate();
    const fp = cert.fingerprint256?.replace(/:/g, '');
    const problem = verdict(mode, socket, host, fp, pinned.has(cert.fingerprint256));
    if (problem) {
      socket.destroy();
      finish(new GanetiTlsError(endpoint, problem, fp));
      return;
    }
    socket.setTimeout(0);
    socket.removeAllListeners('timeout');
    finish(null, socket);
  });
}

const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in an untrusted self-signed CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not trusted',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
};

function reason(socket: tls.TLSSocket, host: string): string {
  const code = String(socket.authorizationError);
  const why = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? `it does not name the host ${host}` : REASONS[code];
  return `${why ?? 'it failed verification'} (${code})`;
}

function verdict(
  mode: RapiTls,
  socket: tls.TLSSocket,
  host: string,
  fp: string | undefined,
  pinned: boolean,
) {
  switch (mode.mode) {
    case 'insecure':
      return null;
    case 'fingerprint':
      return fp === normalizeFingerprint(mode.sha256)
        ? null
        : `certificate fingerprint does not match the pinned sha256:${normalizeFingerprint(mode.sha256)}`;
    case 'ca':
      if (pinned || socket.authorized) return null;
      return `certificate not accepted with the given CA file: ${reason(socket, host)}`;
    case 'system':
      return socket.authorized ? null : `certificate not trusted by the system CAs: ${reason(socket, host)}`;
  }
}

/** Maps a socket-level error to the user-facing connection or TLS error. */
export function connectError(endpoint: string, err: NodeJS.ErrnoException): Error {
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED')
    return new GanetiConnectionError(endpoint, 'connection refused', { cause: err });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new GanetiConnectionError(endpoint, 'host name does not resolve', { cause: err });
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new GanetiConnectionError(endpoint, `host unreachable (${code})`, { cause: err });
  }
  if (code === 'ECONNRESET')
    return new GanetiConnectionError(endpoint, 'connection reset by the server', { cause: err });
  // OpenSSL's words for a peer that sent something other than a TLS record (e.g. an HTTP answer).
  if (
    (code.startsWith('ERR_SSL') || code === 'EPROTO') &&
    /wrong version number|packet length too long|http request|unknown protocol|record layer failure/i.test(
      `${code} ${err.message}`,
    )
  ) {
    return new GanetiConnectionError(endpoint, 'the server does not speak TLS on this port', {
      cause: err,
      kind: 'not-https',
    });
  }
  if (code.startsWith('ERR_SSL') || code === 'EPROTO') {
    return new GanetiTlsError(
      endpoint,
      `TLS handshake failed (${err.message}); is this an https:// RAPI endpoint?`,
      undefined,
      {
        cause: err,
      },
    );
  }
  return new GanetiConnectionError(endpoint, err.message, { cause: err });
}
