import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planStackOffline } from '../../harness/offline-plan';
import { planStacksOffline } from '../../harness/plan-batch';
import { TerraformPlan } from '../../harness/plan-json';

const PROVIDERS = { aws: { source: 'hashicorp/aws', version: '5.100.0' } };

/** Writes a stack directory the way cdktf does: cdk.tf.json plus an assets folder. */
function writeStack(stack: Record<string, unknown>, asset?: { path: string; content: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-stack-'));
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack));
  if (asset) {
    fs.mkdirSync(path.dirname(path.join(dir, asset.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, asset.path), asset.content);
  }
  return dir;
}

/** Object keys sorted at every level, so plans compare by content rather than key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
const content = (plan: TerraformPlan) =>
  canonical({ planned_values: plan.planned_values, resource_changes: plan.resource_changes, configuration: plan.configuration });

describe('planning several stacks in one Terraform run', () => {
  // A stack with what a synthesized stack has: a remote backend, an aliased provider with
  // default tags, an asset read by path, a data source swapped for its offline stand-in, and
  // outputs, one of them sensitive.
  const website = {
    terraform: { required_providers: PROVIDERS, backend: { s3: { bucket: 'state', key: 'site.tfstate', region: 'eu-west-1' } } },
    provider: {
      aws: [
        { region: 'eu-west-1', default_tags: [{ tags: { Project: 'batch' } }] },
        { alias: 'us', region: 'us-east-1' },
      ],
    },
    data: { aws_elastic_beanstalk_solution_stack: { node: { name_regex: '^64bit .* Node.js 22$', most_recent: true } } },
    resource: {
      aws_s3_bucket: { site: { bucket: 'batch-site' }, logs: { provider: 'aws.us', bucket: 'batch-logs' } },
      aws_s3_object: {
        page: { bucket: '${aws_s3_bucket.site.bucket}', key: 'index.html', source: 'assets/site/ABC/index.html', etag: 'x' },
      },
      aws_ssm_parameter: {
        platform: { name: '/batch/platform', type: 'String', value: '${data.aws_elastic_beanstalk_solution_stack.node.name}' },
      },
    },
    output: { bucket: { value: '${aws_s3_bucket.site.bucket}' }, secret: { value: 'hidden', sensitive: true } },
  };
  const network = {
    terraform: { required_providers: PROVIDERS, backend: { s3: { bucket: 'state', key: 'net.tfstate', region: 'eu-west-1' } } },
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } },
    output: { vpc_cidr: { value: '${aws_vpc.main.cidr_block}' } },
  };

  test("each stack's part of the combined plan is what planning the stack alone gives", async () => {
    const websiteDir = writeStack(website, { path: 'assets/site/ABC/index.html', content: '<h1>hi</h1>' });
    const networkDir = writeStack(network);
    const [websitePlan, networkPlan] = await planStacksOffline([websiteDir, networkDir]);
    const { plan: alone, workDir } = await planStackOffline(websiteDir);
    fs.rmSync(workDir, { recursive: true, force: true });

    expect(content(websitePlan)).toEqual(content(alone));
    expect(websitePlan.planned_values.outputs?.secret).toMatchObject({ sensitive: true });
    expect(networkPlan.planned_values.outputs?.vpc_cidr).toMatchObject({ value: '10.0.0.0/16' });
    expect((networkPlan.resource_changes ?? []).map((change) => change.address)).toEqual(['aws_vpc.main']);
    expect(Object.keys(networkPlan.configuration.provider_config ?? {})).toEqual(['aws']);
  }, 300_000);

  test("when the combined plan fails, the error is the failing stack's own, naming its file", async () => {
    const invalid = writeStack({ ...network, resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16', colour: 'blue' } } } });
    await expect(planStacksOffline([invalid, writeStack(network)])).rejects.toThrow(
      /terraform plan failed in .*:\nerror: Extraneous JSON object property at cdk\.tf\.json:\d+ - No argument or block type is named "colour"\./,
    );
  }, 300_000);
});
