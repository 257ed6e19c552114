import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { BastionHost } from '../constructs/bastion-host';
import { Network } from '../constructs/network';
import { EnvironmentConfig, ProjectConfig } from '../config/schema';
import { BaseStack } from './base-stack';
import { remoteStateFor, resourceTags } from './state-keys';

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

  constructor(scope: Construct, environment: string, project: ProjectConfig, config: EnvironmentConfig) {
    super(scope, environmentStackName(environment), {
      region: config.region,
      tags: resourceTags(project, environment, config.tags),
      remoteState: remoteStateFor(project, environment, 'main'),
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
        vpcId: this.network.vpcId,
        subnetId: this.network.publicSubnetIds[0],
        sshCidrs: config.bastion.sshCidrs,
        instanceType: config.bastion.instanceType,
        keyName: config.bastion.keyName,
      });
      new TerraformOutput(this, 'bastion_public_ip', { value: this.bastion.publicIp });
      new TerraformOutput(this, 'bastion_ssh_command', { value: this.bastion.sshCommand });
    }

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
