import { isStatefulType } from '../../core/stateful';

describe('STATEFUL_TYPES', () => {
  test('databases, file systems, buckets and secrets hold data; networks, instances and rules do not', () => {
    for (const type of ['aws_db_instance', 'aws_efs_file_system', 'aws_s3_bucket', 'aws_secretsmanager_secret']) {
      expect([type, isStatefulType(type)]).toEqual([type, true]);
    }
    for (const type of ['aws_vpc', 'aws_instance', 'aws_security_group', 'aws_s3_bucket_policy', 'aws_cloudwatch_log_group']) {
      expect([type, isStatefulType(type)]).toEqual([type, false]);
    }
  });
});
