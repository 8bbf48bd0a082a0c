// The https.Agent of the RAPI client: verified TLS sockets, and a record of requests never sent.
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { connectVerified, type TlsTarget } from './tls.ts';

/** Errors raised before the socket was handed to the request: the request was certainly not sent. */
const notSent = new WeakSet<Error>();

/** https.Agent whose sockets are handed to a request only after the certificate check passed. */
export class RapiAgent extends https.Agent {
  constructor(private readonly target: TlsTarget) {
    super({ keepAlive: false });
  }

  override createConnection(_o: unknown, cb?: (err: Error | null, stream: Duplex) => void): undefined {
    connectVerified(this.target, (err, socket) => {
      if (err) notSent.add(err);
      cb?.(err, socket as Duplex);
    });
    return undefined;
  }
}

/** True when `err` was raised before the request had a socket: the server cannot have seen it. */
export function wasNeverSent(err: unknown): boolean {
  return err instanceof Error && notSent.has(err);
}
