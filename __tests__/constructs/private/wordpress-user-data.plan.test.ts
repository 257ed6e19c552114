import { App, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { renderWordPressUserData, wordPressUserDataBase64 } from '../../../constructs/private/wordpress-user-data';
import { VALUES } from './wordpress-user-data-values';
import { synthesizeToTemp } from '../../../harness/synth';
import { planStack } from '../../support/plans';

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
