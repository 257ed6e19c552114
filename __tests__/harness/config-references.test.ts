import { evaluatePureReferences, pureReference, readPaths, valueAt } from '../../harness/config-references';

describe('pureReference', () => {
  test('reads a whole-string reference to a resource attribute, with nested steps and indexes', () => {
    expect(pureReference('${aws_vpc.network_vpc_1A2B.id}')).toEqual({ address: 'aws_vpc.network_vpc_1A2B', path: ['id'] });
    expect(pureReference('${aws_db_instance.db.master_user_secret[0].secret_arn}')).toEqual({
      address: 'aws_db_instance.db',
      path: ['master_user_secret', 0, 'secret_arn'],
    });
    expect(pureReference('${aws_subnet.a[1].id}')).toEqual({ address: 'aws_subnet.a[1]', path: ['id'] });
    expect(pureReference('${aws_subnet.a["eu-west-1a"].id}')).toEqual({ address: 'aws_subnet.a["eu-west-1a"]', path: ['id'] });
  });

  test('is undefined for text around a reference, a function call, locals and variables', () => {
    expect(pureReference('arn:${aws_s3_bucket.b.arn}/*')).toBeUndefined();
    expect(pureReference('${jsonencode(aws_s3_bucket.b.arn)}')).toBeUndefined();
    expect(pureReference('${local.name}')).toBeUndefined();
    expect(pureReference('${var.region}')).toBeUndefined();
    expect(pureReference('plain')).toBeUndefined();
    expect(pureReference(3)).toBeUndefined();
  });
});

describe('evaluatePureReferences', () => {
  const values: Record<string, Record<string, unknown>> = {
    'aws_security_group.web': { id: 'sg-1' },
    'aws_security_group.db': { id: 'sg-2' },
  };
  const lookup = ({ address, path }: { address: string; path: readonly (string | number)[] }) => valueAt(values[address], path);

  test('evaluates a reference and a list of references and literals', () => {
    expect(evaluatePureReferences('${aws_security_group.web.id}', lookup)).toBe('sg-1');
    expect(evaluatePureReferences(['${aws_security_group.web.id}', 'sg-literal', '${aws_security_group.db.id}'], lookup)).toEqual([
      'sg-1',
      'sg-literal',
      'sg-2',
    ]);
  });

  test('is undefined when any part cannot be evaluated', () => {
    expect(evaluatePureReferences(['${aws_security_group.web.id}', '${aws_security_group.other.id}'], lookup)).toBeUndefined();
    expect(evaluatePureReferences('${aws_security_group.web.missing}', lookup)).toBeUndefined();
    expect(evaluatePureReferences(['literal'], lookup)).toBeUndefined();
  });
});

describe('readPaths', () => {
  test('finds every resource attribute path an expression reads, inside functions and templates too', () => {
    const stack = {
      resource: {
        aws_iam_role_policy: { p: { policy: '${jsonencode({"Resource" = aws_db_instance.db.master_user_secret[0].secret_arn})}' } },
        aws_subnet: { s: { vpc_id: '${aws_vpc.main.id}', tags: { Name: 'aws_vpc.main.literal' } } },
      },
      output: { url: { value: 'http://${aws_lb.web.dns_name}/' } },
      data: { x: { y: { name: '${data.aws_region.here.name}' } } },
    };
    expect([...readPaths(stack)]).toEqual([
      ['aws_db_instance.db', [['master_user_secret', 0, 'secret_arn']]],
      ['aws_vpc.main', [['id']]],
      ['aws_lb.web', [['dns_name']]],
    ]);
  });
});
