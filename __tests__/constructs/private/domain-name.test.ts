import { findHostNameProblem, findWebsiteDomainProblem } from '../../../constructs/private/domain-name';

describe('findHostNameProblem', () => {
  test.each(['www.example.com', 'example.com', 'a-b.c1.example.co.uk', 'xn--bcher-kva.example'])('accepts %s', (name) => {
    expect(findHostNameProblem(name)).toBeUndefined();
  });

  test('rejects an empty name', () => {
    expect(findHostNameProblem('')).toMatch(/^is empty; give the host name the site is served under/);
  });

  test('rejects a URL, a port or a path', () => {
    expect(findHostNameProblem('https://www.example.com')).toMatch(/^is a URL or has a port or path; give only the host name/);
    expect(findHostNameProblem('www.example.com:8080')).toMatch(/^is a URL or has a port or path/);
    expect(findHostNameProblem('www.example.com/site')).toMatch(/^is a URL or has a port or path/);
  });

  test('rejects upper case and suggests the lowercase name', () => {
    expect(findHostNameProblem('WWW.Example.com')).toBe(
      'has upper-case letters; write the host name in lowercase, such as "www.example.com"',
    );
  });

  test('rejects a trailing root dot', () => {
    expect(findHostNameProblem('www.example.com.')).toBe('ends with a dot; leave the root dot out, as in "www.example.com"');
  });

  test('rejects names longer than 253 characters', () => {
    const long = `${'a'.repeat(60)}.`.repeat(5) + 'com';
    expect(findHostNameProblem(long)).toBe(`is ${long.length} characters long; host names have at most 253`);
  });

  test('rejects a single label', () => {
    expect(findHostNameProblem('localhost')).toMatch(/^has a single label; use a fully qualified name/);
  });

  test('rejects empty labels', () => {
    expect(findHostNameProblem('www..example.com')).toBe('has an empty label (two adjacent dots or a leading dot)');
    expect(findHostNameProblem('.example.com')).toBe('has an empty label (two adjacent dots or a leading dot)');
  });

  test('rejects labels with bad characters, edge hyphens or over 63 characters', () => {
    expect(findHostNameProblem('www_1.example.com')).toMatch(
      /^has the label "www_1"; labels are 1-63 lowercase letters, digits and hyphens/,
    );
    expect(findHostNameProblem('-www.example.com')).toMatch(/^has the label "-www"/);
    expect(findHostNameProblem(`${'a'.repeat(64)}.example.com`)).toMatch(/^has the label "a{64}"/);
  });

  test('rejects IP addresses', () => {
    expect(findHostNameProblem('192.168.1.10')).toBe('ends in an all-digit label, which makes it an IP address, not a host name');
  });
});

describe('findWebsiteDomainProblem', () => {
  test('accepts a host name that is also a bucket name', () => {
    expect(findWebsiteDomainProblem('www.dev.example.com')).toBeUndefined();
  });

  test('reports host-name problems first', () => {
    expect(findWebsiteDomainProblem('Www.example.com')).toMatch(/^has upper-case letters/);
  });

  test('rejects a host name longer than a bucket name may be', () => {
    const name = `${'a'.repeat(60)}.example.com`;
    expect(findWebsiteDomainProblem(name)).toBe(
      `cannot be a bucket name: it is ${name.length} characters long; bucket names have 3 to 63 characters`,
    );
  });

  test('rejects a host name with a prefix S3 reserves', () => {
    expect(findWebsiteDomainProblem('xn--bcher-kva.example')).toBe('cannot be a bucket name: it starts with "xn--", a prefix S3 reserves');
  });
});
