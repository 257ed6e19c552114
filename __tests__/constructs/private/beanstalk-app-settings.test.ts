import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  BeanstalkAppSettingsInput,
  beanstalkEnvironmentSettings,
  resolveBeanstalkAppSettings,
} from '../../../constructs/private/beanstalk-app-settings';
import { WebStackError } from '../../../core/errors';
import { TEST_NETWORK_VALUE } from '../../support/network';

const DEFAULTS = { DEFAULT_RUNTIME: 'Node.js 22', DEFAULT_UPDATE_WINDOW: 'Sun:02:00' };
const PROPS: BeanstalkAppSettingsInput = { name: 'web-stack-dev', network: TEST_NETWORK_VALUE };

function resolve(props: Partial<BeanstalkAppSettingsInput> = {}) {
  return resolveBeanstalkAppSettings(new Construct(Testing.app(), 'beanstalk'), { ...PROPS, ...props }, DEFAULTS);
}

function zipFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')), 'etherpad.zip');
  fs.writeFileSync(file, 'PK\u0005\u0006' + '\u0000'.repeat(18));
  return file;
}

describe('resolveBeanstalkAppSettings', () => {
  test("defaults: the network's private subnets for instances and public ones for the ALB, 1 to 2 instances", () => {
    const settings = resolve();
    expect(settings).toMatchObject({ minInstances: 1, maxInstances: 2, runtime: 'Node.js 22', updateWindow: 'Sun:02:00' });
    expect([...settings.instanceSubnets].sort()).toEqual(Object.values(TEST_NETWORK_VALUE.privateSubnetIds).sort());
    expect([...settings.loadBalancerSubnets].sort()).toEqual(Object.values(TEST_NETWORK_VALUE.publicSubnetIds).sort());
  });

  test('given values replace the defaults; an existing zip is accepted', () => {
    expect(
      resolve({ minInstances: 2, maxInstances: 6, runtime: 'Python 3.12', updateWindow: 'Wed:23:30', sourceBundlePath: zipFile() }),
    ).toMatchObject({ minInstances: 2, maxInstances: 6, runtime: 'Python 3.12', updateWindow: 'Wed:23:30' });
  });

  describe('rejects', () => {
    test('a runtime that is not a family name, and a runtime next to a pinned platform', () => {
      expect(() => resolve({ runtime: 'node|python' })).toThrow(/runtime "node\|python" is not a runtime family/);
      expect(() => resolve({ runtime: 'Node.js 22', solutionStackName: '64bit Amazon Linux 2023 v6.6.3 running Node.js 22' })).toThrow(
        /runtime "Node\.js 22" and solutionStackName ".*": give one/,
      );
    });
    test('a name Beanstalk or S3 would refuse', () => {
      expect(() => resolve({ name: 'Web_Stack' })).toThrow(WebStackError);
      expect(() => resolve({ name: 'Web_Stack' })).toThrow(/name "Web_Stack": use 4-32 lowercase letters/);
    });
    test('a source bundle that is missing or not a zip', () => {
      expect(() => resolve({ sourceBundlePath: '/nowhere/app.zip' })).toThrow(
        /sourceBundlePath "\/nowhere\/app\.zip": point it at an existing \.zip file/,
      );
      expect(() => resolve({ sourceBundlePath: __filename })).toThrow(/sourceBundlePath ".*beanstalk-app-settings\.test\.ts"/);
    });
    test('no instance or no load balancer subnets', () => {
      expect(() => resolve({ instanceSubnetIds: {} })).toThrow(
        /instanceSubnetIds is empty \(and so are the network's subnets it defaults to\): the environment needs at least one subnet for its instances/,
      );
      expect(() => resolve({ loadBalancerSubnetIds: {} })).toThrow(/loadBalancerSubnetIds is empty .* for its load balancer/);
    });
    test('maxInstances below minInstances, or fewer than one instance', () => {
      expect(() => resolve({ minInstances: 3, maxInstances: 2 })).toThrow(
        /minInstances 3, maxInstances 2: use whole numbers with 1 <= minInstances <= maxInstances/,
      );
      expect(() => resolve({ minInstances: 0 })).toThrow(/minInstances 0, maxInstances 2/);
    });
    test('an update window not in Day:HH:MM form', () => {
      expect(() => resolve({ updateWindow: 'sunday 2am' })).toThrow(/updateWindow "sunday 2am": use Day:HH:MM in UTC/);
      expect(() => resolve({ updateWindow: 'Sun:24:00' })).toThrow(/updateWindow "Sun:24:00"/);
    });
  });
});

describe('beanstalkEnvironmentSettings', () => {
  const settings = {
    instanceSubnets: ['subnet-a', 'subnet-b'],
    loadBalancerSubnets: ['subnet-pa', 'subnet-pb'],
    minInstances: 1,
    maxInstances: 3,
    runtime: 'Node.js 22',
    updateWindow: 'Sun:02:00',
  };
  const rendered = (environmentVariables?: Record<string, string>) =>
    Object.fromEntries(
      beanstalkEnvironmentSettings({
        vpcId: 'vpc-1',
        settings,
        serviceRoleArn: 'arn:aws:iam::123456789012:role/eb-service',
        instanceProfileName: 'eb-ec2',
        instanceType: 't3.small',
        environmentVariables,
      }).map((s) => [`${s.namespace}:${s.name}`, s.value]),
    );

  test('private instances in the VPC behind an internet-facing ALB, IMDSv2 only', () => {
    expect(rendered()).toMatchObject({
      'aws:ec2:vpc:VPCId': 'vpc-1',
      'aws:ec2:vpc:Subnets': 'subnet-a,subnet-b',
      'aws:ec2:vpc:ELBSubnets': 'subnet-pa,subnet-pb',
      'aws:ec2:vpc:ELBScheme': 'public',
      'aws:ec2:vpc:AssociatePublicIpAddress': 'false',
      'aws:elasticbeanstalk:environment:LoadBalancerType': 'application',
      'aws:autoscaling:launchconfiguration:IamInstanceProfile': 'eb-ec2',
      'aws:autoscaling:launchconfiguration:DisableIMDSv1': 'true',
      'aws:ec2:instances:InstanceTypes': 't3.small',
      'aws:autoscaling:asg:MinSize': '1',
      'aws:autoscaling:asg:MaxSize': '3',
    });
  });

  test('enhanced health and managed minor updates in the window, acting as the service role', () => {
    expect(rendered()).toMatchObject({
      'aws:elasticbeanstalk:environment:ServiceRole': 'arn:aws:iam::123456789012:role/eb-service',
      'aws:elasticbeanstalk:healthreporting:system:SystemType': 'enhanced',
      'aws:elasticbeanstalk:managedactions:ManagedActionsEnabled': 'true',
      'aws:elasticbeanstalk:managedactions:PreferredStartTime': 'Sun:02:00',
      'aws:elasticbeanstalk:managedactions:ServiceRoleForManagedUpdates': 'arn:aws:iam::123456789012:role/eb-service',
      'aws:elasticbeanstalk:managedactions:platformupdate:UpdateLevel': 'minor',
    });
  });

  test('environment variables become application environment settings, and only with them', () => {
    expect(rendered({ PORT: '8080' })['aws:elasticbeanstalk:application:environment:PORT']).toBe('8080');
    expect(Object.keys(rendered()).filter((key) => key.startsWith('aws:elasticbeanstalk:application:environment:'))).toEqual([]);
  });
});
