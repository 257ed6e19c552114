// What the plan script says when terraform fails: one readable paragraph instead of terraform's
// boxed diagnostics, and for the most common failure, missing credentials, the way out.
import { TerraformCommandError } from '../../harness/terraform-cli';

/** What Terraform and the AWS SDK say when they find no usable credentials. */
const NO_CREDENTIALS =
  /No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|no EC2 IMDS role found|InvalidClientTokenId|ExpiredToken|The security token included in the request is (invalid|expired)|SSO session .* (expired|invalid)/;

/**
 * One paragraph for a plan that failed for want of AWS credentials: what is missing, how to
 * provide it, and the offline mode that needs none. Undefined for any other failure.
 */
export function credentialsProblem(error: unknown, stack: string, environment: string): string | undefined {
  const text = describe(error);
  const match = NO_CREDENTIALS.exec(text);
  if (!match) return undefined;
  return (
    `No usable AWS credentials: stack "${stack}" keeps its state in S3 and plans against the real account, ` +
    `so terraform needs credentials, and it found none that work (${match[0]}). ` +
    'Provide them with AWS_PROFILE (after `aws configure` or `aws sso login`), with AWS_ACCESS_KEY_ID and ' +
    'AWS_SECRET_ACCESS_KEY, or in CI through the OIDC role (docs/ci-plan.md). ' +
    `Or plan without AWS: npm run plan -- ${environment} --offline (local state and the provider mirror; everything shows as new).`
  );
}

/** Terraform's boxed diagnostics and multi-line errors as one paragraph. */
export function describe(error: unknown): string {
  const text =
    error instanceof TerraformCommandError
      ? error.stderr.trim() || error.stdout.trim() || error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return text
    .split('\n')
    .map((line) => line.replace(/^[\s╷│╵]+/, '').trim())
    .filter(Boolean)
    .join(' ');
}
