import { stableHex, standInArn, standInId, standInValue } from '../../harness/state-stand-ins';

const context = { region: 'eu-west-1', account: '111122223333' };

describe('state stand-ins', () => {
  test('ids have the shape AWS gives each type, stable for an address and different between addresses', () => {
    expect(standInId('aws_vpc', 'aws_vpc.a', undefined)).toMatch(/^vpc-0[0-9a-f]{16}$/);
    expect(standInId('aws_subnet', 'aws_subnet.a', undefined)).toMatch(/^subnet-0[0-9a-f]{16}$/);
    expect(standInId('aws_vpc', 'aws_vpc.a', undefined)).toBe(standInId('aws_vpc', 'aws_vpc.a', undefined));
    expect(standInId('aws_vpc', 'aws_vpc.a', undefined)).not.toBe(standInId('aws_vpc', 'aws_vpc.b', undefined));
    expect(standInId('aws_iam_role', 'aws_iam_role.r', 'web-role')).toBe('web-role');
  });

  test('ARNs carry the region and account, in the forms the services use', () => {
    expect(standInArn('aws_iam_role', 'web', context)).toBe('arn:aws:iam::111122223333:role/web');
    expect(standInArn('aws_s3_bucket', 'site.example', context)).toBe('arn:aws:s3:::site.example');
    expect(standInArn('aws_sns_topic', 'alarms', context)).toBe('arn:aws:sns:eu-west-1:111122223333:alarms');
    expect(standInArn('aws_lambda_function', 'check', context)).toBe('arn:aws:lambda:eu-west-1:111122223333:function:check');
    expect(standInArn('aws_secretsmanager_secret', 'db', context)).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-[0-9a-f]{6}$/,
    );
    expect(standInArn('aws_lb', 'web', context)).toBe('arn:aws:elasticloadbalancing:eu-west-1:111122223333:lb/web');
  });

  test('values follow the cty type, and string stand-ins the attribute name', () => {
    const value = (type: Parameters<typeof standInValue>[0], attribute: string) =>
      standInValue(type, 'aws_db_instance', 'aws_db_instance.db', attribute, 'db', context);
    expect(value('string', 'arn')).toBe('arn:aws:rds:eu-west-1:111122223333:instance/db');
    expect(value('string', 'secret_arn')).toMatch(/^arn:aws:secretsmanager:/);
    expect(value('string', 'cidr_block')).toBe('10.255.0.0/16');
    expect(value('string', 'owner_id')).toBe('111122223333');
    expect(value('string', 'endpoint')).toMatch(/^db\.[0-9a-f]{8}\.eu-west-1\.offline\.invalid$/);
    expect(value('string', 'resource_record_type')).toBe('CNAME');
    expect(value('number', 'port')).toBe(0);
    expect(value('bool', 'enabled')).toBe(false);
    expect(value(['list', 'string'], 'ids')).toEqual([]);
    expect(value(['map', 'string'], 'tags')).toEqual({});
    expect(value(['object', { secret_arn: 'string', count: 'number' }], 'master_user_secret')).toEqual({
      secret_arn: expect.stringMatching(/^arn:aws:secretsmanager:/),
      count: 0,
    });
    expect(stableHex('x', 8)).toMatch(/^[0-9a-f]{8}$/);
  });
});
