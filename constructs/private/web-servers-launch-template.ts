import { Construct } from 'constructs';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { launchTagSpecifications } from './launch-tags';
import { amazonLinux2023ImageId, architectureOf } from '../machine-image';

/** What the web servers' launch template is built from, after defaults. */
export interface WebServersLaunchTemplateOptions {
  readonly name: string;
  readonly instanceType: string;
  readonly instanceProfileArn: string;
  readonly securityGroupIds: readonly string[];
  readonly rootVolumeSizeGiB: number;
  readonly userDataBase64: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly keyName?: string;
}

/**
 * The launch template (construct id `launch-template` under `scope`): the Amazon Linux 2023
 * image for the type's architecture, IMDSv2 only with a hop limit of 1 so containers cannot reach
 * the instance's credentials, an encrypted gp3 root volume, and no public address.
 */
export function webServersLaunchTemplate(scope: Construct, options: WebServersLaunchTemplateOptions): LaunchTemplate {
  return new LaunchTemplate(scope, 'launch-template', {
    name: options.name,
    imageId: amazonLinux2023ImageId(architectureOf(options.instanceType)),
    instanceType: options.instanceType,
    keyName: options.keyName,
    iamInstanceProfile: { arn: options.instanceProfileArn },
    networkInterfaces: [
      {
        deviceIndex: 0,
        associatePublicIpAddress: 'false',
        deleteOnTermination: 'true',
        securityGroups: [...options.securityGroupIds],
      },
    ],
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
    blockDeviceMappings: [
      {
        deviceName: '/dev/xvda',
        ebs: { volumeType: 'gp3', volumeSize: options.rootVolumeSizeGiB, encrypted: 'true', deleteOnTermination: 'true' },
      },
    ],
    userData: options.userDataBase64,
    updateDefaultVersion: true,
    tagSpecifications: launchTagSpecifications(options.tags),
  });
}
