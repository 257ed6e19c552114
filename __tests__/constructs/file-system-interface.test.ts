import { TerraformVariable } from 'cdktf';
import { Connections } from '../../constructs/connections';
import { FileSystem } from '../../constructs/file-system';
import { FileSystemAttributes, IFileSystem } from '../../constructs/file-system-interface';
import { InstanceRole } from '../../constructs/instance-role';
import { WebStackError } from '../../core/errors';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';
import { onlyResourceOf, ref, synthStack } from '../support/synth';
import type { TerraformStack } from 'cdktf';

const ID = 'fs-0123456789abcdef0';
const ARN = `arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/${ID}`;
const WEB_GROUP_ID = 'sg-0fedcba9876543210';

function importFileSystem(stack: TerraformStack, attributes: Partial<FileSystemAttributes> = {}): IFileSystem {
  return FileSystem.fromFileSystemAttributes(stack, 'shared', {
    fileSystemId: ID,
    fileSystemArn: ARN,
    securityGroup: existingGroup(stack),
    ...attributes,
  });
}

function expectAttributeError(attributes: Partial<FileSystemAttributes>, message: RegExp) {
  const build = () => synthStack((stack) => importFileSystem(stack, attributes));
  expect(build).toThrow(WebStackError);
  expect(build).toThrow(message);
}

describe('FileSystem.fromFileSystemAttributes', () => {
  test('creates nothing; ID and ARN are those given', () => {
    let fileSystem: IFileSystem | undefined;
    const json = synthStack((stack) => {
      fileSystem = importFileSystem(stack);
    });
    expect(json.resource ?? {}).toEqual({});
    expect([fileSystem!.fileSystemId, fileSystem!.fileSystemArn]).toEqual([ID, ARN]);
  });

  test('allowDefaultPortFrom opens NFS (2049) on the given group', () => {
    const json = synthStack((stack) => {
      const fileSystem = importFileSystem(stack);
      const web = { connections: new Connections({ securityGroup: existingGroup(stack, 'web-sg', WEB_GROUP_ID) }) };
      fileSystem.connections.allowDefaultPortFrom(web, 'NFS from the app servers');
    });
    expect(rulesOn(json, EXISTING_GROUP_ID).ingress).toEqual([
      expect.objectContaining({
        referenced_security_group_id: WEB_GROUP_ID,
        from_port: 2049,
        to_port: 2049,
        description: 'NFS from the app servers',
      }),
    ]);
  });

  test('grantMount lets the grantee mount and write; readOnly mount only', () => {
    const json = synthStack((stack) => {
      const fileSystem = importFileSystem(stack, { name: 'shared-files' });
      fileSystem.grantMount(new InstanceRole(stack, 'web', { name: 'web' }));
      fileSystem.grantMount(new InstanceRole(stack, 'reports', { name: 'reports' }), { readOnly: true });
    });
    const policies = Object.values(json.resource.aws_iam_role_policy) as Array<Record<string, string>>;
    expect(policies.map((policy) => [policy.name, JSON.parse(policy.policy).Statement])).toEqual([
      [
        'shared-files-efs-mount',
        [
          {
            Sid: 'MountFileSystem',
            Effect: 'Allow',
            Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
            Resource: ARN,
          },
        ],
      ],
      [
        'shared-files-efs-mount-read',
        [{ Sid: 'MountFileSystem', Effect: 'Allow', Action: ['elasticfilesystem:ClientMount'], Resource: ARN }],
      ],
    ]);
  });

  test('an ID and ARN known only at apply are accepted', () => {
    const json = synthStack((stack) => {
      const id = new TerraformVariable(stack, 'fs_id', { type: 'string' });
      const arn = new TerraformVariable(stack, 'fs_arn', { type: 'string' });
      importFileSystem(stack, { fileSystemId: id.stringValue, fileSystemArn: arn.stringValue });
    });
    expect(Object.keys(json.variable)).toEqual(['fs_id', 'fs_arn']);
  });

  test('error: fileSystemId that is not an EFS ID', () => {
    expectAttributeError(
      { fileSystemId: 'fs-xyz' },
      /fileSystemId "fs-xyz" is not an EFS file system ID; use the form fs-0123456789abcdef0/,
    );
  });

  test('error: fileSystemArn that is not an EFS ARN', () => {
    expectAttributeError({ fileSystemArn: 'arn:aws:s3:::bucket' }, /fileSystemArn "arn:aws:s3:::bucket" is not an EFS file system ARN/);
  });

  test('error: an ID and ARN of two file systems', () => {
    expectAttributeError(
      { fileSystemId: 'fs-0fedcba9876543210' },
      /fileSystemArn ".*" does not end with fileSystemId "fs-0fedcba9876543210"/,
    );
  });

  test('error: an empty name', () => {
    expectAttributeError({ name: ' ' }, /name is empty; name the file system for its policies/);
  });
});

describe('FileSystem.grantMount', () => {
  test('a file system this library creates grants mount on its own ARN, named after it', () => {
    const json = synthStack((stack) => {
      const fileSystem = new FileSystem(stack, 'efs', {
        name: 'web-dev',
        network: {
          vpcId: 'vpc-0123456789abcdef0',
          vpcCidrBlock: '10.0.0.0/16',
          availabilityZones: ['eu-west-1a'],
          publicSubnetIds: {},
          privateSubnetIds: { 'eu-west-1a': 'subnet-a' },
          publicRouteTableIds: {},
          privateRouteTableIds: {},
        },
      });
      fileSystem.grantMount(new InstanceRole(stack, 'web', { name: 'web' }));
    });
    const policy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(policy.name).toBe('web-dev-efs-mount');
    expect(JSON.parse(policy.policy).Statement[0].Resource).toBe(
      ref('aws_efs_file_system', onlyResourceOf(json, 'aws_efs_file_system'), 'arn'),
    );
  });
});
