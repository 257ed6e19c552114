import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { defaultRdsCaBundle } from '../../../constructs/private/rds-ca-bundle';
import { Network } from '../../../constructs/network';
import { WordPress, WordPressProps } from '../../../constructs/wordpress';
import { onlyResourceOf, resourcesOf, synthStack } from '../../support/synth';
import { TWO_ZONES } from '../../support/zones';

function build(stack: TerraformStack, props: Partial<WordPressProps> = {}): WordPress {
  const network = new Network(stack, 'network', { name: 'web-dev', availabilityZones: TWO_ZONES });
  return new WordPress(stack, 'wordpress', { name: 'web-dev', network, ...props });
}

/** The literal parts of the launch template's user data expression. */
function userData(props: Partial<WordPressProps> = {}): string {
  return onlyResourceOf(
    synthStack((stack) => build(stack, props)),
    'aws_launch_template',
  ).user_data;
}

// A real certificate (self-signed, from the shipped bundle's first entry) in a file of its own.
const CA_PEM = `${/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(fs.readFileSync(defaultRdsCaBundle().file, 'utf8'))![0]}\n`;
const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'cn-bundle.pem');
fs.writeFileSync(caFile, CA_PEM);

function refusal(props: Partial<WordPressProps>): () => void {
  return () => synthStack((stack) => build(stack, props));
}

describe('WordPress site settings', () => {
  test('defaults: WordPress 7.1.0 with its published SHA-1, the shipped RDS CA bundle, siteadmin', () => {
    const text = userData();
    expect(WordPress.DEFAULT_WORDPRESS_VERSION).toBe('7.1.0');
    expect(text).toContain(`WORDPRESS_VERSION='", "7.1.0", "'`);
    expect(text).toContain(`WORDPRESS_SHA1='", "e0ca593bc062f7a8c5a956ca44aff7375b0841e0", "'`);
    expect(text).toContain(`CA_BUNDLE_SHA256='", "${defaultRdsCaBundle().sha256}", "'`);
    expect(text).toContain(`ADMIN_USER='", "siteadmin", "'`);
    // The site title defaults to the name, base64-encoded for the script.
    expect(text).toContain(`echo '", "${Buffer.from('web-dev').toString('base64')}", "' | base64 -d`);
  });

  test('a listed version takes its checksum from the table; another takes the configured one', () => {
    expect(userData({ wordpressVersion: '6.8.3' })).toContain(`"fd56bcdc15f1877e45dce67942ea75949ed650e8"`);
    const sha1 = '0123456789abcdef0123456789abcdef01234567';
    expect(userData({ wordpressVersion: '6.1.9', wordpressSha1: sha1 })).toContain(`WORDPRESS_SHA1='", "${sha1}", "'`);
  });

  test('title, administrator and CA bundle reach the user data', () => {
    const text = userData({
      siteTitle: 'Jo’s blog',
      adminUser: 'jo',
      adminEmail: 'jo@example.org',
      rdsCaBundleFile: caFile,
    });
    expect(text).toContain(Buffer.from('Jo’s blog').toString('base64'));
    expect(text).toContain(`ADMIN_EMAIL='", "jo@example.org", "'`);
    expect(text).toContain(`CA_BUNDLE_SHA256='", "${createHash('sha256').update(CA_PEM).digest('hex')}", "'`);
  });

  test('the site URL is the load balancer URL, rendered into the user data', () => {
    const json = synthStack((stack) => build(stack));
    const lb = onlyResourceOf(json, 'aws_lb');
    const siteUrlLine = /SITE_URL='", ([^\n]*?), "'\\n/.exec(onlyResourceOf(json, 'aws_launch_template').user_data)?.[1];
    expect(siteUrlLine).toBe(`"http://", aws_lb.${lb.logicalId}.dns_name`);
  });

  test('upgrading is a configuration change: new user data, so a new launch template version, which the group refreshes to', () => {
    // GIVEN two syntheses that differ only in the release
    const [older, newer] = ['6.8.3', '7.1.0'].map((wordpressVersion) => synthStack((stack) => build(stack, { wordpressVersion })));
    // THEN the launch template's user data differs, and the group follows the template's latest version with a rolling refresh
    expect(onlyResourceOf(older, 'aws_launch_template').user_data).not.toBe(onlyResourceOf(newer, 'aws_launch_template').user_data);
    const template = onlyResourceOf(newer, 'aws_launch_template');
    const group = onlyResourceOf(newer, 'aws_autoscaling_group');
    expect(group.launch_template.version).toBe(`\${aws_launch_template.${template.logicalId}.latest_version}`);
    expect(group.instance_refresh.strategy).toBe('Rolling');
  });

  test('error: "latest" is refused with the reason and the fix', () => {
    expect(refusal({ wordpressVersion: 'latest' })).toThrow(
      /wordpress: wordpressVersion "latest" is not accepted: .*pin a release such as "7\.1\.0"/,
    );
  });

  test('error: a version without a built-in checksum needs wordpressSha1', () => {
    expect(refusal({ wordpressVersion: '6.1.9' })).toThrow(
      /wordpressSha1 is missing: WordPress 6\.1\.9 has no built-in checksum .* https:\/\/wordpress\.org\/wordpress-6\.1\.9\.tar\.gz\.sha1/,
    );
  });

  test('error: a malformed SHA-1, or one that contradicts the table', () => {
    expect(refusal({ wordpressVersion: '6.1.9', wordpressSha1: 'abc' })).toThrow(/wordpressSha1 "abc" is not a SHA-1 checksum/);
    expect(refusal({ wordpressVersion: '7.1.0', wordpressSha1: 'f'.repeat(40) })).toThrow(
      /wordpressSha1 "f{40}" differs from the published checksum of WordPress 7\.1\.0/,
    );
  });

  test('error: site title, administrator name and e-mail', () => {
    expect(refusal({ siteTitle: '  ' })).toThrow(/siteTitle " {2}" must have 1 to 200 characters/);
    expect(refusal({ adminUser: 'jo smith' })).toThrow(/adminUser "jo smith" is not a WordPress user name/);
    expect(refusal({ adminEmail: 'jo' })).toThrow(/adminEmail "jo" is not an e-mail address/);
  });

  test('error: a CA bundle file that is missing or holds no certificate', () => {
    expect(refusal({ rdsCaBundleFile: '/does/not/exist.pem' })).toThrow(
      /rdsCaBundleFile "\/does\/not\/exist\.pem" is not a file; give a PEM file of the RDS CAs/,
    );
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'empty.pem');
    fs.writeFileSync(empty, 'not a certificate\n');
    expect(refusal({ rdsCaBundleFile: empty })).toThrow(/rdsCaBundleFile ".*empty\.pem" holds no PEM certificate/);
  });

  test('the two boot secrets have no value in Terraform; the web role reads both, writes only the admin one, and nothing else of Secrets Manager', () => {
    const json = synthStack((stack) => build(stack));
    const secrets = resourcesOf(json, 'aws_secretsmanager_secret');
    expect(secrets.map((s) => s.name_prefix).sort()).toEqual(['web-dev-wordpress-admin-', 'web-dev-wordpress-db-user-']);
    expect(resourcesOf(json, 'aws_secretsmanager_secret_version')).toHaveLength(0);
    const roleOf = (name: string) => `\${aws_iam_role.${resourcesOf(json, 'aws_iam_role').find((r) => r.name === name)!.logicalId}.id}`;
    const arnOf = (prefix: string) => `\${aws_secretsmanager_secret.${secrets.find((s) => s.name_prefix === prefix)!.logicalId}.arn}`;
    // Each whole policy: one statement, its effect, its actions and its resource, nothing more.
    const policy = (action: string, prefix: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: [action], Resource: arnOf(prefix) }],
    });
    const secretPoliciesOf = (role: string) =>
      Object.fromEntries(
        resourcesOf(json, 'aws_iam_role_policy')
          .filter((p) => p.role === role && p.policy.includes('secretsmanager:'))
          .map((p) => [p.name, JSON.parse(p.policy)]),
      );
    expect(secretPoliciesOf(roleOf('web-dev-web'))).toEqual({
      'web-dev-wordpress-admin-read': policy('secretsmanager:GetSecretValue', 'web-dev-wordpress-admin-'),
      'web-dev-wordpress-admin-write': policy('secretsmanager:PutSecretValue', 'web-dev-wordpress-admin-'),
      'web-dev-wordpress-db-user-read': policy('secretsmanager:GetSecretValue', 'web-dev-wordpress-db-user-'),
    });
    // The setup function writes the user's secret; the master secret is its alone.
    expect(secretPoliciesOf(roleOf('web-dev-db-setup-lambda'))).toEqual({
      'web-dev-db-secret-read': {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadDatabaseSecret',
            Effect: 'Allow',
            Action: 'secretsmanager:GetSecretValue',
            Resource: expect.stringMatching(/^\$\{aws_db_instance\..*\.master_user_secret\[0\]\.secret_arn\}$/),
          },
        ],
      },
      'web-dev-wordpress-db-user-read': policy('secretsmanager:GetSecretValue', 'web-dev-wordpress-db-user-'),
      'web-dev-wordpress-db-user-write': policy('secretsmanager:PutSecretValue', 'web-dev-wordpress-db-user-'),
    });
    const master = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.policy.includes('master_user_secret'));
    expect(master.map((p) => p.role)).toEqual([roleOf('web-dev-db-setup-lambda')]);
  });
});
