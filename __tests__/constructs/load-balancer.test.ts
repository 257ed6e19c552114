import { testNetwork } from '../support/network';
import { TerraformOutput } from 'cdktf';
import { WebStackError } from '../../core/errors';
import { LoadBalancer, LoadBalancerProps } from '../../constructs/load-balancer';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';

const SUBNETS = { 'eu-west-1b': 'subnet-b', 'eu-west-1a': 'subnet-a' };
const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

function synthAlb(props: Partial<LoadBalancerProps> = {}) {
  let alb: LoadBalancer | undefined;
  const json = synthStack((stack) => {
    alb = new LoadBalancer(stack, 'alb', { name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS, ...props });
  });
  return { json, alb: alb! };
}

function expectPropError(props: Partial<LoadBalancerProps>, message: RegExp) {
  const build = () => synthAlb(props);
  expect(build).toThrow(WebStackError);
  expect(build).toThrow(message);
}

describe('LoadBalancer', () => {
  test('defaults: internet-facing ALB in the public subnets, invalid headers dropped, no deletion protection, no logs', () => {
    const { json } = synthAlb();
    const lb = onlyResourceOf(json, 'aws_lb');
    expect(lb).toMatchObject({
      name: 'web-dev',
      load_balancer_type: 'application',
      internal: false,
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
    });
    expect(lb.subnets).toEqual(['subnet-a', 'subnet-b']);
    expect(lb.access_logs).toBeUndefined();
    const group = resourceAtPath(json, 'aws_security_group', 'alb/security-group/Resource');
    expect(lb.security_groups).toEqual([ref('aws_security_group', group)]);
  });

  test('defaults: target group on port 80 with a health check that accepts WordPress redirects, 30 s deregistration, no stickiness', () => {
    const { json } = synthAlb();
    const tg = onlyResourceOf(json, 'aws_lb_target_group');
    expect(tg).toMatchObject({
      name: 'web-dev-web',
      port: 80,
      protocol: 'HTTP',
      target_type: 'instance',
      vpc_id: 'vpc-0123456789abcdef0',
      deregistration_delay: '30',
    });
    expect(tg.health_check).toMatchObject({
      enabled: true,
      path: '/',
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
      matcher: '200,301,302',
    });
    expect(tg.stickiness).toEqual({ type: 'lb_cookie', enabled: false });
  });

  test('without a certificate: one HTTP listener forwarding to the target group and only port 80 open to the world', () => {
    const { json, alb } = synthAlb();
    const listener = onlyResourceOf(json, 'aws_lb_listener');
    expect(listener).toMatchObject({ port: 80, protocol: 'HTTP' });
    expect(listener.default_action).toEqual([
      { type: 'forward', target_group_arn: ref('aws_lb_target_group', onlyResourceOf(json, 'aws_lb_target_group'), 'arn') },
    ]);
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress.map((rule) => [rule.cidr_ipv4, rule.from_port, rule.to_port])).toEqual([['0.0.0.0/0', 80, 80]]);
    expect(ingress[0].description).toBe('HTTP from the internet');
    expect(Object.keys(alb.listeners)).toEqual(['http']);
    expect(alb.connections.defaultPort?.fromPort).toBe(80);
  });

  test('with a certificate: HTTPS on 443 with the TLS 1.3 policy, and 80 redirects to 443', () => {
    const { json, alb } = synthAlb({ certificateArn: CERTIFICATE });
    const https = resourceAtPath(json, 'aws_lb_listener', 'alb/https');
    expect(https).toMatchObject({
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: CERTIFICATE,
    });
    expect(https.default_action[0].type).toBe('forward');
    const http = resourceAtPath(json, 'aws_lb_listener', 'alb/http');
    expect(http.default_action).toEqual([{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }]);
    const ports = resourcesOf(json, 'aws_vpc_security_group_ingress_rule')
      .map((rule) => rule.from_port)
      .sort();
    expect(ports).toEqual([443, 80]);
    expect(Object.keys(alb.listeners).sort()).toEqual(['http', 'https']);
  });

  test('an existing group given by ID is attached, and the listener ports are opened on that ID', () => {
    const json = synthStack((stack) => {
      new LoadBalancer(stack, 'alb', {
        name: 'web-dev',
        network: testNetwork(stack),
        certificateArn: CERTIFICATE,
        securityGroup: existingGroup(stack),
      });
    });
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_lb').security_groups).toEqual([EXISTING_GROUP_ID]);
    expect(
      rulesOn(json, EXISTING_GROUP_ID)
        .ingress.map((rule) => [rule.cidr_ipv4, rule.to_port])
        .sort(),
    ).toEqual([
      ['0.0.0.0/0', 443],
      ['0.0.0.0/0', 80],
    ]);
  });

  test('sslPolicy overrides the HTTPS listener policy', () => {
    const { json } = synthAlb({ certificateArn: CERTIFICATE, sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
    expect(resourceAtPath(json, 'aws_lb_listener', 'alb/https').ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06');
  });

  test('deletionProtection turns on deletion protection', () => {
    const { json } = synthAlb({ deletionProtection: true });
    expect(onlyResourceOf(json, 'aws_lb').enable_deletion_protection).toBe(true);
  });

  test('accessLogsBucket turns on access logs under the name as prefix', () => {
    const { json } = synthAlb({ accessLogsBucket: 'my-logs' });
    expect(onlyResourceOf(json, 'aws_lb').access_logs).toEqual({ bucket: 'my-logs', prefix: 'web-dev', enabled: true });
    const custom = synthAlb({ accessLogsBucket: 'my-logs', accessLogsPrefix: 'alb' }).json;
    expect(onlyResourceOf(custom, 'aws_lb').access_logs.prefix).toBe('alb');
  });

  test('healthCheck, deregistrationDelaySeconds and stickiness are applied', () => {
    const { json } = synthAlb({
      healthCheck: { path: '/wp-login.php', intervalSeconds: 30, matcher: '200-399' },
      deregistrationDelaySeconds: 60,
      stickiness: true,
    });
    const tg = onlyResourceOf(json, 'aws_lb_target_group');
    expect(tg.health_check).toMatchObject({ path: '/wp-login.php', interval: 30, timeout: 5, matcher: '200-399' });
    expect(tg.deregistration_delay).toBe('60');
    expect(tg.stickiness.enabled).toBe(true);
  });

  test('exposes loadBalancer* and targetGroup* attributes: ARNs, the ARN suffixes monitoring needs, DNS name and zone', () => {
    const json = synthStack((stack) => {
      const alb = new LoadBalancer(stack, 'alb', { name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS });
      new TerraformOutput(stack, 'attributes', {
        value: [
          alb.loadBalancerArn,
          alb.loadBalancerArnSuffix,
          alb.loadBalancerDnsName,
          alb.loadBalancerCanonicalHostedZoneId,
          alb.targetGroupArn,
          alb.targetGroupArnSuffix,
          alb.url,
        ],
      });
    });
    const lb = onlyResourceOf(json, 'aws_lb');
    const tg = onlyResourceOf(json, 'aws_lb_target_group');
    expect(json.output.attributes.value).toEqual([
      ref('aws_lb', lb, 'arn'),
      ref('aws_lb', lb, 'arn_suffix'),
      ref('aws_lb', lb, 'dns_name'),
      ref('aws_lb', lb, 'zone_id'),
      ref('aws_lb_target_group', tg, 'arn'),
      ref('aws_lb_target_group', tg, 'arn_suffix'),
      `http://${ref('aws_lb', lb, 'dns_name')}`,
    ]);
  });

  test('error: a name too long for an ELB name', () => {
    expectPropError({ name: 'a-very-long-load-balancer-name-x' }, /name "a-very-long-load-balancer-name-x": use 1-28 letters/);
  });

  test('error: fewer than two zones', () => {
    expectPropError(
      { subnetIds: { 'eu-west-1a': 'subnet-a' } },
      /subnetIds has 1 zone\(s\) \(eu-west-1a\); an Application Load Balancer needs subnets in at least two/,
    );
  });

  test('error: a certificate ARN that is not from ACM', () => {
    expectPropError(
      { certificateArn: 'arn:aws:iam::123456789012:server-certificate/web' },
      /certificateArn "arn:aws:iam::123456789012:server-certificate\/web" is not an ACM certificate ARN/,
    );
  });

  test('error: an SSL policy that is not an ELB policy', () => {
    expectPropError({ certificateArn: CERTIFICATE, sslPolicy: 'TLSv1.2' }, /sslPolicy "TLSv1.2" is not an ELB security policy/);
  });

  test('error: an empty access logs bucket', () => {
    expectPropError({ accessLogsBucket: ' ' }, /accessLogsBucket is empty/);
  });

  test('error: a health check path without a leading slash', () => {
    expectPropError({ healthCheck: { path: 'health' } }, /healthCheck.path "health" must start with "\/"/);
  });

  test('error: health check numbers out of range', () => {
    expectPropError(
      { healthCheck: { intervalSeconds: 1 } },
      /healthCheck.intervalSeconds 1 is out of range; use a whole number from 5 to 300/,
    );
    expectPropError({ healthCheck: { timeoutSeconds: 1 } }, /healthCheck.timeoutSeconds 1 is out of range/);
    expectPropError({ healthCheck: { healthyThreshold: 11 } }, /healthCheck.healthyThreshold 11 is out of range/);
    expectPropError({ healthCheck: { unhealthyThreshold: 1 } }, /healthCheck.unhealthyThreshold 1 is out of range/);
  });

  test('error: a deregistration delay out of range', () => {
    expectPropError(
      { deregistrationDelaySeconds: 4000 },
      /deregistrationDelaySeconds 4000 is out of range; use a whole number from 0 to 3600/,
    );
  });

  test('error: a timeout not below the interval', () => {
    expectPropError(
      { healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
      /healthCheck.timeoutSeconds 10 is not below healthCheck.intervalSeconds 10/,
    );
  });

  test('error: a matcher that is not HTTP codes', () => {
    expectPropError({ healthCheck: { matcher: '2xx' } }, /healthCheck.matcher "2xx" is not a list or range of HTTP codes/);
  });
});
