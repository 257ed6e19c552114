import { testNetwork } from '../support/network';
import { TerraformOutput } from 'cdktf';
import { WebStackError } from '../../core/errors';
import { Connections } from '../../constructs/connections';
import { LoadBalancer, LoadBalancerProps } from '../../constructs/load-balancer';
import { ILoadBalancerTarget } from '../../constructs/target-group';
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

  test('defaults: no target group, and the listener answers 404 until one is added', () => {
    const { json, alb } = synthAlb();
    expect(resourcesOf(json, 'aws_lb_target_group')).toHaveLength(0);
    expect(onlyResourceOf(json, 'aws_lb_listener').default_action).toEqual([
      { type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '404', message_body: 'No target group' } },
    ]);
    expect(alb.defaultTargetGroup).toBeUndefined();
  });

  test('targetGroups: each is named after the load balancer and its ID, with the generic health check, 30 s deregistration, no stickiness', () => {
    const { json } = synthAlb({ targetGroups: { web: { port: 8080 } } });
    const tg = resourceAtPath(json, 'aws_lb_target_group', 'alb/web');
    expect(tg).toMatchObject({
      name: 'web-dev-web',
      port: 8080,
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
      matcher: '200',
    });
    expect(tg.stickiness).toEqual({ type: 'lb_cookie', enabled: false });
  });

  test('without a certificate: one HTTP listener forwarding to the target group and only port 80 open to the world', () => {
    const { json, alb } = synthAlb({ targetGroups: { web: { port: 80 } } });
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
    const { json, alb } = synthAlb({ certificateArn: CERTIFICATE, targetGroups: { web: { port: 80 } } });
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

  test("a target group's healthCheck, deregistrationDelaySeconds, stickiness and name are applied", () => {
    const { json } = synthAlb({
      targetGroups: {
        app: {
          port: 80,
          name: 'shop-app',
          healthCheck: { path: '/health', intervalSeconds: 30, matcher: '200-399' },
          deregistrationDelaySeconds: 60,
          stickiness: true,
        },
      },
    });
    const tg = onlyResourceOf(json, 'aws_lb_target_group');
    expect(tg).toMatchObject({ name: 'shop-app', tags: { Name: 'shop-app' } });
    expect(tg.health_check).toMatchObject({ path: '/health', interval: 30, timeout: 5, matcher: '200-399' });
    expect(tg.deregistration_delay).toBe('60');
    expect(tg.stickiness.enabled).toBe(true);
  });

  test('addTarget adds a target group, registers the target with it, and lets the load balancer through both groups', () => {
    const json = synthStack((stack) => {
      // GIVEN a load balancer and a target that owns an existing group
      const alb = new LoadBalancer(stack, 'alb', { name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS });
      const target: ILoadBalancerTarget = {
        connections: new Connections({ securityGroup: existingGroup(stack) }),
        attachToTargetGroup: (arn) => new TerraformOutput(stack, 'registered', { value: arn }),
      };
      // WHEN it is added on 8080
      alb.addTarget(target, { port: 8080, healthCheck: { path: '/health' }, description: 'App traffic from the load balancer' });
    });
    // THEN the group is the listener's default, the target registered its ARN, and 8080 is open both ways
    const tg = resourceAtPath(json, 'aws_lb_target_group', 'alb/target-group');
    expect(tg).toMatchObject({ name: 'web-dev-target-group', port: 8080, health_check: expect.objectContaining({ path: '/health' }) });
    expect(json.output.registered.value).toBe(ref('aws_lb_target_group', tg, 'arn'));
    expect(onlyResourceOf(json, 'aws_lb_listener').default_action).toEqual([
      { type: 'forward', target_group_arn: ref('aws_lb_target_group', tg, 'arn') },
    ]);
    const albGroup = ref('aws_security_group', onlyResourceOf(json, 'aws_security_group'));
    expect(rulesOn(json, EXISTING_GROUP_ID).ingress).toEqual([
      expect.objectContaining({
        referenced_security_group_id: albGroup,
        from_port: 8080,
        to_port: 8080,
        description: 'App traffic from the load balancer',
      }),
    ]);
    expect(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).toEqual([
      expect.objectContaining({ security_group_id: albGroup, referenced_security_group_id: EXISTING_GROUP_ID, from_port: 8080 }),
    ]);
  });

  test('the first target group stays the default; a later one does not take the listener', () => {
    let alb: LoadBalancer | undefined;
    const json = synthStack((stack) => {
      alb = new LoadBalancer(stack, 'alb', {
        name: 'web-dev',
        network: testNetwork(stack),
        subnetIds: SUBNETS,
        targetGroups: { web: { port: 80 } },
      });
      alb.addTargetGroup('api', { port: 8080 });
    });
    const web = resourceAtPath(json, 'aws_lb_target_group', 'alb/web');
    expect(onlyResourceOf(json, 'aws_lb_listener').default_action).toEqual([
      { type: 'forward', target_group_arn: ref('aws_lb_target_group', web, 'arn') },
    ]);
    expect(Object.keys(alb!.targetGroups)).toEqual(['web', 'api']);
    expect(resourceAtPath(json, 'aws_lb_target_group', 'alb/api').name).toBe('web-dev-api');
  });

  test('exposes loadBalancer* and target group attributes: ARNs, the ARN suffixes monitoring needs, DNS name and zone', () => {
    const json = synthStack((stack) => {
      const alb = new LoadBalancer(stack, 'alb', {
        name: 'web-dev',
        network: testNetwork(stack),
        subnetIds: SUBNETS,
        targetGroups: { web: { port: 80 } },
      });
      new TerraformOutput(stack, 'attributes', {
        value: [
          alb.loadBalancerArn,
          alb.loadBalancerArnSuffix,
          alb.loadBalancerDnsName,
          alb.loadBalancerCanonicalHostedZoneId,
          alb.defaultTargetGroup!.arn,
          alb.defaultTargetGroup!.arnSuffix,
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
    expectPropError({ name: 'a-very-long-load-balancer-name-xyz' }, /name "a-very-long-load-balancer-name-xyz": use 1-32 letters/);
  });

  test('error: a target group ID the load balancer uses itself, or one taken by an earlier target group', () => {
    expectPropError({ targetGroups: { http: { port: 80 } } }, /targetGroups\.http: the ID "http" is taken in this load balancer/);
    expect(() =>
      synthStack((stack) => {
        const alb = new LoadBalancer(stack, 'alb', {
          name: 'web-dev',
          network: testNetwork(stack),
          subnetIds: SUBNETS,
          targetGroups: { web: { port: 80 } },
        });
        alb.addTargetGroup('web', { port: 8080 });
      }),
    ).toThrow(/alb: id: the ID "web" is taken in this load balancer/);
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
});
