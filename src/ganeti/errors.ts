// Typed errors of the Ganeti RAPI client; every message names the endpoint and says what to do.
import { ExasolError } from '../errors.ts';

/** Undoes the HTML escaping Ganeti applies to error messages (`&#x27;` → `'`). */
export function unescapeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** RAPI answered with an HTTP error status (401, 403, 404, 400, 5xx …). */
export class GanetiApiError extends ExasolError {
  readonly status: number;
  readonly endpoint: string;
  readonly path: string;

  constructor(
    info: {
      status: number;
      endpoint: string;
      method: string;
      path: string;
      username: string;
      message: string;
    },
    options: { cause?: unknown } = {},
  ) {
    super(`E_GANETI_HTTP_${info.status}`, apiMessage(info), { cause: options.cause, hint: apiHint(info) });
    this.name = 'GanetiApiError';
    this.status = info.status;
    this.endpoint = info.endpoint;
    this.path = info.path;
  }
}

function apiMessage(i: {
  status: number;
  endpoint: string;
  method: string;
  path: string;
  username: string;
  message: string;
}): string {
  if (i.status === 401) return `Ganeti RAPI: wrong credentials for user ${i.username} at ${i.endpoint}`;
  if (i.status === 403) {
    return `Ganeti RAPI: user ${i.username} lacks write permission at ${i.endpoint} (${i.method} ${i.path} was forbidden)`;
  }
  if (i.status === 404) return `Ganeti RAPI at ${i.endpoint}: ${i.method} ${i.path} not found (404)`;
  return `Ganeti RAPI at ${i.endpoint}: ${i.method} ${i.path} failed with HTTP ${i.status}: ${unescapeHtml(i.message)}`;
}

function apiHint(i: { status: number; username: string }): string | undefined {
  if (i.status === 401)
    return `check the password of RAPI user ${i.username} (the users file on the master node)`;
  if (i.status === 403) return `give user ${i.username} the "write" option in the RAPI users file`;
  return undefined;
}

/** A Ganeti job ended in `error` or `canceled`; keeps the Ganeti error class and code. */
export class GanetiJobError extends ExasolError {
  readonly jobId: number;
  readonly errorClass: string | undefined;
  readonly errorCode: string | undefined;
  readonly status: string;

  constructor(info: {
    endpoint: string;
    jobId: number;
    status: string;
    summary: string;
    errorClass?: string;
    errorCode?: string;
    message: string;
  }) {
    const cls = info.errorClass ? ` [${info.errorClass}${info.errorCode ? `/${info.errorCode}` : ''}]` : '';
    const verb = info.status === 'canceled' ? 'was canceled' : 'failed';
    super(
      info.errorCode === 'insufficient_resources' ? 'E_GANETI_CAPACITY' : 'E_GANETI_JOB',
      `Ganeti job ${info.jobId} (${info.summary}) at ${info.endpoint} ${verb}: ${unescapeHtml(info.message)}${cls}`,
    );
    this.name = 'GanetiJobError';
    this.jobId = info.jobId;
    this.errorClass = info.errorClass;
    this.errorCode = info.errorCode;
    this.status = info.status;
  }
}

/** RAPI could not be reached: refused, reset, DNS failure or timeout. */
/**
 * What kind of connection failure it was, as a fact for callers to word: `not-https` (the server
 * answered, but not in TLS: plain HTTP or another protocol), `tls-handshake-timeout` (TCP was
 * accepted, the TLS handshake never completed), `other` for the rest.
 */
export type GanetiConnectionKind = 'not-https' | 'tls-handshake-timeout' | 'other';

export class GanetiConnectionError extends ExasolError {
  readonly endpoint: string;
  readonly reason: string;
  readonly kind: GanetiConnectionKind;

  constructor(
    endpoint: string,
    reason: string,
    options: { cause?: unknown; kind?: GanetiConnectionKind } = {},
  ) {
    super('E_GANETI_CONNECT', `cannot reach Ganeti RAPI at ${endpoint}: ${reason}`, {
      cause: options.cause,
      hint: 'check --ganeti-endpoint (https://HOST:5080) and that ganeti-rapi runs and listens on that address',
    });
    this.name = 'GanetiConnectionError';
    this.endpoint = endpoint;
    this.reason = reason;
    this.kind = options.kind ?? 'other';
  }
}

/** The server's certificate did not pass the configured verification. */
export class GanetiTlsError extends ExasolError {
  readonly endpoint: string;
  readonly serverFingerprint: string | undefined;

  constructor(
    endpoint: string,
    reason: string,
    serverFingerprint?: string,
    options: { cause?: unknown } = {},
  ) {
    const fp = serverFingerprint ? ` The server presents certificate sha256:${serverFingerprint}.` : '';
    super(
      'E_GANETI_TLS',
      `TLS verification of Ganeti RAPI at ${endpoint} failed: ${reason}.${fp} ` +
        "Pass --ganeti-ca-cert FILE (the cluster's rapi.pem or its CA) or --ganeti-ca-fingerprint sha256:HEX " +
        '(after checking the fingerprint on the master node: ' +
        'openssl x509 -in /var/lib/ganeti/rapi.pem -noout -fingerprint -sha256).',
      {
        cause: options.cause,
        hint: serverFingerprint
          ? `if sha256:${serverFingerprint} matches rapi.pem on the master node, pass --ganeti-ca-fingerprint sha256:${serverFingerprint}`
          : 'pass --ganeti-ca-cert FILE or --ganeti-ca-fingerprint sha256:HEX',
      },
    );
    this.name = 'GanetiTlsError';
    this.endpoint = endpoint;
    this.serverFingerprint = serverFingerprint;
  }
}
