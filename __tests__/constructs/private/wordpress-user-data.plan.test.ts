import { App, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { renderWordPressUserData, wordPressUserDataBase64, WordPressUserDataValues } from '../../../constructs/private/wordpress-user-data';
import { synthesizeToTemp } from '../../../harness/synth';
import { planStack } from '../../support/plans';

const VALUES: WordPressUserDataValues = {
  fileSystemId: 'fs-0123456789abcdef0',
  dbHost: 'web-dev.abcdefghijkl.eu-west-1.rds.amazonaws.com',
  dbName: 'wordpress',
  dbMasterSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf',
  dbAppSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:web-dev-wordpress-db-user-20260101000000000000000001-AbCdEf',
  adminSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:web-dev-wordpress-admin-20260101000000000000000002-AbCdEf',
  wordpressVersion: '7.1.0',
  wordpressSha1: 'e0ca593bc062f7a8c5a956ca44aff7375b0841e0',
  siteUrl: 'https://web-dev-1234567890.eu-west-1.elb.amazonaws.com',
  siteTitle: 'Jo\'s "blog" — $HOME `id`',
  adminUser: 'siteadmin',
  adminEmail: 'admin@example.com',
  caBundleUrl: 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem',
  caBundleSha256: '83fe4e0d026bae52ddaefca95aac0733d1be2fb6ebeec4434fc33d55d0929aa1',
};

describe('WordPress user data through Terraform', () => {
  test('Terraform decodes to exactly the script rendered in TypeScript, token values included', async () => {
    // GIVEN a stack whose output is the user data, with one value arriving as a Terraform reference
    const app = synthesizeToTemp((outdir) => {
      const synthApp = new App({ outdir });
      const stack = new TerraformStack(synthApp, 'userdata');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const fileSystemId = new TerraformLocal(stack, 'file_system_id', VALUES.fileSystemId);
      new TerraformOutput(stack, 'user_data', { value: wordPressUserDataBase64({ ...VALUES, fileSystemId: fileSystemId.asString }) });
      return synthApp;
    });
    // WHEN Terraform plans it
    const plan = await planStack(app, 'userdata');
    // THEN shell ${…}, %{…} and backslashes survive byte for byte
    const encoded = plan.planned_values.outputs?.user_data?.value as string;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    expect(decoded).toBe(renderWordPressUserData(VALUES));
    expect(decoded).toContain('"${aws:AutoScalingGroupName}"');
    expect(decoded).toContain("readonly FILE_SYSTEM_ID='fs-0123456789abcdef0'");
    expect(decoded).toContain(`SITE_TITLE=$(echo '${Buffer.from(VALUES.siteTitle).toString('base64')}' | base64 -d)`);
  });
});
