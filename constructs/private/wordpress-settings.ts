import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { showValue, WebStackError } from '../../core/errors';
import type { WordPressProps } from '../wordpress';
import { DEFAULT_WORDPRESS_VERSION, resolveWordPressRelease } from './wordpress-release';

/** Where instances fetch the CA bundle that signs RDS server certificates, and its checksum. */
export interface RdsCaBundle {
  /** HTTPS URL of the PEM bundle. */
  readonly url: string;
  /** SHA-256 of the bundle, 64 hex digits; a boot stops when the download differs. */
  readonly sha256: string;
}

/**
 * AWS's global bundle (every commercial region's RDS root CAs). The checksum is of the copy
 * published in April 2025 (96 certificates); AWS republishes the file when it adds CAs, and a
 * boot then stops with one log line naming the URL: compare `curl -s <url> | sha256sum` and
 * update `rdsCaBundle.sha256`. China and GovCloud regions publish their own bundles.
 */
export const DEFAULT_RDS_CA_BUNDLE: RdsCaBundle = {
  url: 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem',
  sha256: '83fe4e0d026bae52ddaefca95aac0733d1be2fb6ebeec4434fc33d55d0929aa1',
};

export const DEFAULT_ADMIN_USER = 'siteadmin';
/** A placeholder: WordPress sends password resets here, so set an address you read. */
export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';

/** The site settings among the WordPress construct's props (documented there); every one may be left out. */
export type WordPressSiteOptions = Pick<
  WordPressProps,
  'wordpressVersion' | 'wordpressSha1' | 'siteTitle' | 'adminUser' | 'adminEmail' | 'rdsCaBundle'
>;

/** The same, resolved: defaults applied and every value checked. */
export type WordPressSiteSettings = Required<WordPressSiteOptions>;

// WordPress's own rule for user names (sanitize_user strict), without spaces.
const ADMIN_USER_PATTERN = /^[A-Za-z0-9._@-]{1,60}$/;
const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const HTTPS_URL_PATTERN = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/[A-Za-z0-9._~/-]*$/;

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
  const rdsCaBundle = options.rdsCaBundle ?? DEFAULT_RDS_CA_BUNDLE;
  if (plain(rdsCaBundle.url) && !HTTPS_URL_PATTERN.test(rdsCaBundle.url)) {
    fail(`rdsCaBundle.url ${showValue(rdsCaBundle.url)} is not an https:// URL of a file; use the bundle URL of your region's partition`);
  }
  if (plain(rdsCaBundle.sha256) && !SHA256_PATTERN.test(rdsCaBundle.sha256)) {
    fail(`rdsCaBundle.sha256 ${showValue(rdsCaBundle.sha256)} is not a SHA-256 checksum; use the 64 lowercase hex digits of \`sha256sum\``);
  }
  return { wordpressVersion: version, wordpressSha1: sha1, siteTitle, adminUser, adminEmail, rdsCaBundle };
}
