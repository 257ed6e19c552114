import { findBucketNameProblem } from './bucket-name';

/** Longest DNS name S3, ACM and Route 53 accept, without the trailing dot. */
const MAX_HOST_NAME_LENGTH = 253;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Why a string is not a host name a website can be served under, or undefined when it is one.
 * A host name here is what a browser sends in the Host header: two or more dot-separated
 * labels of 1-63 lowercase letters, digits and hyphens (not at either end of a label), 253
 * characters at most, no trailing dot, no scheme, port or path, and a top-level label that
 * is not all digits (that would be an IP address).
 */
export function findHostNameProblem(name: string): string | undefined {
  if (name.length === 0) {
    return 'is empty; give the host name the site is served under, such as "www.example.com"';
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name) || /[/:?#@]/.test(name)) {
    return 'is a URL or has a port or path; give only the host name, such as "www.example.com"';
  }
  if (/[A-Z]/.test(name)) {
    return `has upper-case letters; write the host name in lowercase, such as "${name.toLowerCase()}"`;
  }
  if (name.endsWith('.')) {
    return `ends with a dot; leave the root dot out, as in "${name.replace(/\.+$/, '')}"`;
  }
  if (name.length > MAX_HOST_NAME_LENGTH) {
    return `is ${name.length} characters long; host names have at most ${MAX_HOST_NAME_LENGTH}`;
  }
  const labels = name.split('.');
  if (labels.length < 2) {
    return 'has a single label; use a fully qualified name such as "www.example.com"';
  }
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return bad === ''
      ? 'has an empty label (two adjacent dots or a leading dot)'
      : `has the label "${bad}"; labels are 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen`;
  }
  if (/^\d+$/.test(labels[labels.length - 1])) {
    return 'ends in an all-digit label, which makes it an IP address, not a host name';
  }
  return undefined;
}

/**
 * Why a domain cannot name an S3 website bucket, or undefined when it can: it must be a host
 * name and a valid bucket name, since S3 website hosting serves a request from the bucket
 * named exactly like its Host header.
 */
export function findWebsiteDomainProblem(domainName: string): string | undefined {
  return findHostNameProblem(domainName) ?? bucketNameProblemOfDomain(domainName);
}

function bucketNameProblemOfDomain(domainName: string): string | undefined {
  const problem = findBucketNameProblem(domainName);
  return problem ? `cannot be a bucket name: it ${problem}` : undefined;
}
