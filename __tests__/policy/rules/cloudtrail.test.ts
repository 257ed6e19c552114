import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { checkStack, openOf } from '../support';

describe('CloudTrail rules', () => {
  test('compliant: log file validation on, all regions', () => {
    const checked = checkStack(
      (stack) => new Cloudtrail(stack, 'trail', { name: 't', s3BucketName: 'b', enableLogFileValidation: true, isMultiRegionTrail: true }),
    );
    expect(openOf(checked, 'WS-TRAIL-1')).toEqual([]);
    expect(openOf(checked, 'WS-TRAIL-2')).toEqual([]);
  });

  test('non-compliant: neither setting', () => {
    const checked = checkStack((stack) => new Cloudtrail(stack, 'trail', { name: 't', s3BucketName: 'b' }));
    expect(openOf(checked, 'WS-TRAIL-1')).toEqual(['WS-TRAIL-1 aws_cloudtrail.trail']);
    expect(openOf(checked, 'WS-TRAIL-2')).toEqual(['WS-TRAIL-2 aws_cloudtrail.trail']);
  });
});
