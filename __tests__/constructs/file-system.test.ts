import { testNetwork } from '../support/network';
import { WebStackError } from '../../core/errors';
import { FileSystem, FileSystemProps, TransitionToIa } from '../../constructs/file-system';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../support/synth';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';
import { Peer } from '../../constructs/peer';
import { TerraformOutput } from 'cdktf';

const SUBNETS = { 'eu-west-1b': 'subnet-b', 'eu-west-1a': 'subnet-a' };

function synthEfs(props: Partial<FileSystemProps> = {}) {
  return synthStack(
    (stack) => new FileSystem(stack, 'efs', { name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS, ...props }),
  );
}

describe('FileSystem', () => {
  test('defaults: encrypted, bursting, Infrequent Access after 30 days and back on first access', () => {
    const json = synthEfs();
    const efs = onlyResourceOf(json, 'aws_efs_file_system');
    expect(efs).toMatchObject({
      creation_token: 'web-dev',
      encrypted: true,
      performance_mode: 'generalPurpose',
      throughput_mode: 'bursting',
    });
    expect(efs.lifecycle_policy).toEqual([
      { transition_to_ia: 'AFTER_30_DAYS' },
      { transition_to_primary_storage_class: 'AFTER_1_ACCESS' },
    ]);
  });

  test('defaults: backups enabled', () => {
    const json = synthEfs();
    const backup = onlyResourceOf(json, 'aws_efs_backup_policy');
    expect(backup.backup_policy).toEqual({ status: 'ENABLED' });
    expect(backup.file_system_id).toBe(ref('aws_efs_file_system', onlyResourceOf(json, 'aws_efs_file_system')));
  });

  test('one mount target per private subnet, named after its zone, guarded by the file system group', () => {
    const json = synthEfs();
    expect(resourcesOf(json, 'aws_efs_mount_target')).toHaveLength(2);
    const group = onlyResourceOf(json, 'aws_security_group');
    for (const [zone, subnet] of Object.entries(SUBNETS)) {
      expect(resourceAtPath(json, 'aws_efs_mount_target', `efs/mount-target-${zone}`)).toMatchObject({
        subnet_id: subnet,
        security_groups: [ref('aws_security_group', group)],
      });
    }
  });

  test('removing a zone leaves the other mount target untouched', () => {
    const two = synthEfs();
    const one = synthEfs({ subnetIds: { 'eu-west-1a': 'subnet-a' } });
    const names = (json: any) => Object.keys(json.resource.aws_efs_mount_target);
    expect(names(two)).toEqual(expect.arrayContaining(names(one)));
  });

  test('its security group admits nothing until wired, and declares 2049 as its default port', () => {
    let efs: FileSystem | undefined;
    const json = synthStack((stack) => {
      efs = new FileSystem(stack, 'efs', { name: 'web-dev', network: testNetwork(stack), subnetIds: SUBNETS });
    });
    expect(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    expect(efs!.connections.defaultPort?.fromPort).toBe(2049);
  });

  test('an existing group given by ID guards the mount targets, and the NFS rule lands on that ID', () => {
    const json = synthStack((stack) => {
      const files = new FileSystem(stack, 'efs', { name: 'web-dev', network: testNetwork(stack), securityGroup: existingGroup(stack) });
      files.connections.allowDefaultPortFrom(Peer.ipv4('10.0.0.0/16'), 'NFS from the VPC');
    });
    expect(resourcesOf(json, 'aws_security_group')).toHaveLength(0);
    expect(resourcesOf(json, 'aws_efs_mount_target').map((target) => target.security_groups)).toEqual([
      [EXISTING_GROUP_ID],
      [EXISTING_GROUP_ID],
    ]);
    expect(rulesOn(json, EXISTING_GROUP_ID).ingress).toEqual([
      expect.objectContaining({ cidr_ipv4: '10.0.0.0/16', from_port: 2049, to_port: 2049, description: 'NFS from the VPC' }),
    ]);
  });

  test('its new security group has a description that names no client, unless one is given', () => {
    expect(onlyResourceOf(synthEfs(), 'aws_security_group').description).toBe('File system: NFS from its clients only');
    expect(
      onlyResourceOf(synthEfs({ securityGroupDescription: 'Shared uploads: NFS from the app' }), 'aws_security_group').description,
    ).toBe('Shared uploads: NFS from the app');
  });

  test('exposes fileSystemId and fileSystemArn', () => {
    const json = synthStack((stack) => {
      const files = new FileSystem(stack, 'efs', { name: 'web-dev', network: testNetwork(stack) });
      new TerraformOutput(stack, 'attributes', { value: [files.fileSystemId, files.fileSystemArn] });
    });
    const efs = onlyResourceOf(json, 'aws_efs_file_system');
    expect(json.output.attributes.value).toEqual([ref('aws_efs_file_system', efs), ref('aws_efs_file_system', efs, 'arn')]);
  });

  test('transitionToIa, enableBackups and throughputMode are applied', () => {
    const json = synthEfs({ transitionToIa: 'AFTER_7_DAYS', enableBackups: false, throughputMode: 'elastic' });
    const efs = onlyResourceOf(json, 'aws_efs_file_system');
    expect(efs.lifecycle_policy[0]).toEqual({ transition_to_ia: 'AFTER_7_DAYS' });
    expect(efs.throughput_mode).toBe('elastic');
    expect(onlyResourceOf(json, 'aws_efs_backup_policy').backup_policy).toEqual({ status: 'DISABLED' });
  });

  test('error: an unknown Infrequent Access transition', () => {
    const build = () => synthEfs({ transitionToIa: 'AFTER_2_DAYS' as TransitionToIa });
    expect(build).toThrow(WebStackError);
    expect(build).toThrow(/transitionToIa "AFTER_2_DAYS" is not allowed; use one of AFTER_1_DAY/);
  });

  test('error: no subnets', () => {
    expect(() => synthEfs({ subnetIds: {} })).toThrow(/subnetIds is empty/);
  });
});
