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
