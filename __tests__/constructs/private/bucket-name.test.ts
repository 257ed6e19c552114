import { findBucketNameProblem } from '../../../constructs/private/bucket-name';

describe('S3 bucket name rules', () => {
  test.each(['www.example.com', 'acme-terraform-state', 'a1b', 'x'.repeat(63)])('accepts %p', (name) => {
    expect(findBucketNameProblem(name)).toBeUndefined();
  });

  test.each<[string, RegExp]>([
    ['ab', /is 2 characters long; bucket names have 3 to 63 characters/],
    ['x'.repeat(64), /is 64 characters long/],
    ['Www.Example.com', /has upper-case letters; bucket names must be lowercase, such as "www\.example\.com"/],
    ['my_bucket', /has characters S3 does not allow/],
    ['-bucket', /must start and end with a lowercase letter or a digit/],
    ['bucket.', /must start and end with a lowercase letter or a digit/],
    ['www..example.com', /has two adjacent dots/],
    ['192.168.5.4', /is formatted as an IP address/],
    ['xn--bucket', /starts with "xn--", a prefix S3 reserves/],
    ['bucket-s3alias', /ends with "-s3alias", a suffix S3 reserves/],
  ])('rejects %p', (name, message) => {
    expect(findBucketNameProblem(name)).toMatch(message);
  });
});
