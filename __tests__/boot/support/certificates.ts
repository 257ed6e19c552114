import * as fs from 'fs';
import * as path from 'path';
import { runOk } from './processes';

export interface CertificateAuthority {
  readonly cert: string;
  readonly key: string;
}

export interface ServerCertificate {
  readonly cert: string;
  readonly key: string;
}

/** A throwaway CA (P-256, valid two days) in `dir`. */
export async function createCa(dir: string, name: string): Promise<CertificateAuthority> {
  const cert = path.join(dir, `${name}.pem`);
  const key = path.join(dir, `${name}.key`);
  await runOk(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2'].concat([
      '-subj',
      `/CN=${name}`,
      '-keyout',
      key,
      '-out',
      cert,
    ]),
  );
  return { cert, key };
}

/** A server certificate for `names`, signed by `ca`. */
export async function createServerCertificate(
  dir: string,
  name: string,
  ca: CertificateAuthority,
  names: readonly string[],
): Promise<ServerCertificate> {
  const cert = path.join(dir, `${name}.pem`);
  const key = path.join(dir, `${name}.key`);
  await runOk('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${names[0]}`,
    '-addext',
    `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-addext',
    'extendedKeyUsage=serverAuth',
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  fs.chmodSync(key, 0o644);
  return { cert, key };
}
