import { DatabaseLogging, MYSQL_LOG_EXPORTS, mysqlParameterGroupFamily } from '../../../constructs/private/database-logging';
import { onlyResourceOf, resourcesOf, synthStack } from '../../support/synth';

describe('DatabaseLogging', () => {
  test.each([
    ['8.4', 'mysql8.4'],
    ['8.4.5', 'mysql8.4'],
    ['8.0.39', 'mysql8.0'],
  ])('MySQL %s takes parameter group family %s', (version, family) => {
    expect(mysqlParameterGroupFamily(version)).toBe(family);
  });

  test('one log group per exported log, named where RDS writes it', () => {
    const json = synthStack(
      (stack) => new DatabaseLogging(stack, 'logging', { identifier: 'shop', engineVersion: '8.4', retentionDays: 7, slowQuerySeconds: 1 }),
    );
    expect(resourcesOf(json, 'aws_cloudwatch_log_group').map((g) => g.name)).toEqual(
      MYSQL_LOG_EXPORTS.map((log) => `/aws/rds/instance/shop/${log}`),
    );
    expect(onlyResourceOf(json, 'aws_db_parameter_group').parameter).toContainEqual({ name: 'long_query_time', value: '1' });
  });
});
