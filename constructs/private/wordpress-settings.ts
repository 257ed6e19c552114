import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { showValue, WebStackError } from '../../core/errors';
import type { WordPressProps } from '../wordpress';
import { CaBundle, defaultRdsCaBundle, rdsCaBundleFromFile } from './rds-ca-bundle';
import { DEFAULT_WORDPRESS_VERSION, resolveWordPressRelease } from './wordpress-release';

export const DEFAULT_ADMIN_USER = 'siteadmin';
/** A placeholder: WordPress sends password resets here, so set an address you read. */
export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';

/** The site settings among the WordPress construct's props (documented there); every one may be left out. */
export type WordPressSiteOptions = Pick<
  WordPressProps,
  'wordpressVersion' | 'wordpressSha1' | 'siteTitle' | 'adminUser' | 'adminEmail' | 'rdsCaBundleFile'
>;

/** The same, resolved: defaults applied and every value checked; the CA bundle ready to ship. */
export type WordPressSiteSettings = Required<Omit<WordPressSiteOptions, 'rdsCaBundleFile'>> & { readonly rdsCaBundle: CaBundle };

// WordPress's own rule for user names (sanitize_user strict), without spaces.
const ADMIN_USER_PATTERN = /^[A-Za-z0-9._@-]{1,60}$/;
const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Applies defaults and checks each field; errors carry `scope`'s path, the field and the fix. */
export function resolveWordPressSiteSettings(
  scope: IConstruct,
  options: WordPressSiteOptions,
  defaultTitle: string,
): WordPressSiteSettings {
  const fail = (message: string): never => {
    throw new WebStackError(message, scope);
  };
  const plain = (value: string) => !Token.isUnresolved(value);

  const release = resolveWordPressRelease(options.wordpressVersion ?? DEFAULT_WORDPRESS_VERSION, options.wordpressSha1);
  if (typeof release === 'string') {
    fail(release);
  }
  const { version, sha1 } = release as Exclude<typeof release, string>;

  const siteTitle = options.siteTitle ?? defaultTitle;
  if (plain(siteTitle) && (siteTitle.trim() === '' || siteTitle.length > 200)) {
    fail(`siteTitle ${showValue(siteTitle)} must have 1 to 200 characters and not only spaces`);
  }
  const adminUser = options.adminUser ?? DEFAULT_ADMIN_USER;
  if (plain(adminUser) && !ADMIN_USER_PATTERN.test(adminUser)) {
    fail(`adminUser ${showValue(adminUser)} is not a WordPress user name; use 1 to 60 letters, digits and . _ @ -`);
  }
  const adminEmail = options.adminEmail ?? DEFAULT_ADMIN_EMAIL;
  if (plain(adminEmail) && !EMAIL_PATTERN.test(adminEmail)) {
    fail(`adminEmail ${showValue(adminEmail)} is not an e-mail address; use the form name@example.com`);
  }
  let rdsCaBundle: CaBundle | undefined;
  try {
    rdsCaBundle = options.rdsCaBundleFile === undefined ? defaultRdsCaBundle() : rdsCaBundleFromFile(options.rdsCaBundleFile);
  } catch (error) {
    fail(
      `rdsCaBundleFile ${showValue(options.rdsCaBundleFile)} ${(error as Error).message}; give a PEM file of the RDS CAs of your region's partition, or leave it out for the bundle of every commercial region`,
    );
  }
  return { wordpressVersion: version, wordpressSha1: sha1, siteTitle, adminUser, adminEmail, rdsCaBundle: rdsCaBundle! };
}
