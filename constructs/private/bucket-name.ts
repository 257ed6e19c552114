/**
 * Why a string is not a valid S3 general purpose bucket name, or undefined when it is one.
 * Follows the S3 naming rules: 3-63 characters; lowercase letters, digits, dots and
 * hyphens; starts and ends with a letter or digit; no two adjacent dots; not an IP address;
 * none of the prefixes and suffixes S3 reserves.
 */
export function findBucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return `is ${name.length} characters long; bucket names have 3 to 63 characters`;
  }
  if (/[A-Z]/.test(name)) {
    return `has upper-case letters; bucket names must be lowercase, such as "${name.toLowerCase()}"`;
  }
  if (!/^[a-z0-9.-]+$/.test(name)) {
    return 'has characters S3 does not allow; use only lowercase letters, digits, dots and hyphens';
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return 'must start and end with a lowercase letter or a digit';
  }
  if (name.includes('..')) {
    return 'has two adjacent dots; S3 does not allow empty labels';
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) {
    return 'is formatted as an IP address, which S3 does not allow';
  }
  for (const prefix of ['xn--', 'sthree-', 'amzn-s3-demo-']) {
    if (name.startsWith(prefix)) {
      return `starts with "${prefix}", a prefix S3 reserves`;
    }
  }
  for (const suffix of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) {
    if (name.endsWith(suffix)) {
      return `ends with "${suffix}", a suffix S3 reserves`;
    }
  }
  return undefined;
}
