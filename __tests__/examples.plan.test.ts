// The examples/ programs are consumer code importing the package by name (Node resolves
// "aws-web-stack" to this repository's own dist/ through package.json "exports"). Each is
// compiled with examples/tsconfig.json, run with node, and planned offline like a stack. dist/
// is brought up to date once by the tests' global setup.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { plannedResources, TerraformPlan } from '../harness/plan-json';
import { readSynthesizedApp, SynthesizedApp } from '../harness/synth';
import { planStacks } from './support/plans';

const root = path.resolve(__dirname, '..');

async function run(file: string, args: string[]): Promise<void> {
  try {
    await promisify(execFile)(file, args, { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, { cause: error });
  }
}

// Consumer programs are the folders with a main.ts.
const examples = fs
  .readdirSync(path.join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, 'examples', entry.name, 'main.ts')))
  .map((entry) => entry.name)
  .sort();
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
const synthesized: Record<string, SynthesizedApp> = {};
const plans: Record<string, TerraformPlan> = {};

beforeAll(async () => {
  await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'examples')]);
  for (const example of examples) {
    await run(process.execPath, [path.join(root, 'examples', 'dist', example, 'main.js'), path.join(outdir, example)]);
    synthesized[example] = readSynthesizedApp(path.join(outdir, example));
  }
  const planned = await planStacks(examples.map((example) => [synthesized[example], example] as const));
  examples.forEach((example, index) => (plans[example] = planned[index]));
}, 600_000);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('examples/', () => {
  test('has the network-only and static-website examples, each with a README and one stack named after it', () => {
    expect(examples).toEqual(expect.arrayContaining(['network-only', 'static-website']));
    for (const example of examples) {
      expect(fs.existsSync(path.join(root, 'examples', example, 'README.md'))).toBe(true);
      expect(synthesized[example].stacks).toEqual([example]);
    }
  });

  test('examples import the package by its name, not by relative paths into the sources', () => {
    for (const example of examples) {
      const source = fs.readFileSync(path.join(root, 'examples', example, 'main.ts'), 'utf8');
      expect(source).toMatch(/from 'aws-web-stack'/);
      expect(source).not.toMatch(/from '\.\.\//);
    }
  });

  test('network-only plans a three-zone VPC with a NAT gateway per zone and nothing else', () => {
    const plan = plans['network-only'];
    expect(plannedResources(plan, 'aws_vpc').map((vpc) => vpc.values.cidr_block)).toEqual(['10.42.0.0/16']);
    expect(plannedResources(plan, 'aws_subnet')).toHaveLength(6);
    expect(plannedResources(plan, 'aws_nat_gateway')).toHaveLength(3);
    expect(plannedResources(plan, 'aws_instance')).toHaveLength(0);
    expect(plannedResources(plan, 'aws_vpc')[0].values.tags_all).toMatchObject({ Example: 'network-only', Name: 'example-network' });
  });

  test('static-website plans the site bucket named after its domain, the redirect bucket and the uploaded pages', () => {
    const plan = plans['static-website'];
    const buckets = plannedResources(plan, 'aws_s3_bucket')
      .map((bucket) => bucket.values.bucket)
      .sort();
    expect(buckets).toEqual(['example-bakery.com', 'www.example-bakery.com']);
    const objects = plannedResources(plan, 'aws_s3_object')
      .map((object) => [object.values.key, object.values.content_type])
      .sort();
    expect(objects).toEqual([
      ['error.html', 'text/html; charset=utf-8'],
      ['index.html', 'text/html; charset=utf-8'],
    ]);
    expect(plannedResources(plan, 'aws_vpc')).toHaveLength(0);
  });

  test('wordpress-existing-vpc plans WordPress and its operations into the VPC given by IDs, creating no network', () => {
    const plan = plans['wordpress-existing-vpc'];
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_internet_gateway', 'aws_route_table']) {
      expect([type, plannedResources(plan, type).length]).toEqual([type, 0]);
    }
    const vpcId = 'vpc-0a1b2c3d4e5f60718';
    expect([...plannedResources(plan, 'aws_lb')[0].values.subnets].sort()).toEqual([
      'subnet-0aa11bb22cc33dd01',
      'subnet-0aa11bb22cc33dd02',
    ]);
    expect([...plannedResources(plan, 'aws_autoscaling_group')[0].values.vpc_zone_identifier].sort()).toEqual([
      'subnet-0ee44ff55aa66bb01',
      'subnet-0ee44ff55aa66bb02',
    ]);
    expect(new Set(plannedResources(plan, 'aws_security_group').map((group) => group.values.vpc_id))).toEqual(new Set([vpcId]));
    expect(plannedResources(plan, 'aws_flow_log').map((log) => log.values.vpc_id)).toEqual([vpcId]);
    expect(plannedResources(plan, 'aws_db_instance')[0].values).toMatchObject({ allocated_storage: 50, max_allocated_storage: 100 });
    expect(plannedResources(plan, 'aws_sns_topic')).toHaveLength(1);
    expect(plannedResources(plan, 'aws_cloudwatch_metric_alarm').length).toBeGreaterThan(3);
  });

  test('app-existing-database plans the app behind a load balancer, wired to the database given by IDs, creating no database', () => {
    const plan = plans['app-existing-database'];
    expect(plannedResources(plan, 'aws_db_instance')).toHaveLength(0);
    expect(plannedResources(plan, 'aws_vpc')).toHaveLength(0);
    // addTarget: a target group on the app's port with its health check
    const [targetGroup] = plannedResources(plan, 'aws_lb_target_group');
    expect(targetGroup.values).toMatchObject({ name: 'orders-app', port: 8080 });
    expect(targetGroup.values.health_check[0]).toMatchObject({ path: '/health', matcher: '200' });
    // ...and the security group path to the app on that port; MySQL on the existing database group
    const ingress = plannedResources(plan, 'aws_vpc_security_group_ingress_rule').map((rule) => [
      rule.values.description,
      rule.values.to_port,
    ]);
    expect(ingress).toEqual(
      expect.arrayContaining([
        ['App traffic from the load balancer', 8080],
        ['MySQL from the orders app', 3306],
      ]),
    );
    const mysql = plannedResources(plan, 'aws_vpc_security_group_ingress_rule').find((rule) => rule.values.to_port === 3306)!;
    expect(mysql.values.security_group_id).toBe('sg-0a0b0c0d0e0f01234');
    // grants: the database secret and the uploads bucket, each on the app's role
    const policies = Object.fromEntries(
      plannedResources(plan, 'aws_iam_role_policy').map((policy) => [policy.values.name, JSON.parse(policy.values.policy).Statement]),
    );
    expect(Object.keys(policies).sort()).toEqual([
      'acme-orders-uploads-123456789012-s3-read',
      'acme-orders-uploads-123456789012-s3-write',
      'orders-db-secret-read',
    ]);
    expect(policies['orders-db-secret-read']).toEqual([
      expect.objectContaining({
        Action: 'secretsmanager:GetSecretValue',
        Resource: expect.stringMatching(/^arn:aws:secretsmanager:.*:secret:rds!db-/),
      }),
    ]);
    expect(policies['acme-orders-uploads-123456789012-s3-read'][0]).toMatchObject({
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-orders-uploads-123456789012/*',
    });
  });
});
