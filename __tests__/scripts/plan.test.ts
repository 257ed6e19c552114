import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSynthesizedApp } from '../../harness/synth';
import { TerraformCommandError } from '../../harness/terraform-cli';
import {
  credentialsProblem,
  describe as describeError,
  environmentStacks,
  parseArguments,
  PlanError,
  policyFindings,
} from '../../scripts/plan';

function fakeOutdir(
  stacks: Record<string, Record<string, unknown>>,
  manifestStacks: Record<string, unknown> = Object.fromEntries(Object.keys(stacks).map((s) => [s, {}])),
): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-script-'));
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  }
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: manifestStacks }));
  return outdir;
}

const s3 = (key: string) => ({ terraform: { backend: { s3: { bucket: 'b', key } } } });

describe('plan script arguments', () => {
  test('an environment alone plans online into cdktf.out', () => {
    expect(parseArguments(['dev'])).toEqual({ environment: 'dev', offline: false, apply: false, outdir: path.resolve('cdktf.out') });
  });

  test('--offline and --outdir are read in any order', () => {
    expect(parseArguments(['--offline', 'prod', '--outdir', '/tmp/x'])).toEqual({
      environment: 'prod',
      offline: true,
      apply: false,
      outdir: '/tmp/x',
    });
  });

  test('no environment is an error showing the usage', () => {
    expect(() => parseArguments(['--offline'])).toThrow(/No environment given\. Usage: npm run plan -- <environment> \[--offline\]/);
  });

  test('two environments are an error naming both', () => {
    expect(() => parseArguments(['dev', 'prod'])).toThrow(/one environment at a time; got "dev" and "prod"/);
  });

  test('an unknown option is an error naming it', () => {
    expect(() => parseArguments(['dev', '--ofline'])).toThrow(PlanError);
    expect(() => parseArguments(['dev', '--ofline'])).toThrow(/Unknown option "--ofline"/);
  });

  test('--outdir without a directory is an error', () => {
    expect(() => parseArguments(['dev', '--outdir'])).toThrow(/--outdir needs a directory/);
  });

  test('--apply with --offline is refused', () => {
    expect(() => parseArguments(['dev', '--apply', '--offline'])).toThrow(/--apply needs the real backend/);
  });
});

describe('environment stacks', () => {
  test('picks the stacks whose state lives under the environment, or named after it, and not the state stack', () => {
    const outdir = fakeOutdir({
      state: {},
      dev: s3('environments/dev/main.tfstate'),
      'dev-website': {},
      'edge-dev': s3('environments/dev/edge.tfstate'),
      development: s3('environments/development/main.tfstate'),
    });
    expect(environmentStacks(readSynthesizedApp(outdir), 'dev')).toEqual(['dev', 'dev-website', 'edge-dev']);
  });

  test('stack directories left by an earlier synth are ignored', () => {
    const outdir = fakeOutdir({ dev: s3('environments/dev/main.tfstate'), 'dev-old': {} }, { dev: {} });
    expect(environmentStacks(readSynthesizedApp(outdir), 'dev')).toEqual(['dev']);
  });
});

describe('policy findings from the manifest', () => {
  test('annotations of the chosen stacks become findings with their level and rule ID', () => {
    const outdir = fakeOutdir(
      {},
      {
        dev: {
          annotations: [
            { constructPath: 'dev/network', level: '@cdktf/warn', message: '[WS-VPC-1] VPC has no flow logs; enable flowLogs' },
            { constructPath: 'dev/site', level: '@cdktf/info', message: 'plain note' },
          ],
        },
        prod: { annotations: [{ constructPath: 'prod/x', level: '@cdktf/warn', message: 'not asked for' }] },
      },
    );
    expect(policyFindings(outdir, ['dev'])).toEqual([
      { stack: 'dev', level: 'warning', ruleId: 'WS-VPC-1', resource: 'dev/network', message: 'VPC has no flow logs; enable flowLogs' },
      { stack: 'dev', level: 'info', resource: 'dev/site', message: 'plain note' },
    ]);
  });

  test("the policy pack's report, when written, gives the open findings with rule IDs and addresses", () => {
    const outdir = fakeOutdir(
      { dev: {} },
      { dev: { annotations: [{ constructPath: 'dev/x', level: '@cdktf/warn', message: 'the same, as an annotation' }] } },
    );
    fs.writeFileSync(
      path.join(outdir, 'stacks', 'dev', 'policy-report.json'),
      JSON.stringify({
        findings: [
          {
            ruleId: 'S3-2',
            severity: 'warning',
            status: 'open',
            resource: 'aws_s3_bucket.site',
            constructPath: 'dev/site/bucket',
            message: 'bucket has no lifecycle rule',
          },
          {
            ruleId: 'S3-1',
            severity: 'error',
            status: 'suppressed',
            resource: 'aws_s3_bucket.site',
            constructPath: 'dev/site/bucket',
            message: 'public bucket',
          },
          { ruleId: 'VPC-1', severity: 'error', status: 'open', resource: null, constructPath: 'dev/network', message: 'no flow logs' },
        ],
      }),
    );
    expect(policyFindings(outdir, ['dev'])).toEqual([
      { stack: 'dev', level: 'warning', ruleId: 'S3-2', resource: 'aws_s3_bucket.site', message: 'bucket has no lifecycle rule' },
      { stack: 'dev', level: 'error', ruleId: 'VPC-1', resource: 'dev/network', message: 'no flow logs' },
    ]);
  });

  test('no manifest means no findings', () => {
    expect(policyFindings(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-script-')), ['dev'])).toEqual([]);
  });
});

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
