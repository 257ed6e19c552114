import { createHash } from 'crypto';
import { Fn } from 'cdktf';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { measureUserData } from '../../../policy/rules/ec2/user-data-size';
import { USER_DATA_LIMIT_BYTES } from '../../../policy/rules/ec2/Ec2UserDataSize';
import { checkStack, openOf } from '../support';

const METADATA = { httpTokens: 'required', httpEndpoint: 'enabled' };

describe('WS-EC2-4: user data within 16 KB', () => {
  test('noncompliance: a launch template whose script is 16 KB plus one byte, and one whose references push it over', () => {
    const checked = checkStack((stack) => {
      new LaunchTemplate(stack, 'big', { userData: Fn.base64encode('#'.repeat(USER_DATA_LIMIT_BYTES + 1)), metadataOptions: METADATA });
      // 16,300 bytes of text plus two secret ARNs, each up to 72 characters longer than its name: 16,455.
      const first = new SecretsmanagerSecret(stack, 'first', { name: 'first' });
      const second = new SecretsmanagerSecret(stack, 'second', { name: 'second' });
      new LaunchTemplate(stack, 'refs', {
        userData: Fn.base64encode(Fn.join('', ['#'.repeat(16_300), first.arn, second.arn])),
        metadataOptions: METADATA,
      });
    });
    expect(openOf(checked, 'WS-EC2-4')).toEqual(['WS-EC2-4 aws_launch_template.big', 'WS-EC2-4 aws_launch_template.refs']);
    expect(checked.open.find((f) => f.ruleId === 'WS-EC2-4')?.message).toMatch(/user_data renders to up to 16385 bytes/);
  });

  test('compliance: exactly 16 KB, a literal base64 script, raw instance user data, secret ARNs bounded by their names', () => {
    const checked = checkStack((stack) => {
      // 16,228 bytes of text + (72 + 5) + (72 + 6) = 16,383: within the limit, where ARNs counted at 2048 would not be.
      const first = new SecretsmanagerSecret(stack, 'first', { name: 'first' });
      const second = new SecretsmanagerSecret(stack, 'second', { name: 'second' });
      new LaunchTemplate(stack, 'named', {
        userData: Fn.base64encode(Fn.join('', ['#'.repeat(16_228), first.arn, second.arn])),
        metadataOptions: METADATA,
      });
      new LaunchTemplate(stack, 'limit', { userData: Fn.base64encode('#'.repeat(USER_DATA_LIMIT_BYTES)), metadataOptions: METADATA });
      new LaunchTemplate(stack, 'literal', {
        userData: Buffer.from('#!/bin/bash\necho hi\n').toString('base64'),
        metadataOptions: METADATA,
      });
      new Instance(stack, 'raw', { ami: 'ami-1', instanceType: 't3.micro', userData: '#!/bin/bash\necho hi\n', metadataOptions: METADATA });
    });
    expect(openOf(checked, 'WS-EC2-4')).toEqual([]);
  });

  test('base64gzip is measured by what is sent: the compressed bytes, references as incompressible text at their bound', () => {
    // GIVEN 43 KB of shell that compresses well, and 24 KB of random base64 (6 bits a character) that compresses little
    const compressible = 'echo wordpress-user-data: step\n'.repeat(1400);
    let random = '';
    for (let i = 0; random.length < 1.5 * USER_DATA_LIMIT_BYTES; i++) random += createHash('sha256').update(String(i)).digest('base64');
    const checked = checkStack((stack) => {
      const secret = new SecretsmanagerSecret(stack, 'secret', { name: 'boot' });
      new LaunchTemplate(stack, 'small', { userData: Fn.base64gzip(Fn.join('', [compressible, secret.arn])), metadataOptions: METADATA });
      new LaunchTemplate(stack, 'incompressible', { userData: Fn.base64gzip(random), metadataOptions: METADATA });
    });
    // THEN the compressible script passes though its text is over 16 KB; the incompressible one fails
    expect(compressible.length).toBeGreaterThan(2 * USER_DATA_LIMIT_BYTES);
    expect(openOf(checked, 'WS-EC2-4')).toEqual(['WS-EC2-4 aws_launch_template.incompressible']);
    expect(checked.open.find((f) => f.ruleId === 'WS-EC2-4')?.message).toMatch(
      /user_data compresses to up to \d+ bytes \(gzip of 24\d{3} bytes/,
    );
    const measured = measureUserData(
      `\${base64gzip(join("", [${JSON.stringify(compressible)}, aws_efs_file_system.fs.id]))}`,
      'user_data',
      true,
    );
    expect(measured).toMatchObject({ compressed: true, literalBytes: compressible.length, references: ['aws_efs_file_system.fs.id'] });
    expect(measured!.maxBytes).toBeLessThan(1024);
  });

  test('a script the rule cannot measure (templatefile, base64gzip) is an error, not a pass', () => {
    const checked = checkStack((stack) => {
      new LaunchTemplate(stack, 'file', { userData: '${base64encode(templatefile("boot.sh", {}))}', metadataOptions: METADATA });
    });
    expect(checked.open.filter((f) => f.ruleId === 'WS-EC2-4').map((f) => f.message)).toEqual([expect.stringMatching(/cannot judge/)]);
  });

  test('the measure decodes Terraform escapes and counts UTF-8 bytes and join separators', () => {
    expect(measureUserData('${base64encode(join("", ["a\\nb", "$${HOME}", "é"]))}', 'user_data', true)).toEqual({
      literalBytes: 3 + 7 + 2,
      references: [],
      maxBytes: 12,
    });
    expect(measureUserData('${join("--", ["a", aws_efs_file_system.fs.id, "b"])}', 'user_data', false)).toEqual({
      literalBytes: 2 + 4,
      references: ['aws_efs_file_system.fs.id'],
      maxBytes: 6 + 255,
    });
    expect(measureUserData('echo ${aws_db_instance.db.address}', 'user_data', false)?.maxBytes).toBe(5 + 253);
  });
});
