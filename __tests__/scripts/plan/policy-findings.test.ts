import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { policyFindings } from '../../../scripts/plan/policy-findings';
import { fakeOutdir } from './support';

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
