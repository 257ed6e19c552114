import { renderWordPressUserData } from '../../../constructs/private/wordpress-user-data';
import { VALUES } from './wordpress-user-data-values';
import { userDataFixture } from '../../support/plan-fixtures';
import { fixturePlan } from '../../support/plans';
import * as zlib from 'zlib';
import { GZIP_MARGIN_BYTES } from '../../../policy/rules/ec2/user-data-size';

describe('WordPress user data through Terraform', () => {
  test('Terraform compresses exactly the script rendered in TypeScript, token values included', async () => {
    // GIVEN a stack whose output is the user data of VALUES, with the file system ID arriving as a
    // Terraform reference (plan-fixtures.ts)
    // WHEN Terraform plans it
    const plan = await fixturePlan(userDataFixture, 'userdata');
    // THEN shell ${…}, %{…} and backslashes survive byte for byte
    const encoded = plan.planned_values.outputs?.user_data?.value as string;
    // base64gzip: cloud-init decompresses gzip user data before it runs it.
    const decoded = zlib.gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8');
    expect(decoded).toBe(renderWordPressUserData(VALUES));
    expect(decoded).toContain('"${aws:AutoScalingGroupName}"');
    expect(decoded).toContain("readonly FILE_SYSTEM_ID='fs-0123456789abcdef0'");
    expect(decoded).toContain(`SITE_TITLE=$(echo '${Buffer.from(VALUES.siteTitle).toString('base64')}' | base64 -d)`);
    // AND what Terraform sends (Go's gzip) is within the margin the size rule (WS-EC2-4) adds to Node's zlib
    const sent = Buffer.from(encoded, 'base64').length;
    expect(sent).toBeLessThanOrEqual(zlib.gzipSync(Buffer.from(decoded, 'utf8'), { level: 6 }).length + GZIP_MARGIN_BYTES);
  });
});
