import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { checkStack, openOf } from '../support';

describe('WS-ALB-5: load balancer and target group names fit the API limits', () => {
  test('noncompliance: a 33-character load balancer name and a 7-character target group name_prefix', () => {
    const checked = checkStack((stack) => {
      new Lb(stack, 'lb', { name: 'a'.repeat(33), subnets: ['subnet-1'], dropInvalidHeaderFields: true });
      new LbTargetGroup(stack, 'tg', { namePrefix: 'web-tg-', port: 80, protocol: 'HTTP', vpcId: 'vpc-1' });
    });
    expect(openOf(checked, 'WS-ALB-5')).toEqual(['WS-ALB-5 aws_lb.lb', 'WS-ALB-5 aws_lb_target_group.tg']);
  });

  test('compliance: 32 characters, a 6-character prefix, or no name at all', () => {
    const checked = checkStack((stack) => {
      new Lb(stack, 'lb', { name: 'a'.repeat(32), subnets: ['subnet-1'], dropInvalidHeaderFields: true });
      new LbTargetGroup(stack, 'tg', { namePrefix: 'web-t-', port: 80, protocol: 'HTTP', vpcId: 'vpc-1' });
      new LbTargetGroup(stack, 'unnamed', { port: 80, protocol: 'HTTP', vpcId: 'vpc-1' });
    });
    expect(openOf(checked, 'WS-ALB-5')).toEqual([]);
  });

  test('a name that is a Terraform expression is an error', () => {
    const checked = checkStack(
      (stack) => new Lb(stack, 'lb', { name: '${var.name}', subnets: ['subnet-1'], dropInvalidHeaderFields: true }),
    );
    expect(checked.open.filter((f) => f.ruleId === 'WS-ALB-5').map((f) => f.message)).toEqual([expect.stringMatching(/cannot judge/)]);
  });
});
