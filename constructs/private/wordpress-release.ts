import { showValue } from '../../core/errors';

/**
 * SHA-1 checksums of WordPress release archives (`wordpress-<version>.tar.gz`), as wordpress.org
 * publishes them next to each archive (`…tar.gz.sha1`) and docker-library/wordpress records them.
 * A version listed here needs no checksum in the configuration.
 */
export const WORDPRESS_RELEASE_SHA1: Readonly<Record<string, string>> = {
  '7.1.0': 'e0ca593bc062f7a8c5a956ca44aff7375b0841e0',
  '7.0.4': '02de22cbd115098eafab301de6f3b6b6bb883f4a',
  '6.9.4': '018542f4c3e15db0d8e38aaf0fcf1b5dc56dbb79',
  '6.8.3': 'fd56bcdc15f1877e45dce67942ea75949ed650e8',
};

/** The release new sites get. */
export const DEFAULT_WORDPRESS_VERSION = '7.1.0';

/** A release such as "6.8" or "6.8.3"; "latest" is deliberately not one. */
export const WORDPRESS_VERSION_PATTERN = /^\d+\.\d+(\.\d+)?$/;

const SHA1_PATTERN = /^[0-9a-f]{40}$/;

/** A release and the checksum its archive must have. */
export interface WordPressRelease {
  readonly version: string;
  readonly sha1: string;
}

/**
 * Resolves the checksum of a release, or returns the problem as a sentence that names the
 * field, the value and the fix.
 */
export function resolveWordPressRelease(version: string, sha1: string | undefined): WordPressRelease | string {
  if (version === 'latest') {
    return `wordpressVersion "latest" is not accepted: instances launched weeks apart would run different releases against one database, unverified; pin a release such as "${DEFAULT_WORDPRESS_VERSION}" (the default)`;
  }
  if (!WORDPRESS_VERSION_PATTERN.test(version)) {
    return `wordpressVersion ${showValue(version)} is not a WordPress release; use a version such as "${DEFAULT_WORDPRESS_VERSION}"`;
  }
  const known = WORDPRESS_RELEASE_SHA1[version];
  if (sha1 === undefined) {
    return known
      ? { version, sha1: known }
      : `wordpressSha1 is missing: WordPress ${version} has no built-in checksum (known: ${Object.keys(WORDPRESS_RELEASE_SHA1).join(', ')}); set it to the content of https://wordpress.org/wordpress-${version}.tar.gz.sha1`;
  }
  if (!SHA1_PATTERN.test(sha1)) {
    return `wordpressSha1 ${showValue(sha1)} is not a SHA-1 checksum; use the 40 lowercase hex digits of https://wordpress.org/wordpress-${version}.tar.gz.sha1`;
  }
  if (known && known !== sha1) {
    return `wordpressSha1 ${showValue(sha1)} differs from the published checksum of WordPress ${version} (${known}); remove the field or correct it`;
  }
  return { version, sha1 };
}
