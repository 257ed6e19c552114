import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { checkStack, openOf } from '../support';

describe('EFS rules', () => {
  test('WS-EFS-1: an encrypted file system complies, an unencrypted one does not', () => {
    const checked = checkStack((stack) => {
      new EfsFileSystem(stack, 'encrypted', { encrypted: true });
      new EfsFileSystem(stack, 'plain', {});
    });
    expect(openOf(checked, 'WS-EFS-1')).toEqual(['WS-EFS-1 aws_efs_file_system.plain']);
  });
});
