import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { BastionHost } from '../constructs/bastion-host';
import { ElasticBeanstalkApp } from '../constructs/elastic-beanstalk-app';
import { Network } from '../constructs/network';
import { Operations } from '../constructs/operations';
import { WordPress } from '../constructs/wordpress';
import { EnvironmentConfig, ProjectConfig } from '../config/schema';
import { BaseStack } from './base-stack';
import { guardRails, remoteStateFor, resourceTags } from './state-keys';

/** The name of an environment's main stack: the environment's own name. */
export function environmentStackName(environment: string): string {
  return environment;
}

/**
 * Everything of one environment that depends on its network, in one stack: cross-stack
 * references would become remote-state lookups that cannot be planned before the other
 * stack is applied.
 */
export class EnvironmentStack extends BaseStack {
  public readonly network: Network;
  public readonly bastion?: BastionHost;
  public readonly wordpress: WordPress;
  public readonly beanstalk?: ElasticBeanstalkApp;
  public readonly operations: Operations;

  constructor(scope: Construct, environment: string, project: ProjectConfig, config: EnvironmentConfig) {
    const tags = resourceTags(project, environment, config.tags);
    super(scope, environmentStackName(environment), {
      region: config.region,
      tags,
      remoteState: remoteStateFor(project, environment, 'main', config.remoteExecution),
      ...guardRails(project),
    });
    const name = `${project.name}-${environment}`;

    this.network = new Network(this, 'network', {
      name,
      cidrBlock: config.network.cidrBlock,
      availabilityZones: config.network.availabilityZones,
      natGateways: config.network.natGateways,
      singleNatGatewayZone: config.network.singleNatGatewayZone,
      sshIngressCidrs: config.bastion.enabled ? config.bastion.sshCidrs : [],
    });

    if (config.bastion.enabled) {
      this.bastion = new BastionHost(this, 'bastion', {
        name,
        network: this.network,
        sshCidrs: config.bastion.sshCidrs,
        instanceType: config.bastion.instanceType,
        keyName: config.bastion.keyName,
        // default_tags do not reach what a launch template launches.
        tags,
        internetConnectivityEstablished: [this.network.internetGateway],
      });
      new TerraformOutput(this, 'bastion_public_ip', { value: this.bastion.publicIp });
      new TerraformOutput(this, 'bastion_ssh_command', { value: this.bastion.sshCommand });
    }

    const wordpress = config.wordpress;
    this.wordpress = new WordPress(this, 'wordpress', {
      name,
      network: this.network,
      bastion: this.bastion,
      tags,
      wordpressVersion: wordpress.version,
      wordpressSha1: wordpress.sha1,
      siteTitle: wordpress.siteTitle,
      adminUser: wordpress.adminUser,
      adminEmail: wordpress.adminEmail,
      rdsCaBundleFile: wordpress.rdsCaBundleFile,
      internetConnectivityEstablished: Object.values(this.network.privateDefaultRoutes),
      enableXmlRpc: wordpress.enableXmlRpc,
      domain: wordpress.domain,
      loadBalancer: wordpress.loadBalancer,
      webServers: wordpress.webServers,
      database: wordpress.database,
      fileSystem: wordpress.fileSystem,
    });
    // Addresses and IDs only: the database password stays in its RDS-managed secret.
    new TerraformOutput(this, 'wordpress_site_url', { value: this.wordpress.siteUrl });
    new TerraformOutput(this, 'wordpress_db_endpoint', { value: this.wordpress.database.instanceEndpoint });
    new TerraformOutput(this, 'wordpress_file_system_id', { value: this.wordpress.fileSystem.fileSystemId });
    new TerraformOutput(this, 'wordpress_asg_name', { value: this.wordpress.webServers.autoScalingGroupName });
    // The secret, not the password: `aws secretsmanager get-secret-value --secret-id <this>`.
    new TerraformOutput(this, 'wordpress_admin_secret_arn', { value: this.wordpress.adminSecret.secretArn });

    if (config.beanstalk.enabled) {
      this.beanstalk = new ElasticBeanstalkApp(this, 'beanstalk', {
        name,
        bucketName: project.account ? `${name}-eb-bundles-${project.account.accountId}` : undefined,
        network: this.network,
        sourceBundlePath: config.beanstalk.sourceBundlePath,
        runtime: config.beanstalk.runtime,
        solutionStackName: config.beanstalk.solutionStackName,
        instanceType: config.beanstalk.instanceType,
        minInstances: config.beanstalk.minInstances,
        maxInstances: config.beanstalk.maxInstances,
        environmentVariables: config.beanstalk.environmentVariables,
        launchAfter: Object.values(this.network.privateDefaultRoutes),
      });
      new TerraformOutput(this, 'beanstalk_url', { value: this.beanstalk.endpointUrl });
    }

    const operations = config.operations;
    this.operations = new Operations(this, 'operations', {
      name,
      region: config.region,
      alarmEmails: operations.alarmEmails,
      healthCheck: operations.healthCheck.enabled
        ? {
            url: operations.healthCheck.url ?? `${this.wordpress.siteUrl}/`,
            schedule: operations.healthCheck.schedule,
            timeoutMs: operations.healthCheck.timeoutMs,
            expectedText: operations.healthCheck.expectedText,
            errorThreshold: operations.healthCheck.errorThreshold,
          }
        : undefined,
      loadBalancer: {
        arnSuffix: this.wordpress.loadBalancer.loadBalancerArnSuffix,
        targetGroupArnSuffix: this.wordpress.targetGroup.arnSuffix,
      },
      database: { instanceIdentifier: this.wordpress.database.instanceIdentifier },
      // A group allowed to shrink to zero has no minimum to fall below.
      autoScalingGroup:
        this.wordpress.webServers.minSize >= 1
          ? { name: this.wordpress.webServers.autoScalingGroupName, minSize: this.wordpress.webServers.minSize }
          : undefined,
      thresholds: operations.thresholds,
      flowLogs: operations.flowLogs.enabled
        ? { network: this.network, retentionDays: operations.flowLogs.retentionDays, trafficType: operations.flowLogs.trafficType }
        : undefined,
      logRetentionDays: operations.logRetentionDays,
      // The group is created once its instances are in service: watch from then on.
      startAfter: [this.wordpress.webServers.autoScalingGroup],
    });
    new TerraformOutput(this, 'alarm_topic_arn', { value: this.operations.alarmTopic.topicArn });

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId });
    new TerraformOutput(this, 'public_subnet_ids', { value: mapIds(this.network.publicSubnets) });
    new TerraformOutput(this, 'private_subnet_ids', { value: mapIds(this.network.privateSubnets) });
    new TerraformOutput(this, 'nat_gateway_public_ips', {
      value: Object.fromEntries(Object.entries(this.network.natGateways).map(([zone, nat]) => [zone, nat.publicIp])),
    });
  }
}

function mapIds(resources: Readonly<Record<string, { id: string }>>): Record<string, string> {
  return Object.fromEntries(Object.entries(resources).map(([key, resource]) => [key, resource.id]));
}
