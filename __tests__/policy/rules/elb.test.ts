import { TerraformStack } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { checkStack, openOf } from '../support';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
const FORWARD = [{ type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1' }];

function lb(stack: TerraformStack, props: Partial<ConstructorParameters<typeof Lb>[2]> = {}): Lb {
  return new Lb(stack, 'lb', { subnets: ['subnet-1', 'subnet-2'], dropInvalidHeaderFields: true, ...props });
}

describe('load balancer rules', () => {
  test('compliant: HTTPS with a TLS 1.2+ policy, HTTP redirecting to it, invalid headers dropped, protected in production', () => {
    const checked = checkStack(
      (stack) => {
        const balancer = lb(stack, { enableDeletionProtection: true });
        new LbListener(stack, 'https', {
          loadBalancerArn: balancer.arn,
          port: 443,
          protocol: 'HTTPS',
          certificateArn: CERTIFICATE,
          sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          defaultAction: FORWARD,
        });
        new LbListener(stack, 'http', {
          loadBalancerArn: balancer.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
        });
      },
      { production: true },
    );
    for (const id of ['WS-ALB-1', 'WS-ALB-2', 'WS-ALB-3', 'WS-ALB-4']) expect(openOf(checked, id)).toEqual([]);
  });

  test('WS-ALB-1: an application load balancer that keeps invalid headers; network load balancers are not judged', () => {
    const checked = checkStack((stack) => {
      new Lb(stack, 'alb', { subnets: ['subnet-1'] });
      new Lb(stack, 'nlb', { subnets: ['subnet-1'], loadBalancerType: 'network' });
    });
    expect(openOf(checked, 'WS-ALB-1')).toEqual(['WS-ALB-1 aws_lb.alb']);
  });

  test('WS-ALB-2: with a certificate, an HTTP listener that forwards is a finding; an HTTPS listener without certificate too', () => {
    const checked = checkStack((stack) => {
      const balancer = lb(stack);
      new LbListener(stack, 'https', {
        loadBalancerArn: balancer.arn,
        port: 443,
        protocol: 'HTTPS',
        certificateArn: CERTIFICATE,
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        defaultAction: FORWARD,
      });
      new LbListener(stack, 'http', { loadBalancerArn: balancer.arn, port: 80, protocol: 'HTTP', defaultAction: FORWARD });
      new LbListener(stack, 'nocert', { loadBalancerArn: balancer.arn, port: 8443, protocol: 'HTTPS', defaultAction: FORWARD });
    });
    expect(openOf(checked, 'WS-ALB-2')).toEqual(['WS-ALB-2 aws_lb_listener.http', 'WS-ALB-2 aws_lb_listener.nocert']);
  });

  test('WS-ALB-2: without any certificate, plain HTTP forwarding is not judged', () => {
    const checked = checkStack(
      (stack) => new LbListener(stack, 'http', { loadBalancerArn: lb(stack).arn, port: 80, protocol: 'HTTP', defaultAction: FORWARD }),
    );
    expect(openOf(checked, 'WS-ALB-2')).toEqual([]);
  });

  test('WS-ALB-3: no deletion protection is a finding in production only', () => {
    expect(
      openOf(
        checkStack((stack) => lb(stack), { production: true }),
        'WS-ALB-3',
      ),
    ).toEqual(['WS-ALB-3 aws_lb.lb']);
    expect(
      openOf(
        checkStack((stack) => lb(stack), { production: false }),
        'WS-ALB-3',
      ),
    ).toEqual([]);
  });

  test("WS-ALB-4: an HTTPS listener on the provider's default policy is a finding", () => {
    const checked = checkStack(
      (stack) =>
        new LbListener(stack, 'https', {
          loadBalancerArn: lb(stack).arn,
          port: 443,
          protocol: 'HTTPS',
          certificateArn: CERTIFICATE,
          defaultAction: FORWARD,
        }),
    );
    expect(openOf(checked, 'WS-ALB-4')).toEqual(['WS-ALB-4 aws_lb_listener.https']);
    expect(checked.open.find((f) => f.ruleId === 'WS-ALB-4')?.message).toMatch(/ELBSecurityPolicy-2016-08/);
  });

  test("production follows the provider's Environment tag unless given", () => {
    expect(
      openOf(
        checkStack((stack) => lb(stack), {}, { Environment: 'prod' }),
        'WS-ALB-3',
      ),
    ).toEqual(['WS-ALB-3 aws_lb.lb']);
    expect(
      openOf(
        checkStack((stack) => lb(stack), {}, { Environment: 'dev' }),
        'WS-ALB-3',
      ),
    ).toEqual([]);
    expect(
      openOf(
        checkStack((stack) => lb(stack), { production: false }, { Environment: 'prod' }),
        'WS-ALB-3',
      ),
    ).toEqual([]);
  });
});
