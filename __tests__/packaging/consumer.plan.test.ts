// Packs the library, installs the tarball into a fresh project with the consumer's own copies
// of the peers (offline: a lock file built from this repository's lets `npm ci --offline` take
// every tarball from the cache the repository's own `npm ci` filled), compiles a consumer stack against the shipped
// declarations, synthesizes it and plans it with Terraform. Proves the package is usable
// from another repository and that nothing is hard-wired to this one.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { plannedResources, TerraformPlan } from '../../harness/plan-json';
import { consumerLockfile } from '../support/consumer-lockfile';
import { planStackDirs } from '../support/plans';

/** Runs a command; a failure carries the command's output, which is where tsc and npm explain. */
async function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; maxBuffer?: number },
): Promise<{ stdout: string }> {
  try {
    return await promisify(execFile)(file, args, { maxBuffer: 64 * 1024 * 1024, ...options });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${options.cwd}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, { cause: error });
  }
}
const root = path.resolve(__dirname, '..', '..');
// Installing @cdktf/provider-aws (about 360 MB unpacked) dominates; allow for a busy machine.
const SETUP_TIMEOUT_MS = 600_000;

const CONSUMER_MAIN = `
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Network, NetworkProps, WordPress } from 'aws-web-stack';

const zones: NetworkProps['availabilityZones'] = {
  'us-east-2a': { publicCidr: '172.20.0.0/22', privateCidr: '172.20.16.0/20' },
  'us-east-2b': { publicCidr: '172.20.4.0/22', privateCidr: '172.20.32.0/20' },
};

class ShopStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-2' });
    const network = new Network(this, 'shop-network', { name: 'acme-shop', cidrBlock: '172.20.0.0/16', availabilityZones: zones, natGateways: 'perAz' });
    const blog = new WordPress(this, 'blog', { name: 'acme-blog', network });
    new TerraformOutput(this, 'vpc_id', { value: network.vpcId });
    new TerraformOutput(this, 'blog_url', { value: blog.siteUrl });
  }
}

const app = new App({ outdir: 'cdktf.out' });
new ShopStack(app, 'acme-shop');
app.synth();
`;

const CONSUMER_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'commonjs',
    moduleResolution: 'node',
    strict: true,
    skipLibCheck: true,
    outDir: 'dist',
    types: ['node'],
  },
  files: ['main.ts', 'existing-vpc.ts'],
};

describe('the packed library in a consumer project', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
  const consumer = path.join(work, 'consumer');
  let packed: string[];
  let stack: Record<string, any>;
  let plan: TerraformPlan;
  let existingVpcPlan: TerraformPlan;

  beforeAll(async () => {
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    packed = info.files.map((file) => file.path);

    fs.mkdirSync(consumer);
    const { packageJson, lockfile } = consumerLockfile({
      repoLockFile: path.join(root, 'package-lock.json'),
      consumerName: 'acme-infrastructure',
      tarball: { relative: `../${info.filename}`, absolute: path.join(work, info.filename) },
      // @types/node: the existing-VPC example reads its output folder from the command line.
      directDependencies: ['cdktf', 'constructs', '@cdktf/provider-aws', '@types/node'],
    });
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify(packageJson, null, 2));
    fs.writeFileSync(path.join(consumer, 'package-lock.json'), JSON.stringify(lockfile, null, 2));
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: consumer,
      maxBuffer: 64 * 1024 * 1024,
    });

    fs.writeFileSync(path.join(consumer, 'main.ts'), CONSUMER_MAIN);
    fs.copyFileSync(path.join(root, 'examples', 'wordpress-existing-vpc', 'main.ts'), path.join(consumer, 'existing-vpc.ts'));
    fs.writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', consumer], { cwd: consumer });
    const outdir = path.join(consumer, 'cdktf.out');
    await run(process.execPath, [path.join(consumer, 'dist', 'main.js')], {
      cwd: consumer,
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    const stackDir = path.join(outdir, 'stacks', 'acme-shop');
    stack = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    // The existing-VPC example, as another repository would run it against the installed tarball.
    const exampleOut = path.join(consumer, 'existing-vpc.out');
    await run(process.execPath, [path.join(consumer, 'dist', 'existing-vpc.js'), exampleOut], {
      cwd: consumer,
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    [plan, existingVpcPlan] = await planStackDirs([stackDir, path.join(exampleOut, 'stacks', 'wordpress-existing-vpc')]);
  }, SETUP_TIMEOUT_MS);

  afterAll(() => {
    if (process.env.KEEP_CONSUMER !== '1') fs.rmSync(work, { recursive: true, force: true });
  });

  test('the tarball ships the compiled entry point, declarations and runtime files, but no tests or app sources', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.d.ts',
        'dist/constructs/network.d.ts',
        'package.json',
        'README.md',
        'CHANGELOG.md',
      ]),
    );
    expect(packed.some((file) => file.startsWith('templates/'))).toBe(true);
    expect(packed.some((file) => file.startsWith('functions/'))).toBe(true);
    expect(
      packed.filter((file) => /__tests__|\.test\.|tsbuildinfo/.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts'))),
    ).toEqual([]);
  });

  test('every folder the constructs read at synth time (packageFile, functionSourceDir) is in the tarball', () => {
    const constructsDir = path.join(root, 'constructs');
    const sources = fs
      .readdirSync(constructsDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => fs.readFileSync(path.join(constructsDir, file), 'utf8'));
    const folders = sources.flatMap((text) => [
      ...[...text.matchAll(/packageFile\(((?:'[^']+',?\s*)+)\)/g)].map((match) =>
        [...match[1].matchAll(/'([^']+)'/g)].map((part) => part[1]).join('/'),
      ),
      ...[...text.matchAll(/functionSourceDir\('([^']+)'\)/g)].map((match) => `functions/${match[1]}`),
    ]);
    expect(folders).toEqual(expect.arrayContaining(['functions/health-check']));
    expect(folders.filter((folder) => !packed.some((file) => file.startsWith(`${folder}/`) || file === folder))).toEqual([]);
    expect(packed.some((file) => file.startsWith('templates/'))).toBe(true);
  });

  test('the consumer uses its own single copy of cdktf, not one nested in the library', () => {
    expect(fs.existsSync(path.join(consumer, 'node_modules', 'cdktf'))).toBe(true);
    expect(fs.existsSync(path.join(consumer, 'node_modules', 'aws-web-stack', 'node_modules', 'cdktf'))).toBe(false);
    expect(fs.existsSync(path.join(consumer, 'node_modules', 'aws-web-stack', 'node_modules', '@cdktf'))).toBe(false);
  });

  test("the consumer's own names and CIDRs reach the plan", () => {
    const vpc = plannedResources(plan, 'aws_vpc');
    expect(vpc).toHaveLength(1);
    expect(vpc[0].values).toMatchObject({ cidr_block: '172.20.0.0/16', tags: { Name: 'acme-shop' } });
    const subnets = plannedResources(plan, 'aws_subnet')
      .map((subnet) => [subnet.values.availability_zone, subnet.values.cidr_block])
      .sort();
    expect(subnets).toEqual([
      ['us-east-2a', '172.20.0.0/22'],
      ['us-east-2a', '172.20.16.0/20'],
      ['us-east-2b', '172.20.32.0/20'],
      ['us-east-2b', '172.20.4.0/22'],
    ]);
    expect(plannedResources(plan, 'aws_nat_gateway')).toHaveLength(2);
  });

  test("the WordPress tier plans inside the consumer's network", () => {
    for (const type of ['aws_lb', 'aws_autoscaling_group', 'aws_db_instance', 'aws_efs_file_system']) {
      expect([type, plannedResources(plan, type).length]).toEqual([type, 1]);
    }
    expect(plannedResources(plan, 'aws_lb')[0].values.name).toMatch(/^acme-blog/);
  });

  test("nothing of this repository's configuration leaks into the consumer's stack", () => {
    const text = JSON.stringify(stack);
    expect(text).not.toMatch(/web-stack|10\.0\.0\.0\/16|eu-west-1/);
    // cdktf's default local backend, not this repository's S3 state bucket.
    expect(Object.keys(stack.terraform.backend ?? {})).toEqual(['local']);
  });

  test('examples/wordpress-existing-vpc, built against the installed tarball, plans into the existing VPC', () => {
    expect(plannedResources(existingVpcPlan, 'aws_vpc')).toHaveLength(0);
    expect(plannedResources(existingVpcPlan, 'aws_lb')).toHaveLength(1);
    expect(plannedResources(existingVpcPlan, 'aws_flow_log').map((log) => log.values.vpc_id)).toEqual(['vpc-0a1b2c3d4e5f60718']);
    expect(plannedResources(existingVpcPlan, 'aws_cloudwatch_metric_alarm').length).toBeGreaterThan(3);
  });
});
