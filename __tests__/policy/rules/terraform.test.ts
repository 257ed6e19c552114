import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { enablePolicyChecks, PolicyChecksOptions } from '../../../policy/policy-checks';
import { lowestAllowedVersion } from '../../../policy/rules/terraform/TerraformRequiredVersion';

/** A stack built by hand (no BaseStack), so each setting can be left out on purpose. */
function check(build: (stack: TerraformStack) => void, options: PolicyChecksOptions = {}): string[] {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  const checks = enablePolicyChecks(stack, { writeReports: false, ...options });
  Testing.synth(stack);
  return (checks.resultOf(stack)?.findings ?? [])
    .filter((f) => f.ruleId.startsWith('WS-TF-'))
    .map((f) => `${f.ruleId} ${f.resourceAddress}${f.message.includes('cannot judge') ? ' unresolved' : ''}`);
}

describe('WS-TF-1: required_version', () => {
  test('noncompliance: a stack without required_version, and one that admits Terraform 1.9', () => {
    expect(check((stack) => new AwsProvider(stack, 'aws', { region: 'eu-west-1' }))).toEqual(['WS-TF-1 terraform']);
    expect(
      check((stack) => {
        new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
        stack.addOverride('terraform.required_version', '>= 1.5, < 2.0');
      }),
    ).toEqual(['WS-TF-1 terraform']);
  });

  test('compliance: >= 1.10 and ~> 1.11 set a floor of 1.10 or newer', () => {
    for (const constraint of ['>= 1.10', '~> 1.11', '>= 1.10.0, < 2.0.0', '1.11.4']) {
      expect(
        check((stack) => {
          new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
          stack.addOverride('terraform.required_version', constraint);
        }),
      ).toEqual([]);
    }
  });

  test('a constraint that is a Terraform expression cannot be judged and is an error', () => {
    expect(
      check((stack) => {
        new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
        stack.addOverride('terraform.required_version', '${var.version}');
      }),
    ).toEqual(['WS-TF-1 terraform unresolved']);
  });

  test('the floor of a constraint follows Terraform: > bumps the patch, < and != set none', () => {
    expect(lowestAllowedVersion('>= 1.10')).toEqual([1, 10, 0]);
    expect(lowestAllowedVersion('> 1.9.8')).toEqual([1, 9, 9]);
    expect(lowestAllowedVersion('< 2.0, != 1.10.1')).toBeUndefined();
    expect(lowestAllowedVersion('>= 1.8, >= 1.10.2')).toEqual([1, 10, 2]);
  });
});

describe('WS-TF-2: allowed_account_ids', () => {
  const pinned = (stack: TerraformStack) => stack.addOverride('terraform.required_version', '>= 1.10');

  test('noncompliance: with an account configured, a provider without the pin, and an aliased one pinned elsewhere', () => {
    expect(
      check(
        (stack) => {
          pinned(stack);
          new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
          new AwsProvider(stack, 'east', { region: 'us-east-1', alias: 'east', allowedAccountIds: ['210987654321'] });
        },
        { accountId: '123456789012' },
      ),
    ).toEqual(['WS-TF-2 provider.aws', 'WS-TF-2 provider.aws.east']);
  });

  test('noncompliance without the option: one provider pinned, its aliased sibling not', () => {
    expect(
      check((stack) => {
        pinned(stack);
        new AwsProvider(stack, 'aws', { region: 'eu-west-1', allowedAccountIds: ['123456789012'] });
        new AwsProvider(stack, 'east', { region: 'us-east-1', alias: 'east' });
      }),
    ).toEqual(['WS-TF-2 provider.aws.east']);
  });

  test('compliance: every provider lists the account; without any account nothing is judged', () => {
    expect(
      check(
        (stack) => {
          pinned(stack);
          new AwsProvider(stack, 'aws', { region: 'eu-west-1', allowedAccountIds: ['123456789012'] });
          new AwsProvider(stack, 'east', { region: 'us-east-1', alias: 'east', allowedAccountIds: ['123456789012'] });
        },
        { accountId: '123456789012' },
      ),
    ).toEqual([]);
    expect(
      check((stack) => {
        pinned(stack);
        new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      }),
    ).toEqual([]);
  });
});
