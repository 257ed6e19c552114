import { solutionStackNameRegex } from '../../constructs/beanstalk-platform';
import { ElasticBeanstalkApp } from '../../constructs/elastic-beanstalk-app';
import { configuredResources, countByType, plannedResources, referencedResource, TerraformPlan } from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';
import { beanstalkFixture } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

const loaded = beanstalkFixture.config;

/** The environment's settings as "namespace:name" -> the setting's configuration expression. */
function settingExpressions(plan: TerraformPlan): Record<string, any> {
  const environment = configuredResources(plan, 'aws_elastic_beanstalk_environment')[0];
  return Object.fromEntries(
    environment.expressions.setting.map((s: any) => [`${s.namespace.constant_value}:${s.name.constant_value}`, s.value]),
  );
}

describe('Elastic Beanstalk in the dev environment stack, planned offline', () => {
  let app: SynthesizedApp;
  let plan: TerraformPlan;

  beforeAll(async () => {
    app = fixtureApp(beanstalkFixture);
    plan = await fixturePlan(beanstalkFixture, 'dev');
  });

  test('dev has it enabled in the shipped configuration and prod does not', () => {
    expect(loaded.environments.dev.beanstalk.enabled).toBe(true);
    expect(app.stackJson('prod').resource.aws_elastic_beanstalk_environment).toBeUndefined();
  });

  test('plans the application, a version, the environment, the bundle object and bucket, and both roles', () => {
    const counts = countByType(plan);
    expect(counts).toMatchObject({
      aws_elastic_beanstalk_application: 1,
      aws_elastic_beanstalk_application_version: 1,
      aws_elastic_beanstalk_environment: 1,
    });
    // The bundle; the stack's other object is WordPress's RDS CA bundle.
    const objects = plannedResources(plan, 'aws_s3_object').map((object) => object.values.key as string);
    expect(objects.filter((key) => !key.endsWith('/rds-ca-bundle.pem'))).toHaveLength(1);
    const names = plannedResources(plan, 'aws_iam_role').map((role) => role.values.name);
    expect(names).toEqual(expect.arrayContaining(['web-stack-dev-beanstalk-service', 'web-stack-dev-beanstalk-ec2']));
    const buckets = plannedResources(plan, 'aws_s3_bucket').filter(
      (bucket) => bucket.values.bucket === `web-stack-dev-eb-bundles-${loaded.project.account!.accountId}`,
    );
    expect(buckets).toHaveLength(1);
  });

  test('the environment runs the looked-up platform (the harness stand-in offline) and the uploaded version', () => {
    const environment = plannedResources(plan, 'aws_elastic_beanstalk_environment')[0];
    expect(environment.values).toMatchObject({
      name: 'web-stack-dev',
      tier: 'WebServer',
      solution_stack_name: `offline stand-in for ${solutionStackNameRegex(ElasticBeanstalkApp.DEFAULT_RUNTIME)}`,
    });
    const configured = configuredResources(plan, 'aws_elastic_beanstalk_environment')[0];
    const version = referencedResource(plan, configured, 'version_label');
    expect(version.type).toBe('aws_elastic_beanstalk_application_version');
    const object = referencedResource(plan, configuredResources(plan, 'aws_elastic_beanstalk_application_version')[0], 'key');
    expect(object.type).toBe('aws_s3_object');
    expect(object.values.key).toBe(`${version.values.name}.zip`);
  });

  test('instances use the private subnets and the load balancer the public ones of this VPC', () => {
    const settings = settingExpressions(plan);
    const subnetTier = (key: string) =>
      [...new Set((settings[key].references as string[]).filter((r) => r.startsWith('aws_subnet.') && r.split('.').length === 2))].map(
        (address) => plannedResources(plan, 'aws_subnet').find((subnet) => subnet.address === address)!.values.tags.Tier,
      );
    const zones = Object.keys(loaded.environments.dev.network.availabilityZones);
    expect(subnetTier('aws:ec2:vpc:Subnets')).toEqual(zones.map(() => 'private'));
    expect(subnetTier('aws:ec2:vpc:ELBSubnets')).toEqual(zones.map(() => 'public'));
    expect(settings['aws:ec2:vpc:VPCId'].references[0]).toMatch(/^aws_vpc\./);
    expect(settings['aws:ec2:vpc:ELBScheme'].constant_value).toBe('public');
  });

  test('the instances get the Beanstalk instance profile and the environment the service role', () => {
    const settings = settingExpressions(plan);
    const referenced = (key: string, type: string) => {
      const address = (settings[key].references as string[]).find((r) => r.startsWith(`${type}.`) && r.split('.').length === 2);
      return plannedResources(plan, type).find((resource) => resource.address === address)!;
    };
    expect(referenced('aws:autoscaling:launchconfiguration:IamInstanceProfile', 'aws_iam_instance_profile').values.name).toBe(
      'web-stack-dev-beanstalk-ec2',
    );
    expect(referenced('aws:elasticbeanstalk:environment:ServiceRole', 'aws_iam_role').values.name).toBe('web-stack-dev-beanstalk-service');
  });

  test('the bundle bucket policy is known at plan time and refuses plain HTTP', () => {
    const policies = plannedResources(plan, 'aws_s3_bucket_policy').filter((p) => p.address.includes('beanstalk'));
    expect(policies).toHaveLength(1);
    const statement = JSON.parse(policies[0].values.policy).Statement[0];
    expect(statement).toMatchObject({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  test('enhanced health and managed platform updates are on', () => {
    const settings = settingExpressions(plan);
    expect(settings['aws:elasticbeanstalk:healthreporting:system:SystemType'].constant_value).toBe('enhanced');
    expect(settings['aws:elasticbeanstalk:managedactions:ManagedActionsEnabled'].constant_value).toBe('true');
    expect(settings['aws:elasticbeanstalk:managedactions:platformupdate:UpdateLevel'].constant_value).toBe('minor');
  });
});
