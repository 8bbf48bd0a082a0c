// Throwaway certificates made by the real openssl binary, for TLS tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function inTempDir<T>(fn: (dir: string, run: (...args: string[]) => void) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'exasol-cert-'));
  try {
    return fn(dir, (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh self-signed certificate and key (CN as given, no SAN, like Ganeti's rapi.pem). */
export function selfSignedCert(cn = 'ganeti.example.com'): { certPem: string; keyPem: string } {
  return inTempDir((dir, run) => {
    run('req', '-x509', ...EC, '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', `/CN=${cn}`);
    return {
      certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'),
    };
  });
}

/** A CA and a server certificate it signed, with the given subjectAltName (e.g. "IP:127.0.0.1"). */
export function caSignedCert(san: string): { caPem: string; certPem: string; keyPem: string } {
  return inTempDir((dir, run) => {
    run('req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test CA');
    run('req', ...EC, '-keyout', 'key.pem', '-out', 'srv.csr', '-subj', '/CN=rapi');
    writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${san}\n`);
    run(
      'x509',
      '-req',
      '-in',
      'srv.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'cert.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    );
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return { caPem: read('ca.pem'), certPem: read('cert.pem'), keyPem: read('key.pem') };
  });
}
