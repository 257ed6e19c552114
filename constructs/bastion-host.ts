import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Connections, IConnectable } from './connections';
import { WebStackError } from '../core/errors';
import { InstanceRole } from './instance-role';
import { launchTagSpecifications } from './private/launch-tags';
import { amazonLinux2023ImageId, architectureOf } from './machine-image';
import { INetwork } from './network-interface';
import { Peer } from './peer';
import { Port } from './port';
import { ISecurityGroup, SecurityGroup } from './security-group';

export interface BastionHostProps {
  /** Name prefix for the instance, its groups and its role. */
  readonly name: string;
  /** The network; the bastion runs in one of its public subnets. */
  readonly network: INetwork;
  /**
   * Availability zone of the public subnet the bastion runs in.
   *
   * @default - the first zone in alphabetical order
   */
  readonly availabilityZone?: string;
  /**
   * An existing security group for the bastion itself, instead of a new one. SSH from
   * `sshCidrs` and outbound HTTP and HTTPS are added to it, unless it was imported with
   * `mutable: false`.
   *
   * @default - a new group: SSH from `sshCidrs`, HTTP and HTTPS out
   */
  readonly securityGroup?: ISecurityGroup;
  /**
   * An existing group to serve as `sshAccessSecurityGroup`, such as one the instances already
   * carry. SSH from the bastion is added to it, unless it was imported with `mutable: false`.
   *
   * @default - a new group that allows SSH from the bastion only
   */
  readonly sshAccessSecurityGroup?: ISecurityGroup;
  /** CIDRs allowed to SSH to the bastion. At least one; "0.0.0.0/0" is refused. */
  readonly sshCidrs: readonly string[];
  /**
   * Instance type. A bastion only forwards SSH, so the smallest burstable type suffices.
   *
   * @default BastionHost.DEFAULT_INSTANCE_TYPE
   */
  readonly instanceType?: string;
  /**
   * Name of an existing EC2 key pair for SSH.
   *
   * @default - no key pair; use Session Manager or EC2 Instance Connect
   */
  readonly keyName?: string;
  /**
   * Tags for the instance, its volume and its network interface. The provider's `default_tags`
   * do not reach what a launch template launches, so pass the tags the stack gives the provider.
   * `Name` is always set.
   *
   * @default {} - only `Name`
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * What connects the public subnet to the internet, such as the VPC's internet gateway. The
   * Elastic IP waits for it: AWS refuses to associate an address in a VPC without an attached
   * internet gateway, and Terraform sees no reference between the two.
   *
   * @default [] - no explicit dependency; the internet gateway must already exist
   */
  readonly internetConnectivityEstablished?: readonly ITerraformDependable[];
}

/**
 * A jump host in a public subnet: SSH reaches it only from the configured CIDRs, and
 * private instances accept SSH only from it, through `sshAccessSecurityGroup`. It has an
 * Elastic IP so its address survives a stop and start, and Session Manager works on it too.
 *
 * @example
 * const bastion = new BastionHost(this, 'bastion', {
 *   name: 'web-dev', network,
 *   sshCidrs: ['203.0.113.0/24'],
 * });
 * // attach bastion.sshAccessSecurityGroup to the instances it may reach
 */
export class BastionHost extends Construct implements IConnectable {
  public static readonly DEFAULT_INSTANCE_TYPE = 't3.nano';
  /** The user Amazon Linux creates for SSH. */
  public static readonly LOGIN_USER = 'ec2-user';

  public readonly connections: Connections;
  /** The bastion's own group: SSH in from `sshCidrs`. */
  public readonly securityGroup: ISecurityGroup;
  public readonly instance: Instance;
  public readonly elasticIp: Eip;
  /** The bastion's stable public address. */
  public readonly publicIp: string;
  /** A ready SSH command line for the bastion. */
  public readonly sshCommand: string;
  /** Attach to private instances: it allows SSH from the bastion and from nothing else. */
  public readonly sshAccessSecurityGroup: ISecurityGroup;

  constructor(scope: Construct, id: string, props: BastionHostProps) {
    super(scope, id);
    const zone = props.availabilityZone ?? props.network.availabilityZones[0];
    const subnetId = props.network.publicSubnetIds[zone];
    if (subnetId === undefined) {
      throw new WebStackError(
        `availabilityZone ${JSON.stringify(zone)} has no public subnet in the network; use one of ${Object.keys(props.network.publicSubnetIds).join(', ')}`,
        this,
      );
    }
    if (props.sshCidrs.length === 0) {
      throw new WebStackError(
        'sshCidrs is empty; list the CIDRs allowed to SSH to the bastion (for example your office, "203.0.113.0/24"), or do not create a bastion',
        this,
      );
    }
    for (const cidr of props.sshCidrs) {
      if (cidr === '0.0.0.0/0') {
        throw new WebStackError('sshCidrs contains "0.0.0.0/0"; SSH must not be open to the internet, list your own networks', this);
      }
    }
    const instanceType = props.instanceType ?? BastionHost.DEFAULT_INSTANCE_TYPE;

    const securityGroup =
      props.securityGroup ??
      new SecurityGroup(this, 'security-group', {
        vpcId: props.network.vpcId,
        name: `${props.name}-bastion`,
        description: 'Bastion host: SSH from the configured CIDRs only',
      });
    this.securityGroup = securityGroup;
    this.connections = new Connections({ securityGroup, defaultPort: Port.tcp(22) });
    for (const cidr of props.sshCidrs) {
      this.allowSshFrom(cidr);
    }
    // Package updates and the Session Manager agent.
    securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS for updates and Session Manager');
    securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(80), 'HTTP for package repositories');

    this.sshAccessSecurityGroup =
      props.sshAccessSecurityGroup ??
      new SecurityGroup(this, 'ssh-access', {
        vpcId: props.network.vpcId,
        name: `${props.name}-ssh-from-bastion`,
        description: 'Private instances: SSH from the bastion only',
      });
    new Connections({ securityGroup: this.sshAccessSecurityGroup }).allowFrom(this, Port.tcp(22), 'SSH from the bastion');

    const role = new InstanceRole(this, 'role', { name: `${props.name}-bastion` });
    const launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: `${props.name}-bastion`,
      imageId: amazonLinux2023ImageId(architectureOf(instanceType)),
      instanceType,
      keyName: props.keyName,
      iamInstanceProfile: { arn: role.instanceProfile.arn },
      vpcSecurityGroupIds: [securityGroup.securityGroupId],
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeType: 'gp3', volumeSize: 8, encrypted: 'true', deleteOnTermination: 'true' } },
      ],
      tagSpecifications: launchTagSpecifications({ ...props.tags, Name: `${props.name}-bastion` }),
    });
    this.instance = new Instance(this, 'Resource', {
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.toString() },
      subnetId: subnetId,
      tags: { Name: `${props.name}-bastion` },
    });
    this.elasticIp = new Eip(this, 'eip', {
      domain: 'vpc',
      instance: this.instance.id,
      tags: { Name: `${props.name}-bastion` },
      dependsOn: props.internetConnectivityEstablished?.length ? [...props.internetConnectivityEstablished] : undefined,
    });
    this.publicIp = this.elasticIp.publicIp;
    this.sshCommand = `ssh ${BastionHost.LOGIN_USER}@${this.publicIp}`;
  }

  /** Opens SSH to the bastion from one more CIDR. */
  public allowSshFrom(cidr: string): void {
    this.connections.allowFrom(Peer.ipv4(cidr), Port.tcp(22), `SSH from ${cidr}`);
  }
}
