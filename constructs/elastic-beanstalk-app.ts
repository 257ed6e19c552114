import * as path from 'path';
import { Construct } from 'constructs';
import { AssetType, ITerraformDependable, TerraformAsset } from 'cdktf';
import { DataAwsElasticBeanstalkSolutionStack } from '@cdktf/provider-aws/lib/data-aws-elastic-beanstalk-solution-stack';
import { ElasticBeanstalkApplication } from '@cdktf/provider-aws/lib/elastic-beanstalk-application';
import { ElasticBeanstalkApplicationVersion } from '@cdktf/provider-aws/lib/elastic-beanstalk-application-version';
import { ElasticBeanstalkEnvironment } from '@cdktf/provider-aws/lib/elastic-beanstalk-environment';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { solutionStackNameRegex } from './beanstalk-platform';
import type { IGrantable, IGrantPrincipal } from './grant';
import { InstanceRole, SSM_MANAGED_INSTANCE_CORE } from './instance-role';
import { INetwork } from './network-interface';
import { assumeRolePolicy } from './policy-document';
import { PrivateBucket } from './private-bucket';
import { TerraformData } from './terraform-data';
import { packageFile } from '../core/package-file';
import { zipDirectory } from './private/zip-directory';
import { beanstalkEnvironmentSettings, resolveBeanstalkAppSettings } from './private/beanstalk-app-settings';

/** Lets Beanstalk instances upload logs and, for worker tiers, read queues. */
export const BEANSTALK_WEB_TIER = 'arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier';
/** Lets the service role read instance health for enhanced health reporting. */
export const BEANSTALK_ENHANCED_HEALTH = 'arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth';
/** Lets the service role apply managed platform updates. */
export const BEANSTALK_MANAGED_UPDATES = 'arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy';

export interface ElasticBeanstalkAppProps {
  /** Application and environment name: 4-32 lowercase letters, digits and hyphens. */
  readonly name: string;
  /** The network the environment runs in: instances in its private subnets, the load balancer in its public ones. */
  readonly network: INetwork;
  /**
   * Subnet IDs of the instances keyed by availability zone, when not all of the network's
   * private subnets. Private, so instances have no public address.
   *
   * @default - the network's private subnets
   */
  readonly instanceSubnetIds?: Readonly<Record<string, string>>;
  /**
   * Subnet IDs of the internet-facing load balancer keyed by availability zone, when not all of
   * the network's public subnets.
   *
   * @default - the network's public subnets
   */
  readonly loadBalancerSubnetIds?: Readonly<Record<string, string>>;
  /**
   * Name of the bucket holding the source bundles. A fixed name (with the account ID for global
   * uniqueness) lets the plan show the bucket policy in full.
   *
   * @default - a unique name made by Terraform at apply from the `<name>-eb-` prefix
   */
  readonly bucketName?: string;
  /**
   * A local `.zip` source bundle (application files at the root of the archive).
   *
   * @default - the sample app in `templates/beanstalk-app`, zipped at synth
   */
  readonly sourceBundlePath?: string;
  /**
   * The runtime family, as platform names spell it after "running": "Node.js 22", "Python 3.13".
   * At plan time the newest Amazon Linux 2023 platform of that family is looked up
   * (`aws_elastic_beanstalk_solution_stack`, `most_recent`), so a fresh account never gets a
   * superseded version Beanstalk refuses to it.
   *
   * @default ElasticBeanstalkApp.DEFAULT_RUNTIME
   */
  readonly runtime?: string;
  /**
   * An exact platform name instead of the lookup, for accounts that must pin one. Beanstalk
   * refuses retired names to accounts that never used them. Either this or `runtime`.
   *
   * @default - the newest platform of `runtime`
   */
  readonly solutionStackName?: string;
  /**
   * Instance type of the environment's instances.
   *
   * @default ElasticBeanstalkApp.DEFAULT_INSTANCE_TYPE
   */
  readonly instanceType?: string;
  /**
   * Fewest instances; 2 or more keeps the app up through an instance or zone failure.
   *
   * @default 1
   */
  readonly minInstances?: number;
  /**
   * Most instances the Auto Scaling group may run.
   *
   * @default 2
   */
  readonly maxInstances?: number;
  /**
   * Environment properties for the app. Never put secrets here: they are visible in the
   * console and in the state.
   *
   * @default {}
   */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /**
   * Weekly window (UTC) in which managed platform updates start, as `Day:HH:MM`.
   *
   * @default ElasticBeanstalkApp.DEFAULT_UPDATE_WINDOW
   */
  readonly updateWindow?: string;
  /**
   * Resources the environment's first instances need, such as the private subnets' default
   * routes: without a route to the internet they cannot fetch the platform's packages, and the
   * environment's creation fails after a long wait.
   *
   * @default []
   */
  readonly launchAfter?: readonly ITerraformDependable[];
}

/**
 * An Elastic Beanstalk application with one version, from a local zip uploaded to its own
 * bucket, and one load-balanced environment placed in our VPC: instances in private subnets,
 * an internet-facing ALB in public ones, enhanced health, managed minor platform updates.
 * Beanstalk creates and wires its own security groups.
 *
 * @example
 * const app = new ElasticBeanstalkApp(stack, 'beanstalk', { name: 'web-stack-dev', network });
 * secret.grantRead(app);
 */
export class ElasticBeanstalkApp extends Construct implements IGrantable {
  public static readonly DEFAULT_RUNTIME = 'Node.js 22';
  public static readonly DEFAULT_INSTANCE_TYPE = 't3.micro';
  public static readonly DEFAULT_UPDATE_WINDOW = 'Sun:02:00';

  /** The application; it keeps the newest 20 versions and deletes older bundles from S3. */
  public readonly application: ElasticBeanstalkApplication;
  /** The version the environment runs, made from the bundle in `bucket`. */
  public readonly version: ElasticBeanstalkApplicationVersion;
  /** The load-balanced environment: its instances in the private subnets, its load balancer in the public ones. */
  public readonly environment: ElasticBeanstalkEnvironment;
  /** The private bucket holding the application bundles. */
  public readonly bucket: S3Bucket;
  /** The role Elastic Beanstalk acts as for health reporting and managed platform updates. */
  public readonly serviceRole: IamRole;
  /** The instances' role: the web tier's permissions and Session Manager. Grants add to it. */
  public readonly instanceRole: InstanceRole;
  /** The instances' role, for `grant*` methods: `secret.grantRead(app)`. */
  public readonly grantPrincipal: IGrantPrincipal;
  /** The version label: the name and a hash of the bundle, so a new bundle is a new version. */
  public readonly versionLabel: string;
  /** The environment's URL (its CNAME). */
  public readonly endpointUrl: string;
  /** The platform lookup, unless `solutionStackName` pinned one. */
  public readonly platform?: DataAwsElasticBeanstalkSolutionStack;
  /** The platform name the environment is created with (a plan-time value with the lookup). */
  public readonly solutionStackName: string;
  /**
   * The configured platform family (`runtime`, or the pinned `solutionStackName`): when it
   * changes, the environment is replaced, because the environment ignores later platform names.
   */
  public readonly platformChoice: TerraformData;

  constructor(scope: Construct, id: string, props: ElasticBeanstalkAppProps) {
    super(scope, id);
    const settings = resolveBeanstalkAppSettings(this, props, ElasticBeanstalkApp);
    const { runtime } = settings;

    const bundle = props.sourceBundlePath
      ? new TerraformAsset(this, 'bundle', { path: path.resolve(props.sourceBundlePath), type: AssetType.FILE })
      : new TerraformAsset(this, 'bundle', { path: zipDirectory(packageFile('templates', 'beanstalk-app')), type: AssetType.FILE });
    this.versionLabel = `${props.name}-${bundle.assetHash.slice(0, 16).toLowerCase()}`;

    const bucket = new PrivateBucket(this, 'bucket', {
      bucketName: props.bucketName,
      bucketPrefix: props.bucketName === undefined ? `${props.name}-eb-` : undefined,
      // The bucket holds build artefacts only; the bundles are in the repository or CI.
      forceDestroy: true,
      lifecycleRules: [
        {
          id: 'expire-replaced-bundles',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    this.bucket = bucket.bucket;
    const object = new S3Object(this, 'bundle-object', {
      bucket: this.bucket.id,
      key: `${this.versionLabel}.zip`,
      source: bundle.path,
      sourceHash: bundle.assetHash,
    });

    this.serviceRole = new IamRole(this, 'service-role', {
      name: `${props.name}-beanstalk-service`,
      assumeRolePolicy: assumeRolePolicy('elasticbeanstalk.amazonaws.com'),
    });
    const serviceRoleAttachments = [
      ['enhanced-health', BEANSTALK_ENHANCED_HEALTH],
      ['managed-updates', BEANSTALK_MANAGED_UPDATES],
    ].map(([key, arn]) => new IamRolePolicyAttachment(this, `service-role-${key}`, { role: this.serviceRole.name, policyArn: arn }));
    this.instanceRole = new InstanceRole(this, 'instance-role', {
      name: `${props.name}-beanstalk-ec2`,
      managedPolicyArns: [BEANSTALK_WEB_TIER, SSM_MANAGED_INSTANCE_CORE],
    });
    this.grantPrincipal = this.instanceRole.grantPrincipal;

    this.application = new ElasticBeanstalkApplication(this, 'application', {
      name: props.name,
      description: `Application ${props.name}`,
      appversionLifecycle: { serviceRole: this.serviceRole.arn, maxCount: 20, deleteSourceFromS3: true },
    });
    this.version = new ElasticBeanstalkApplicationVersion(this, 'version', {
      name: this.versionLabel,
      application: this.application.name,
      bucket: this.bucket.id,
      key: object.key,
      description: props.sourceBundlePath ? `From ${path.basename(props.sourceBundlePath)}` : 'Sample app from templates/beanstalk-app',
    });

    if (props.solutionStackName === undefined) {
      this.platform = new DataAwsElasticBeanstalkSolutionStack(this, 'platform', {
        nameRegex: solutionStackNameRegex(runtime),
        mostRecent: true,
      });
    }
    this.solutionStackName = props.solutionStackName ?? this.platform!.name;

    // The environment ignores its platform name (below), so a new family must replace it. The
    // trigger holds what was configured, not what the lookup found: a new AWS release alone
    // changes nothing. Our own binding of terraform_data: cdktf's DataResource runs `terraform
    // version` at every synth (see terraform-data.ts).
    this.platformChoice = new TerraformData(this, 'platform-choice', {
      input: props.solutionStackName === undefined ? { runtime } : { solutionStackName: props.solutionStackName },
    });

    this.environment = new ElasticBeanstalkEnvironment(this, 'Resource', {
      name: props.name,
      application: this.application.name,
      versionLabel: this.version.name,
      solutionStackName: this.solutionStackName,
      tier: 'WebServer',
      setting: beanstalkEnvironmentSettings({
        vpcId: props.network.vpcId,
        settings,
        serviceRoleArn: this.serviceRole.arn,
        instanceProfileName: this.instanceRole.instanceProfile.name,
        instanceType: props.instanceType ?? ElasticBeanstalkApp.DEFAULT_INSTANCE_TYPE,
        environmentVariables: props.environmentVariables,
      }),
      // Managed updates move the environment to newer versions, and the lookup finds newer ones:
      // neither may make Terraform replace or downgrade the running environment. A new family
      // does replace it (platformChoice). A bare address: Terraform's JSON syntax reads this list as
      // references, and refuses the ${…} form CDKTF writes for a resource object.
      lifecycle: { ignoreChanges: ['solution_stack_name'], replaceTriggeredBy: [`terraform_data.${this.platformChoice.friendlyUniqueId}`] },
      // Instances launch at creation: they need their role's policies and a way out of the subnet.
      dependsOn: [...this.instanceRole.policyAttachments, ...serviceRoleAttachments, ...(props.launchAfter ?? [])],
    });
    this.endpointUrl = this.environment.endpointUrl;
  }
}
