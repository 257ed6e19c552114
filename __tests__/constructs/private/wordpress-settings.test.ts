import { TerraformStack } from 'cdktf';
import { Network } from '../../../constructs/network';
import { WordPress, WordPressProps } from '../../../constructs/wordpress';
import { onlyResourceOf, resourcesOf, synthStack } from '../../support/synth';

const ZONES = {
  'eu-west-1a': { publicCidr: '10.0.0.0/24', privateCidr: '10.0.10.0/24' },
  'eu-west-1b': { publicCidr: '10.0.1.0/24', privateCidr: '10.0.11.0/24' },
};

function build(stack: TerraformStack, props: Partial<WordPressProps> = {}): WordPress {
  const network = new Network(stack, 'network', { name: 'web-dev', availabilityZones: ZONES });
  return new WordPress(stack, 'wordpress', { name: 'web-dev', network, ...props });
}

/** The literal parts of the launch template's user data expression. */
function userData(props: Partial<WordPressProps> = {}): string {
  return onlyResourceOf(
    synthStack((stack) => build(stack, props)),
    'aws_launch_template',
  ).user_data;
}

function refusal(props: Partial<WordPressProps>): () => void {
  return () => synthStack((stack) => build(stack, props));
}

describe('WordPress site settings', () => {
  test('defaults: WordPress 7.1.0 with its published SHA-1, AWS global RDS CA bundle, siteadmin', () => {
    const text = userData();
    expect(WordPress.DEFAULT_WORDPRESS_VERSION).toBe('7.1.0');
    expect(text).toContain(`WORDPRESS_VERSION='", "7.1.0", "'`);
    expect(text).toContain(`WORDPRESS_SHA1='", "e0ca593bc062f7a8c5a956ca44aff7375b0841e0", "'`);
    expect(text).toContain(`CA_BUNDLE_URL='", "${WordPress.DEFAULT_RDS_CA_BUNDLE.url}", "'`);
    expect(text).toContain(`CA_BUNDLE_SHA256='", "${WordPress.DEFAULT_RDS_CA_BUNDLE.sha256}", "'`);
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
      rdsCaBundle: { url: 'https://example.org/ca/cn-bundle.pem', sha256: 'a'.repeat(64) },
    });
    expect(text).toContain(Buffer.from('Jo’s blog').toString('base64'));
    expect(text).toContain(`ADMIN_EMAIL='", "jo@example.org", "'`);
    expect(text).toContain(`"https://example.org/ca/cn-bundle.pem"`);
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

  test('error: CA bundle URL and checksum', () => {
    const sha256 = 'a'.repeat(64);
    expect(refusal({ rdsCaBundle: { url: 'http://example.org/b.pem', sha256 } })).toThrow(
      /rdsCaBundle\.url "http:\/\/example\.org\/b\.pem" is not an https:\/\/ URL/,
    );
    expect(refusal({ rdsCaBundle: { url: 'https://example.org/b.pem', sha256: 'x' } })).toThrow(
      /rdsCaBundle\.sha256 "x" is not a SHA-256 checksum/,
    );
  });

  test('the two boot secrets have no value in Terraform, and the web role may read and write exactly them', () => {
    const json = synthStack((stack) => build(stack));
    const secrets = resourcesOf(json, 'aws_secretsmanager_secret');
    expect(secrets.map((s) => s.name_prefix).sort()).toEqual(['web-dev-wordpress-admin-', 'web-dev-wordpress-db-user-']);
    expect(resourcesOf(json, 'aws_secretsmanager_secret_version')).toHaveLength(0);
    const grants = resourcesOf(json, 'aws_iam_role_policy').filter((p) => p.name.startsWith('web-dev-wordpress-'));
    const role = `\${aws_iam_role.${onlyResourceOf(json, 'aws_iam_role').logicalId}.id}`;
    const arnOf = (prefix: string) => `\${aws_secretsmanager_secret.${secrets.find((s) => s.name_prefix === prefix)!.logicalId}.arn}`;
    // Each whole policy: one statement, its effect, its actions and its resource, nothing more.
    const policy = (action: string, prefix: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: [action], Resource: arnOf(prefix) }],
    });
    expect(Object.fromEntries(grants.map((g) => [g.name, { role: g.role, policy: JSON.parse(g.policy) }]))).toEqual({
      'web-dev-wordpress-admin-read': { role, policy: policy('secretsmanager:GetSecretValue', 'web-dev-wordpress-admin-') },
      'web-dev-wordpress-admin-write': { role, policy: policy('secretsmanager:PutSecretValue', 'web-dev-wordpress-admin-') },
      'web-dev-wordpress-db-user-read': { role, policy: policy('secretsmanager:GetSecretValue', 'web-dev-wordpress-db-user-') },
      'web-dev-wordpress-db-user-write': { role, policy: policy('secretsmanager:PutSecretValue', 'web-dev-wordpress-db-user-') },
    });
  });
});
