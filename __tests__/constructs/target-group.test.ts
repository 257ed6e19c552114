import { LoadBalancer } from '../../constructs/load-balancer';
import { DEFAULT_DEREGISTRATION_DELAY_SECONDS, DEFAULT_TARGET_HEALTH_CHECK, TargetGroupOptions } from '../../constructs/target-group';
import { WebStackError } from '../../core/errors';
import { testNetwork } from '../support/network';
import { onlyResourceOf, synthStack } from '../support/synth';

// The options of one target group, as LoadBalancer.addTargetGroup applies and checks them.
function synthTargetGroup(options: TargetGroupOptions) {
  return synthStack((stack) => {
    new LoadBalancer(stack, 'alb', { name: 'web-dev', network: testNetwork(stack) }).addTargetGroup('app', options);
  });
}

function expectOptionError(options: Partial<TargetGroupOptions>, message: RegExp) {
  const build = () => synthTargetGroup({ port: 80, ...options });
  expect(build).toThrow(WebStackError);
  expect(build).toThrow(message);
}

describe('target group options', () => {
  test('the defaults are exported once and are what LoadBalancer calls its own', () => {
    expect(LoadBalancer.DEFAULT_HEALTH_CHECK).toBe(DEFAULT_TARGET_HEALTH_CHECK);
    expect(LoadBalancer.DEFAULT_DEREGISTRATION_DELAY_SECONDS).toBe(DEFAULT_DEREGISTRATION_DELAY_SECONDS);
    // A generic check: `/` must answer 200; an app that redirects says so itself.
    expect(DEFAULT_TARGET_HEALTH_CHECK).toEqual({
      path: '/',
      intervalSeconds: 15,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      matcher: '200',
    });
  });

  test('a health check given in part keeps the defaults of the rest', () => {
    const tg = onlyResourceOf(
      synthTargetGroup({ port: 80, healthCheck: { path: '/wp-login.php', matcher: '200,301,302' } }),
      'aws_lb_target_group',
    );
    expect(tg.health_check).toEqual({
      enabled: true,
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/wp-login.php',
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
      matcher: '200,301,302',
    });
  });

  test('error: a name longer than ELB allows', () => {
    expectOptionError({ name: 'a-target-group-name-of-33-letters' }, /name "a-target-group-name-of-33-letters": use 1-32 letters/);
  });

  test('error: a port out of range', () => {
    expectOptionError({ port: 70000 }, /port 70000 is out of range; use a whole number from 1 to 65535/);
  });

  test('error: a health check path without a leading slash', () => {
    expectOptionError({ healthCheck: { path: 'health' } }, /healthCheck\.path "health" must start with "\/"/);
  });

  test('error: health check numbers out of range', () => {
    expectOptionError(
      { healthCheck: { intervalSeconds: 1 } },
      /healthCheck\.intervalSeconds 1 is out of range; use a whole number from 5 to 300/,
    );
    expectOptionError({ healthCheck: { timeoutSeconds: 1 } }, /healthCheck\.timeoutSeconds 1 is out of range/);
    expectOptionError({ healthCheck: { healthyThreshold: 11 } }, /healthCheck\.healthyThreshold 11 is out of range/);
    expectOptionError({ healthCheck: { unhealthyThreshold: 1 } }, /healthCheck\.unhealthyThreshold 1 is out of range/);
  });

  test('error: a deregistration delay out of range', () => {
    expectOptionError(
      { deregistrationDelaySeconds: 4000 },
      /deregistrationDelaySeconds 4000 is out of range; use a whole number from 0 to 3600/,
    );
  });

  test('error: a timeout not below the interval', () => {
    expectOptionError(
      { healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
      /healthCheck\.timeoutSeconds 10 is not below healthCheck\.intervalSeconds 10/,
    );
  });

  test('error: a matcher that is not HTTP codes', () => {
    expectOptionError({ healthCheck: { matcher: '2xx' } }, /healthCheck\.matcher "2xx" is not a list or range of HTTP codes/);
  });

  test('error: options given as props name the target group', () => {
    expect(() =>
      synthStack(
        (stack) =>
          new LoadBalancer(stack, 'alb', {
            name: 'web-dev',
            network: testNetwork(stack),
            targetGroups: { web: { port: 80, healthCheck: { matcher: 'ok' } } },
          }),
      ),
    ).toThrow(/targetGroups\.web\.healthCheck\.matcher "ok" is not a list or range of HTTP codes/);
  });
});
