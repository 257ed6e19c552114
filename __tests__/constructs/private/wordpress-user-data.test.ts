import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { renderWordPressUserData, USER_DATA_LIMIT_BYTES } from '../../../constructs/private/wordpress-user-data';
import { VALUES } from './wordpress-user-data-values';

function writeScript(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'user-data-')), 'user-data.sh');
  fs.writeFileSync(file, text);
  return file;
}

describe('WordPress user data', () => {
  const script = renderWordPressUserData(VALUES);

  test('the rendered script is valid bash (bash -n)', () => {
    const result = spawnSync('bash', ['-n', writeScript(script)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('the rendered script passes shellcheck with no findings', () => {
    // shellcheck is a test requirement (.ci/run installs it): a missing binary fails here.
    const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
    expect(version.error).toBeUndefined();
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', writeScript(script)], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  test('every placeholder is filled with its value, in single quotes', () => {
    expect(script).not.toMatch(/\{\{|\}\}/);
    expect(script).toContain("readonly FILE_SYSTEM_ID='fs-0123456789abcdef0'");
    expect(script).toContain("readonly DB_HOST='web-dev.abcdefghijkl.eu-west-1.rds.amazonaws.com'");
    expect(script).not.toContain('DB_MASTER_SECRET_ARN');
    expect(script).toContain("readonly WORDPRESS_VERSION='7.1.0'");
    expect(script).toContain("readonly WORDPRESS_SHA1='e0ca593bc062f7a8c5a956ca44aff7375b0841e0'");
    expect(script).toContain("readonly SITE_URL='https://web-dev-1234567890.eu-west-1.elb.amazonaws.com'");
  });

  test('fits in EC2 user data (16 KB) as it is sent, gzip-compressed, with long but realistic values', () => {
    // Terraform's base64gzip sends the compressed bytes; EC2's limit counts those.
    expect(zlib.gzipSync(script).length).toBeLessThan(USER_DATA_LIMIT_BYTES);
  });

  test('the site title reaches the script intact, whatever characters it has', () => {
    const functions = script.replace(/^main "\$@"$/m, '');
    const output = execFileSync('bash', ['-c', `${functions}\nprintf '%s' "$SITE_TITLE"`], { encoding: 'utf8' });
    expect(output).toBe(VALUES.siteTitle);
  });

  test('installs exactly these Amazon Linux 2023 packages: PHP 8.4 pinned, the optional extensions apart', () => {
    // Changing this list is a decision: docs/wordpress.md ("Packages") says how each name was chosen.
    const functions = script.replace(/^main "\$@"$/m, '');
    const list = (name: string) =>
      execFileSync('bash', ['-c', `${functions}\nprintf '%s\\n' "\${${name}[@]}"`], { encoding: 'utf8' })
        .trim()
        .split('\n');
    expect(list('PACKAGES')).toEqual([
      'httpd',
      'php8.4-fpm',
      'php8.4-cli',
      'php8.4-mysqlnd',
      'amazon-efs-utils',
      'amazon-cloudwatch-agent',
    ]);
    expect(list('EXTRAS')).toEqual(['php8.4-opcache', 'php8.4-gd', 'php8.4-intl', 'php8.4-mbstring', 'php8.4-xml', 'php8.4-zip']);
  });

  test('Apache refuses xmlrpc.php unless enableXmlRpc is set', () => {
    // GIVEN configure_apache writing into a scratch directory, with systemctl a no-op
    const apacheConf = (enableXmlRpc: boolean) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apache-conf-'));
      const functions = renderWordPressUserData({ ...VALUES, enableXmlRpc })
        .replace(/^main "\$@"$/m, '')
        .replaceAll('/etc/httpd/conf.d/', `${dir}/`);
      execFileSync('bash', ['-c', `${functions}\nsystemctl() { :; }\nconfigure_apache`]);
      return fs.readFileSync(path.join(dir, 'wordpress.conf'), 'utf8');
    };
    // WHEN it runs with the switch off and on THEN only the first denies the file; both keep the rewrite rules
    const off = apacheConf(false);
    const on = apacheConf(true);
    expect(off).toContain('<Files xmlrpc.php>\n  Require all denied\n</Files>');
    expect(on).not.toContain('xmlrpc');
    for (const conf of [off, on]) {
      expect(conf).toContain('AllowOverride None');
      expect(conf).toContain('RewriteRule . /index.php [L]');
    }
  });

  test('it starts with a bash shebang and stops at the first failing command', () => {
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
  });

  test('no password, and no credentials refresh timer: WordPress has a user RDS does not rotate', () => {
    expect(script).not.toMatch(/DB_PASSWORD', '/);
    expect(script).toContain("define('DB_PASSWORD', $wordpress_db['password']);");
    expect(script).not.toMatch(/systemd\/system\/(?!wordpress-cron\.)/);
    expect(script).not.toContain('refresh-credentials');
  });

  test('the database connection verifies the server certificate', () => {
    expect(script).toContain("define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_VERIFY_SERVER_CERT);");
    expect(script).toContain('echo "openssl.cafile = $CA_BUNDLE_FILE" >/etc/php.d/90-rds-ca-bundle.ini');
  });

  test('salts are generated once per site on the shared file system', () => {
    expect(script).toContain('if [ ! -s "$salts_file" ]; then');
    expect(script).toContain('openssl rand -base64 48');
    expect(script).not.toContain('api.wordpress.org/secret-key');
  });

  test('idempotent: with this release installed, a rerun downloads nothing', () => {
    // GIVEN a document root whose release marker names the rendered version
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-root-'));
    fs.writeFileSync(path.join(root, '.wordpress-release'), '7.1.0\n');
    const functions = script.replace(/^readonly DOC_ROOT=.*$/m, `readonly DOC_ROOT='${root}'`).replace(/^main "\$@"$/m, '');
    // WHEN install_core runs with a curl that fails the test if called
    const probe = `${functions}\ncurl() { echo "downloaded"; exit 97; }\ninstall_core && echo skipped\n`;
    // THEN it returns before any download
    expect(execFileSync('bash', ['-c', probe], { encoding: 'utf8' }).trim()).toBe('skipped');
  });
});
