import * as crypto from 'crypto';
import * as fs from 'fs';
import { runOk } from './processes';

/** The version of Debian's `wordpress` package, read from its core. */
export function debianWordPressVersion(): string {
  const source = fs.readFileSync('/usr/share/wordpress/wp-includes/version.php', 'utf8');
  const match = /\$wp_version = '([^']+)'/.exec(source);
  if (!match) {
    throw new Error('cannot read $wp_version from /usr/share/wordpress/wp-includes/version.php');
  }
  return match[1];
}

/**
 * A release archive shaped like wordpress.org's (`wordpress/` at the top, no wp-config.php),
 * built from Debian's `wordpress` package with its symbolic links resolved. Returns its SHA-1.
 */
export async function buildWordPressArchive(file: string): Promise<string> {
  await runOk('bash', [
    '-c',
    'set -o pipefail; tar -C /usr/share --dereference --exclude=wordpress/wp-config.php --exclude=wordpress/.htaccess ' +
      '--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - wordpress | gzip -1 -n >"$1"',
    'build-archive',
    file,
  ]);
  return crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
}
