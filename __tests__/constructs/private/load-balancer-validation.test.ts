import { Construct } from 'constructs';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { ACM_CERTIFICATE_ARN_PATTERN as PUBLIC_ACM_CERTIFICATE_ARN_PATTERN, LoadBalancerProps } from '../../../constructs/load-balancer';
import {
  ACM_CERTIFICATE_ARN_PATTERN,
  validateLoadBalancerProps,
  validateTargetGroupOptions,
} from '../../../constructs/private/load-balancer-validation';
import { DEFAULT_TARGET_HEALTH_CHECK } from '../../../constructs/target-group';
import { WebStackError } from '../../../core/errors';
import { TEST_NETWORK_VALUE } from '../../support/network';

function validate(props: Partial<LoadBalancerProps>, scope?: Construct) {
  const at = scope ?? new Construct(new TerraformStack(Testing.app(), 'test'), 'alb');
  validateLoadBalancerProps(at, { name: 'web-dev', network: TEST_NETWORK_VALUE, ...props });
}

describe('validateLoadBalancerProps', () => {
  test('accepts the defaults, an ACM certificate ARN and a certificate known only at apply', () => {
    expect(() => validate({})).not.toThrow();
    expect(() =>
      validate({ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d' }),
    ).not.toThrow();
    const stack = new TerraformStack(Testing.app(), 'test');
    const certificate = new TerraformVariable(stack, 'certificate_arn', { type: 'string' });
    expect(() => validate({ certificateArn: certificate.stringValue }, new Construct(stack, 'alb'))).not.toThrow();
  });

  test('an error carries the path of the scope it is given', () => {
    const build = () => validate({ certificateArn: 'arn:aws:iam::123456789012:server-certificate/web' });
    expect(build).toThrow(WebStackError);
    expect(build).toThrow(/^test\/alb: certificateArn "arn:aws:iam::123456789012:server-certificate\/web" is not an ACM certificate ARN/);
  });

  test('the certificate pattern is the one the package exports, and accepts other partitions', () => {
    expect(PUBLIC_ACM_CERTIFICATE_ARN_PATTERN).toBe(ACM_CERTIFICATE_ARN_PATTERN);
    expect(
      ACM_CERTIFICATE_ARN_PATTERN.test('arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'),
    ).toBe(true);
  });
});

describe('validateTargetGroupOptions', () => {
  const scope = () => new Construct(new TerraformStack(Testing.app(), 'test'), 'alb');
  const base = { name: 'web-dev-web', port: 80, healthCheck: DEFAULT_TARGET_HEALTH_CHECK, deregistrationDelay: 30 };

  test('accepts the defaults', () => {
    expect(() => validateTargetGroupOptions(scope(), '', base)).not.toThrow();
  });

  test('the field prefix is put before every option it names', () => {
    expect(() => validateTargetGroupOptions(scope(), 'targetGroups.web.', { ...base, port: 0 })).toThrow(
      /^test\/alb: targetGroups\.web\.port 0 is out of range; use a whole number from 1 to 65535/,
    );
    expect(() =>
      validateTargetGroupOptions(scope(), 'targetGroups.web.', { ...base, healthCheck: { ...base.healthCheck, timeoutSeconds: 20 } }),
    ).toThrow(/targetGroups\.web\.healthCheck\.timeoutSeconds 20 is not below targetGroups\.web\.healthCheck\.intervalSeconds 15/);
  });
});
