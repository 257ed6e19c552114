import * as fs from 'fs';
import { Construct } from 'constructs';
import { ElasticBeanstalkEnvironmentSetting } from '@cdktf/provider-aws/lib/elastic-beanstalk-environment';
import { WebStackError } from '../../core/errors';
import { findRuntimeProblem } from '../beanstalk-platform';
import { INetwork, subnetIdList } from '../network-interface';

/** The props of `ElasticBeanstalkApp` its settings come from. */
export interface BeanstalkAppSettingsInput {
  readonly name: string;
  readonly network: INetwork;
  readonly instanceSubnetIds?: Readonly<Record<string, string>>;
  readonly loadBalancerSubnetIds?: Readonly<Record<string, string>>;
  readonly sourceBundlePath?: string;
  readonly runtime?: string;
  readonly solutionStackName?: string;
  readonly minInstances?: number;
  readonly maxInstances?: number;
  readonly updateWindow?: string;
}

/** The settings after defaults and checks. */
export interface BeanstalkAppSettings {
  readonly instanceSubnets: string[];
  readonly loadBalancerSubnets: string[];
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly runtime: string;
  readonly updateWindow: string;
}

/**
 * Applies the defaults and checks the props, throwing (with `scope`'s path) at the first that
 * Beanstalk, S3 or the platform lookup would refuse, before anything is created.
 */
export function resolveBeanstalkAppSettings(
  scope: Construct,
  props: BeanstalkAppSettingsInput,
  defaults: { readonly DEFAULT_RUNTIME: string; readonly DEFAULT_UPDATE_WINDOW: string },
): BeanstalkAppSettings {
  if (!/^[a-z][a-z0-9-]{2,30}[a-z0-9]$/.test(props.name)) {
    throw new WebStackError(`name "${props.name}": use 4-32 lowercase letters, digits and hyphens, starting with a letter`, scope);
  }
  if (props.sourceBundlePath !== undefined && (!props.sourceBundlePath.endsWith('.zip') || !fs.existsSync(props.sourceBundlePath))) {
    throw new WebStackError(
      `sourceBundlePath "${props.sourceBundlePath}": point it at an existing .zip file, or leave it unset for the sample app`,
      scope,
    );
  }
  const instanceSubnets = subnetIdList(props.instanceSubnetIds ?? props.network.privateSubnetIds);
  const loadBalancerSubnets = subnetIdList(props.loadBalancerSubnetIds ?? props.network.publicSubnetIds);
  for (const [field, subnets, user] of [
    ['instanceSubnetIds', instanceSubnets, 'instances'],
    ['loadBalancerSubnetIds', loadBalancerSubnets, 'load balancer'],
  ] as const) {
    if (subnets.length === 0) {
      throw new WebStackError(
        `${field} is empty (and so are the network's subnets it defaults to): the environment needs at least one subnet for its ${user}`,
        scope,
      );
    }
  }
  const minInstances = props.minInstances ?? 1;
  const maxInstances = props.maxInstances ?? 2;
  if (!Number.isInteger(minInstances) || minInstances < 1 || !Number.isInteger(maxInstances) || maxInstances < minInstances) {
    throw new WebStackError(
      `minInstances ${minInstances}, maxInstances ${maxInstances}: use whole numbers with 1 <= minInstances <= maxInstances`,
      scope,
    );
  }
  if (props.runtime !== undefined && props.solutionStackName !== undefined) {
    throw new WebStackError(
      `runtime "${props.runtime}" and solutionStackName "${props.solutionStackName}": give one; runtime looks up the newest platform, solutionStackName pins one`,
      scope,
    );
  }
  const runtime = props.runtime ?? defaults.DEFAULT_RUNTIME;
  const runtimeProblem = findRuntimeProblem(runtime);
  if (runtimeProblem) throw new WebStackError(`runtime "${runtime}" ${runtimeProblem}`, scope);
  const updateWindow = props.updateWindow ?? defaults.DEFAULT_UPDATE_WINDOW;
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun):([01]\d|2[0-3]):[0-5]\d$/.test(updateWindow)) {
    throw new WebStackError(`updateWindow "${updateWindow}": use Day:HH:MM in UTC, such as "Sun:02:00"`, scope);
  }
  return { instanceSubnets, loadBalancerSubnets, minInstances, maxInstances, runtime, updateWindow };
}

/** What the environment's option settings are rendered from. */
export interface BeanstalkEnvironmentOptions {
  readonly vpcId: string;
  readonly settings: BeanstalkAppSettings;
  readonly serviceRoleArn: string;
  readonly instanceProfileName: string;
  readonly instanceType: string;
  readonly environmentVariables?: Readonly<Record<string, string>>;
}

/**
 * The environment's option settings: in the VPC with private instances behind an internet-facing
 * ALB, IMDSv2 only, enhanced health, and managed minor platform updates in the update window.
 */
export function beanstalkEnvironmentSettings(options: BeanstalkEnvironmentOptions): ElasticBeanstalkEnvironmentSetting[] {
  const { settings } = options;
  const setting = (namespace: string, name: string, value: string): ElasticBeanstalkEnvironmentSetting => ({ namespace, name, value });
  return [
    setting('aws:ec2:vpc', 'VPCId', options.vpcId),
    setting('aws:ec2:vpc', 'Subnets', settings.instanceSubnets.join(',')),
    setting('aws:ec2:vpc', 'ELBSubnets', settings.loadBalancerSubnets.join(',')),
    setting('aws:ec2:vpc', 'ELBScheme', 'public'),
    setting('aws:ec2:vpc', 'AssociatePublicIpAddress', 'false'),
    setting('aws:elasticbeanstalk:environment', 'EnvironmentType', 'LoadBalanced'),
    setting('aws:elasticbeanstalk:environment', 'LoadBalancerType', 'application'),
    setting('aws:elasticbeanstalk:environment', 'ServiceRole', options.serviceRoleArn),
    setting('aws:autoscaling:launchconfiguration', 'IamInstanceProfile', options.instanceProfileName),
    setting('aws:autoscaling:launchconfiguration', 'DisableIMDSv1', 'true'),
    setting('aws:ec2:instances', 'InstanceTypes', options.instanceType),
    setting('aws:autoscaling:asg', 'MinSize', String(settings.minInstances)),
    setting('aws:autoscaling:asg', 'MaxSize', String(settings.maxInstances)),
    setting('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'enhanced'),
    setting('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'true'),
    setting('aws:elasticbeanstalk:managedactions', 'PreferredStartTime', settings.updateWindow),
    setting('aws:elasticbeanstalk:managedactions', 'ServiceRoleForManagedUpdates', options.serviceRoleArn),
    setting('aws:elasticbeanstalk:managedactions:platformupdate', 'UpdateLevel', 'minor'),
    ...Object.entries(options.environmentVariables ?? {}).map(([name, value]) =>
      setting('aws:elasticbeanstalk:application:environment', name, value),
    ),
  ];
}
