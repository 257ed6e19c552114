import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BEANSTALK_ENHANCED_HEALTH,
  BEANSTALK_MANAGED_UPDATES,
  BEANSTALK_WEB_TIER,
  ElasticBeanstalkApp,
  ElasticBeanstalkAppProps,
} from '../../constructs/elastic-beanstalk-app';
import { Route } from '@cdktf/provider-aws/lib/route';
import { solutionStackNameRegex } from '../../constructs/beanstalk-platform';
import { RuntimeSecret } from '../../constructs/runtime-secret';
import { WebStackError } from '../../core/errors';
import { TEST_NETWORK, TEST_NETWORK_VALUE } from '../support/network';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

const PROPS: ElasticBeanstalkAppProps = {
  name: 'web-stack-dev',
  network: TEST_NETWORK_VALUE,
};

function synthApp(props: Partial<ElasticBeanstalkAppProps> = {}) {
  return synthStack((stack) => new ElasticBeanstalkApp(stack, 'beanstalk', { ...PROPS, ...props }));
}

/** The environment's settings as "namespace:name" -> value. */
function settingsOf(json: Record<string, any>): Record<string, string> {
  const environment = onlyResourceOf(json, 'aws_elastic_beanstalk_environment');
  return Object.fromEntries(environment.setting.map((s: any) => [`${s.namespace}:${s.name}`, s.value]));
}

function zipFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'etherpad.zip');
  fs.writeFileSync(file, 'PK\u0005\u0006' + '\u0000'.repeat(18));
  return file;
}

/** The logical-ID suffix CDKTF gives the platform lookup. */
function platformId(json: Record<string, any>): string {
  const [name] = Object.keys(json.data.aws_elastic_beanstalk_solution_stack);
  return name.replace(/^beanstalk_platform_/, '');
}

describe('ElasticBeanstalkApp', () => {
  test("defaults: the sample app zipped at synth, uploaded, and deployed as the environment's version", () => {
    const json = synthApp();
    const object = onlyResourceOf(json, 'aws_s3_object');
    expect(object.source).toMatch(/archive\.zip$/);
    const version = onlyResourceOf(json, 'aws_elastic_beanstalk_application_version');
    expect(version.name).toMatch(/^web-stack-dev-[0-9a-f]{16}$/);
    expect(version.key).toBe(ref('aws_s3_object', object, 'key'));
    expect(version.bucket).toBe(ref('aws_s3_bucket', onlyResourceOf(json, 'aws_s3_bucket')));
    const environment = onlyResourceOf(json, 'aws_elastic_beanstalk_environment');
    expect(environment).toMatchObject({
      name: 'web-stack-dev',
      tier: 'WebServer',
      solution_stack_name: '${data.aws_elastic_beanstalk_solution_stack.beanstalk_platform_' + platformId(json) + '.name}',
      version_label: ref('aws_elastic_beanstalk_application_version', version, 'name'),
      application: ref('aws_elastic_beanstalk_application', onlyResourceOf(json, 'aws_elastic_beanstalk_application'), 'name'),
    });
    expect(environment.lifecycle.ignore_changes).toEqual(['solution_stack_name']);
  });

  test('a new runtime family replaces the environment; a new AWS platform release alone changes nothing', () => {
    // GIVEN the environment and the record of the configured family
    const choiceOf = (json: Record<string, any>) => onlyResourceOf(json, 'terraform_data');
    const json = synthApp();
    const environment = onlyResourceOf(json, 'aws_elastic_beanstalk_environment');
    // THEN the environment is replaced when the record is, and the record holds the configured family, not the lookup's answer
    expect(environment.lifecycle.replace_triggered_by).toEqual([`terraform_data.${choiceOf(json).logicalId}`]);
    expect(choiceOf(json).input).toEqual({ runtime: 'Node.js 22' });
    expect(JSON.stringify(choiceOf(json))).not.toContain('aws_elastic_beanstalk_solution_stack');
    // WHEN the family or the pinned platform changes THEN the record changes with it
    expect(choiceOf(synthApp({ runtime: 'Node.js 24' })).input).toEqual({ runtime: 'Node.js 24' });
    const pinned = '64bit Amazon Linux 2023 v6.5.1 running Node.js 22';
    expect(choiceOf(synthApp({ solutionStackName: pinned })).input).toEqual({ solutionStackName: pinned });
  });

  test("the environment is created after its roles' policy attachments and the given network resources", () => {
    const json = synthStack((stack) => {
      const route = new Route(stack, 'private-default-route', {
        routeTableId: 'rtb-1',
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: 'nat-1',
      });
      new ElasticBeanstalkApp(stack, 'beanstalk', { ...PROPS, launchAfter: [route] });
    });
    const environment = onlyResourceOf(json, 'aws_elastic_beanstalk_environment');
    const attachments = resourcesOf(json, 'aws_iam_role_policy_attachment').map((a) => `aws_iam_role_policy_attachment.${a.logicalId}`);
    expect(attachments).toHaveLength(4);
    expect([...environment.depends_on].sort()).toEqual([...attachments, `aws_route.${onlyResourceOf(json, 'aws_route').logicalId}`].sort());
  });

  test('the platform is looked up at plan: the newest Amazon Linux 2023 Node.js 22', () => {
    const json = synthApp();
    expect(json.data.aws_elastic_beanstalk_solution_stack[`beanstalk_platform_${platformId(json)}`]).toMatchObject({
      name_regex: solutionStackNameRegex(ElasticBeanstalkApp.DEFAULT_RUNTIME),
      most_recent: true,
    });
    expect(ElasticBeanstalkApp.DEFAULT_RUNTIME).toBe('Node.js 22');
  });

  test('another runtime family is looked up by its own regex', () => {
    const json = synthApp({ runtime: 'Python 3.13' });
    expect(json.data.aws_elastic_beanstalk_solution_stack[`beanstalk_platform_${platformId(json)}`].name_regex).toBe(
      solutionStackNameRegex('Python 3.13'),
    );
  });

  test('instances go in the private subnets, an internet-facing ALB in the public ones', () => {
    const settings = settingsOf(synthApp());
    expect(settings).toMatchObject({
      'aws:ec2:vpc:VPCId': 'vpc-0123456789abcdef0',
      'aws:ec2:vpc:Subnets': 'subnet-0a000000000000002,subnet-0b000000000000002',
      'aws:ec2:vpc:ELBSubnets': 'subnet-0a000000000000001,subnet-0b000000000000001',
      'aws:ec2:vpc:ELBScheme': 'public',
      'aws:ec2:vpc:AssociatePublicIpAddress': 'false',
      'aws:elasticbeanstalk:environment:LoadBalancerType': 'application',
    });
  });

  test("subnets given replace the network's, in zone order", () => {
    const settings = settingsOf(
      synthApp({
        instanceSubnetIds: { 'eu-west-1b': 'subnet-0b000000000000009', 'eu-west-1a': 'subnet-0a000000000000009' },
        loadBalancerSubnetIds: { 'eu-west-1a': TEST_NETWORK.publicSubnetIds['eu-west-1a'] },
      }),
    );
    expect(settings['aws:ec2:vpc:Subnets']).toBe('subnet-0a000000000000009,subnet-0b000000000000009');
    expect(settings['aws:ec2:vpc:ELBSubnets']).toBe('subnet-0a000000000000001');
  });

  test("it is grantable: a grant lands on the instances' role", () => {
    const json = synthStack((stack) => {
      const app = new ElasticBeanstalkApp(stack, 'beanstalk', PROPS);
      new RuntimeSecret(stack, 'secret', { name: 'app-key', description: 'read by the app' }).grantRead(app);
    });
    const instanceRole = resourcesOf(json, 'aws_iam_role').find((r) => r.name === 'web-stack-dev-beanstalk-ec2')!;
    expect(onlyResourceOf(json, 'aws_iam_role_policy').role).toBe(ref('aws_iam_role', instanceRole));
  });

  test('enhanced health, managed minor platform updates in the weekly window, and IMDSv2 only', () => {
    const json = synthApp();
    const serviceRoleArn = ref(
      'aws_iam_role',
      resourcesOf(json, 'aws_iam_role').find((r) => r.name === 'web-stack-dev-beanstalk-service')!,
      'arn',
    );
    expect(settingsOf(json)).toMatchObject({
      'aws:elasticbeanstalk:healthreporting:system:SystemType': 'enhanced',
      'aws:elasticbeanstalk:managedactions:ManagedActionsEnabled': 'true',
      'aws:elasticbeanstalk:managedactions:PreferredStartTime': ElasticBeanstalkApp.DEFAULT_UPDATE_WINDOW,
      'aws:elasticbeanstalk:managedactions:ServiceRoleForManagedUpdates': serviceRoleArn,
      'aws:elasticbeanstalk:managedactions:platformupdate:UpdateLevel': 'minor',
      'aws:elasticbeanstalk:environment:ServiceRole': serviceRoleArn,
      'aws:autoscaling:launchconfiguration:DisableIMDSv1': 'true',
    });
  });

  test('the service role trusts Beanstalk and carries the health and managed-update policies', () => {
    const json = synthApp();
    const role = resourcesOf(json, 'aws_iam_role').find((r) => r.name === 'web-stack-dev-beanstalk-service')!;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'elasticbeanstalk.amazonaws.com' });
    const attached = resourcesOf(json, 'aws_iam_role_policy_attachment').filter((a) => a.role === ref('aws_iam_role', role, 'name'));
    expect(attached.map((a) => a.policy_arn).sort()).toEqual([BEANSTALK_ENHANCED_HEALTH, BEANSTALK_MANAGED_UPDATES].sort());
  });

  test('the instances use an instance profile with the web tier and Session Manager policies', () => {
    const json = synthApp();
    const profile = onlyResourceOf(json, 'aws_iam_instance_profile');
    expect(settingsOf(json)['aws:autoscaling:launchconfiguration:IamInstanceProfile']).toBe(
      ref('aws_iam_instance_profile', profile, 'name'),
    );
    const role = resourcesOf(json, 'aws_iam_role').find((r) => r.name === 'web-stack-dev-beanstalk-ec2')!;
    const attached = resourcesOf(json, 'aws_iam_role_policy_attachment').filter((a) => a.role === ref('aws_iam_role', role, 'name'));
    expect(attached.map((a) => a.policy_arn)).toContain(BEANSTALK_WEB_TIER);
  });

  test('the bundle bucket is versioned, encrypted, private and TLS-only, and replaced bundles expire', () => {
    const json = synthApp();
    expect(onlyResourceOf(json, 'aws_s3_bucket').bucket_prefix).toBe('web-stack-dev-eb-');
    expect(
      onlyResourceOf(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default
        .sse_algorithm,
    ).toBe('AES256');
    expect(onlyResourceOf(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy).Statement[0].Sid).toBe('DenyInsecureTransport');
    expect(onlyResourceOf(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(onlyResourceOf(json, 'aws_s3_bucket_lifecycle_configuration').rule[0]).toMatchObject({
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
  });

  test('a fixed bucket name replaces the prefix and appears in full in the TLS-only policy', () => {
    const json = synthApp({ bucketName: 'web-stack-dev-eb-bundles-123456789012' });
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket.bucket).toBe('web-stack-dev-eb-bundles-123456789012');
    expect(bucket.bucket_prefix).toBeUndefined();
    expect(JSON.parse(onlyResourceOf(json, 'aws_s3_bucket_policy').policy).Statement[0].Resource).toEqual([
      'arn:aws:s3:::web-stack-dev-eb-bundles-123456789012',
      'arn:aws:s3:::web-stack-dev-eb-bundles-123456789012/*',
    ]);
  });

  test('a local zip is uploaded as it is, and a changed zip gets a new version label', () => {
    const bundle = zipFile();
    const first = onlyResourceOf(synthApp({ sourceBundlePath: bundle }), 'aws_elastic_beanstalk_application_version');
    const object = onlyResourceOf(synthApp({ sourceBundlePath: bundle }), 'aws_s3_object');
    expect(object.source).toMatch(/etherpad\.zip$/);
    fs.appendFileSync(bundle, 'changed');
    const second = onlyResourceOf(synthApp({ sourceBundlePath: bundle }), 'aws_elastic_beanstalk_application_version');
    expect(second.name).not.toBe(first.name);
  });

  test('size, instance type, platform and environment properties are configurable', () => {
    const json = synthApp({
      minInstances: 2,
      maxInstances: 4,
      instanceType: 't3.small',
      solutionStackName: '64bit Amazon Linux 2023 v6.10.0 running Node.js 24',
      environmentVariables: { NODE_ENV: 'production' },
    });
    expect(settingsOf(json)).toMatchObject({
      'aws:autoscaling:asg:MinSize': '2',
      'aws:autoscaling:asg:MaxSize': '4',
      'aws:ec2:instances:InstanceTypes': 't3.small',
      'aws:elasticbeanstalk:application:environment:NODE_ENV': 'production',
    });
    expect(onlyResourceOf(json, 'aws_elastic_beanstalk_environment').solution_stack_name).toBe(
      '64bit Amazon Linux 2023 v6.10.0 running Node.js 24',
    );
    // A pinned platform needs no lookup.
    expect(json.data?.aws_elastic_beanstalk_solution_stack).toBeUndefined();
  });

  // The other checks are tested on resolveBeanstalkAppSettings (private/beanstalk-app-settings).
  describe('rejects', () => {
    test('a name Beanstalk or S3 would refuse', () => {
      expect(() => synthApp({ name: 'Web_Stack' })).toThrow(WebStackError);
      expect(() => synthApp({ name: 'Web_Stack' })).toThrow(/name "Web_Stack": use 4-32 lowercase letters/);
    });
    test('a bucket name S3 would refuse', () => {
      expect(() => synthApp({ bucketName: 'EB_Bundles' })).toThrow(/bucketName "EB_Bundles"/);
    });
  });
});
