import { TerraformCommandError } from '../../../harness/terraform-cli';
import { credentialsProblem, describe as describeError } from '../../../scripts/plan/failures';

describe('error paragraphs', () => {
  test("terraform's boxed diagnostics become one line", () => {
    const error = new TerraformCommandError(
      ['init'],
      1,
      '',
      '╷\n│ Error: No valid credential sources found\n│ \n│ Please see the provider docs.\n╵\n',
    );
    expect(describeError(error)).toBe('Error: No valid credential sources found Please see the provider docs.');
  });

  test('a credentials failure becomes a paragraph that says what is missing and offers --offline', () => {
    const error = new TerraformCommandError(['init'], 1, '', '╷\n│ Error: No valid credential sources found\n╵\n');
    const message = credentialsProblem(error, 'dev', 'dev');
    expect(message).toMatch(
      /^No usable AWS credentials: stack "dev" .*\(No valid credential sources found\)\. Provide them with AWS_PROFILE/,
    );
    expect(message).toContain('npm run plan -- dev --offline');
    expect(message).not.toContain('\n');
  });

  test('expired or invalid credentials are credentials problems too; other failures are not', () => {
    const expired = new TerraformCommandError(
      ['plan'],
      1,
      '',
      'Error: ExpiredToken: The security token included in the request is expired',
    );
    expect(credentialsProblem(expired, 'dev-website', 'dev')).toMatch(/^No usable AWS credentials: stack "dev-website"/);
    const other = new TerraformCommandError(['plan'], 1, '', 'Error: Unsupported argument');
    expect(credentialsProblem(other, 'dev', 'dev')).toBeUndefined();
  });
});
