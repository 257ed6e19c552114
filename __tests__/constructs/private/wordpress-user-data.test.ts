import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderWordPressUserData, WordPressUserDataValues } from '../../../constructs/private/wordpress-user-data';

const VALUES: WordPressUserDataValues = {
  fileSystemId: 'fs-0123456789abcdef0',
  dbHost: 'web-dev.abcdefghijkl.eu-west-1.rds.amazonaws.com',
  dbName: 'wordpress',
  dbSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf',
  wordpressVersion: 'latest',
};

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
    expect(script).toContain("readonly DB_NAME='wordpress'");
    expect(script).toContain("readonly DB_SECRET_ARN='arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf'");
    expect(script).toContain("readonly WORDPRESS_VERSION='latest'");
  });

  test('it starts with a bash shebang and stops at the first failing command', () => {
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
  });

  test('installs Apache, PHP, the MySQL client and the EFS mount helper', () => {
    expect(script).toMatch(/dnf install -y httpd php [^\n]*php-mysqlnd/);
    expect(script).toMatch(/mariadb105 amazon-efs-utils/);
  });

  test('mounts EFS over TLS at wp-content and records it in fstab only once', () => {
    expect(script).toContain('readonly CONTENT_DIR="$DOC_ROOT/wp-content"');
    expect(script).toContain('echo "$FILE_SYSTEM_ID:/ $CONTENT_DIR efs _netdev,noresvport,tls 0 0" >>/etc/fstab');
    expect(script).toContain('if ! grep -qF "$FILE_SYSTEM_ID:/ $CONTENT_DIR " /etc/fstab; then');
  });

  test('fetches the password from Secrets Manager at boot; no password is in the script', () => {
    expect(script).toContain('aws secretsmanager get-secret-value --region "$(region)" --secret-id "$DB_SECRET_ARN"');
    expect(script).not.toMatch(/DB_PASSWORD', '/);
    expect(script).toContain("define('DB_PASSWORD', $wordpress_db['password']);");
  });

  test('a pinned WordPress version downloads that release', () => {
    const pinned = renderWordPressUserData({ ...VALUES, wordpressVersion: '6.8.3' });
    expect(pinned).toContain("readonly WORDPRESS_VERSION='6.8.3'");
    expect(pinned).toContain('archive="wordpress-$WORDPRESS_VERSION.tar.gz"');
  });

  test('salts are generated once per site on the shared file system', () => {
    expect(script).toContain('if [ ! -s "$salts_file" ]; then');
    expect(script).toContain('openssl rand -base64 48');
    expect(script).not.toContain('api.wordpress.org/secret-key');
  });

  test('idempotent: with WordPress installed and the content seeded, a rerun downloads nothing', () => {
    // Run the script's guards against a fake root: with WordPress already installed and the
    // content seeded, install_wordpress must return before any download.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-root-'));
    fs.mkdirSync(path.join(root, 'wp-includes'), { recursive: true });
    fs.writeFileSync(path.join(root, 'wp-includes', 'version.php'), '<?php');
    fs.mkdirSync(path.join(root, 'wp-content', 'themes'), { recursive: true });
    const functions = script.replace(/^readonly DOC_ROOT=.*$/m, `readonly DOC_ROOT='${root}'`).replace(/^main "\$@"$/m, '');
    const probe = `${functions}\ncurl() { echo "downloaded"; exit 97; }\ninstall_wordpress && echo skipped\n`;
    const output = execFileSync('bash', ['-c', probe], { encoding: 'utf8' });
    expect(output.trim()).toBe('skipped');
  });

  test('an unknown WordPress version is refused with the field named', () => {
    expect(() => renderWordPressUserData({ ...VALUES, wordpressVersion: 'newest' })).toThrow(
      /wordpressVersion "newest" is not a WordPress release/,
    );
  });
});
