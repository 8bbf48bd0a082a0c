// One JSON request to RAPI: Basic auth, verified TLS, timeout, and retries that never repeat a write
// which may have reached the server.
import https from 'node:https';
import { RapiAgent, wasNeverSent } from './agent.ts';
import { GanetiApiError, GanetiConnectionError } from './errors.ts';
import type { RapiConnection } from './types.ts';

/** HTTP methods RAPI uses. */
export type RapiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Query values; arrays repeat the key (`tag=a&tag=b`). */
export type RapiQuery = Record<string, string | number | boolean | string[] | undefined>;

/** One request; `body` is sent as JSON with `Content-Type: application/json`. */
export interface RapiRequest {
  method: RapiMethod;
  path: string;
  query?: RapiQuery;
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Sends RAPI requests for one connection; reads are retried with backoff, writes only if never sent. */
export class RapiTransport {
  readonly endpoint: string;
  private readonly url: URL;
  private readonly agent: RapiAgent;

  constructor(private readonly conn: RapiConnection) {
    this.url = new URL(conn.endpoint);
    this.endpoint = this.url.origin;
    this.agent = new RapiAgent({
      endpoint: this.endpoint,
      host: this.url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(this.url.port || 5080),
      tls: conn.tls,
      timeoutMs: conn.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  }

  /** Sends the request and returns the parsed JSON body of a 2xx answer. */
  async request(req: RapiRequest): Promise<unknown> {
    const attempts = Math.max(1, this.conn.retries ?? 3);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(req);
      } catch (err) {
        if (attempt >= attempts || !this.retriable(req, err) || req.signal?.aborted) throw err;
        await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
      }
    }
  }

  private retriable(req: RapiRequest, err: unknown): boolean {
    // A port that is not RAPI's does not become RAPI on the next attempt.
    if (err instanceof GanetiConnectionError && err.kind !== 'other') return false;
    if (req.method !== 'GET') {
      return err instanceof GanetiConnectionError && wasNeverSent(err) && err.reason === 'connection refused';
    }
    if (err instanceof GanetiApiError) return err.status >= 500 && err.status !== 501;
    return err instanceof GanetiConnectionError;
  }

  private once(req: RapiRequest): Promise<unknown> {
    const timeoutMs = req.timeoutMs ?? this.conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const path = pathWithQuery(req.path, req.query);
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const auth = Buffer.from(`${this.conn.username}:${this.conn.password}`).toString('base64');
    const headers: Record<string, string | number> = {
      Accept: 'application/json',
      Authorization: `Basic ${auth}`,
    };
    if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    return new Promise((resolve, reject) => {
      const r = https.request(
        {
          protocol: 'https:',
          host: this.url.hostname,
          port: this.url.port || 5080,
          method: req.method,
          path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(this.connError(e)));
          res.on('end', () => {
            try {
              resolve(this.parse(req, res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      r.setTimeout(timeoutMs, () => {
        r.destroy(
          new GanetiConnectionError(
            this.endpoint,
            `no answer to ${req.method} ${req.path} within ${timeoutMs} ms`,
          ),
        );
      });
      req.signal?.addEventListener(
        'abort',
        () => r.destroy(new Error('aborted', { cause: req.signal?.reason })),
        {
          once: true,
        },
      );
      r.on('error', (e) => reject(this.connError(e)));
      r.end(body);
    });
  }

  private connError(e: Error): Error {
    if (e instanceof GanetiConnectionError || e.name.startsWith('Ganeti') || e.message === 'aborted')
      return e;
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ECONNRESET' ? 'connection closed before an answer arrived' : e.message;
    return new GanetiConnectionError(this.endpoint, reason, { cause: e });
  }

  private parse(req: RapiRequest, status: number, text: string): unknown {
    let json: unknown = null;
    try {
      json = text.trim() === '' ? null : JSON.parse(text);
    } catch (cause) {
      if (status >= 200 && status < 300) {
        throw new GanetiConnectionError(this.endpoint, `answer to ${req.method} ${req.path} is not JSON`, {
          cause,
        });
      }
    }
    if (status >= 200 && status < 300) return json;
    const message =
      json && typeof json === 'object' && 'message' in json
        ? String((json as { message: unknown }).message)
        : text;
    throw new GanetiApiError({
      status,
      endpoint: this.endpoint,
      method: req.method,
      path: req.path,
      username: this.conn.username,
      message: message.trim() || `HTTP ${status}`,
    });
  }
}

function pathWithQuery(path: string, query: RapiQuery | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value])
      params.append(key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
