import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planStackOffline } from '../../harness/offline-plan';

describe('offline plan without a separate validate', () => {
  test('an invalid configuration fails the plan with one readable line per error', async () => {
    // GIVEN a stack whose VPC has an argument the provider does not know
    const stackDir = fs.mkdtempSync(path.join(os.tmpdir(), 'invalid-stack-'));
    const stack = {
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
      provider: { aws: [{ region: 'eu-west-1' }] },
      resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16', colour: 'blue' } } },
    };
    fs.writeFileSync(path.join(stackDir, 'cdk.tf.json'), JSON.stringify(stack));
    // THEN plan (which validates) names the error, the resource and the file
    await expect(planStackOffline(stackDir)).rejects.toThrow(
      /terraform plan failed in .*:\nerror: Extraneous JSON object property at cdk\.tf\.json:\d+ - No argument or block type is named "colour"\./,
    );
  }, 120_000);
});
