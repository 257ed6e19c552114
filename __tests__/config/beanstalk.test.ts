import { WebStackError } from '../../core/errors';
import { ElasticBeanstalkApp } from '../../constructs/elastic-beanstalk-app';
import { config } from '../../config/environments';
import { parseConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';

/** The shipped configuration with dev's `beanstalk` replaced. */
function withBeanstalk(beanstalk: unknown): ConfigInput {
  const draft = structuredClone(config) as any;
  draft.environments.dev.beanstalk = beanstalk;
  return draft;
}

function expectBeanstalkError(beanstalk: unknown, message: RegExp): void {
  expect(() => parseConfig(withBeanstalk(beanstalk))).toThrow(WebStackError);
  expect(() => parseConfig(withBeanstalk(beanstalk))).toThrow(message);
}

describe('beanstalk configuration', () => {
  test('enabled in dev, and off where not mentioned (prod)', () => {
    const parsed = parseConfig(config);
    expect(parsed.environments.dev.beanstalk).toEqual({
      enabled: true,
      instanceType: ElasticBeanstalkApp.DEFAULT_INSTANCE_TYPE,
      minInstances: 1,
      maxInstances: 2,
      environmentVariables: {},
    });
    expect(parsed.environments.prod.beanstalk.enabled).toBe(false);
  });

  test('an Etherpad bundle and its settings are kept', () => {
    const beanstalk = parseConfig(
      withBeanstalk({
        enabled: true,
        sourceBundlePath: 'bundles/etherpad.zip',
        minInstances: 2,
        maxInstances: 4,
        environmentVariables: { NODE_ENV: 'production' },
      }),
    ).environments.dev.beanstalk;
    expect(beanstalk).toMatchObject({
      sourceBundlePath: 'bundles/etherpad.zip',
      minInstances: 2,
      maxInstances: 4,
      environmentVariables: { NODE_ENV: 'production' },
    });
  });

  describe('rejects', () => {
    test('a source bundle that is not a zip', () => {
      expectBeanstalkError(
        { enabled: true, sourceBundlePath: 'etherpad.tar.gz' },
        /environments\.dev\.beanstalk\.sourceBundlePath: "etherpad\.tar\.gz" is not a \.zip file/,
      );
    });
    test('maxInstances below minInstances', () => {
      expectBeanstalkError(
        { enabled: true, minInstances: 3, maxInstances: 1 },
        /environments\.dev\.beanstalk\.maxInstances: 1 is below minInstances \(3\)/,
      );
    });
    test('an instance type that is not one', () => {
      expectBeanstalkError(
        { enabled: true, instanceType: 'small' },
        /environments\.dev\.beanstalk\.instanceType: "small" is not an EC2 instance type/,
      );
    });
    test('no instances at all', () => {
      expectBeanstalkError({ enabled: true, minInstances: 0 }, /environments\.dev\.beanstalk\.minInstances/);
    });
  });
});
