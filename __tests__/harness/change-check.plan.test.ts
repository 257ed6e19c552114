// The offline change check on the project's app: the base is the app as synthesized; the current
// revision is a copy of its stacks changed as config and code changes would change them. One
// check plans them all side by side: dev (a subnet CIDR, the database name, prevent_destroy on the
// database, the file system's construct renamed, the bastion's instance type, a record reading a load balancer
// attribute the base never read), prod (the same rename, kept with a moved
// block) and dev-website (removed).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResourceChange, riskyChanges } from '../../harness/changes';
import { ChangeCheckResult, checkChanges, RISKY_EXIT_CODE } from '../../harness/change-check';
import { renderReport } from '../../harness/change-report';
import { synthesizeProject } from '../support/project';
import { copyStacks, editStack, renameResource, resourceName } from '../support/stack-edits';

const app = synthesizeProject();
const current = copyStacks(app.outdir, ['dev', 'prod']);
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'change-check-'));
const names: Record<string, string> = {};
let result: ChangeCheckResult;
const steps: string[] = [];
let stderr = '';

const inStack = (stack: string) => result.changes.filter((change) => change.stack === stack);
const at = (stack: string, address: string): ResourceChange => {
  const found = inStack(stack).find((change) => change.address === address);
  if (!found) throw new Error(`no change at ${stack}: ${address}`);
  return found;
};

beforeAll(async () => {
  editStack(current, 'dev', (json) => {
    names.subnet = resourceName(json, 'aws_subnet', 'network/private-eu-west-1a');
    names.subnetCidr = json.resource.aws_subnet[names.subnet].cidr_block;
    json.resource.aws_subnet[names.subnet].cidr_block = '10.0.99.0/24';
    names.database = resourceName(json, 'aws_db_instance', 'wordpress/database');
    json.resource.aws_db_instance[names.database].db_name = 'renamed';
    json.resource.aws_db_instance[names.database].lifecycle = {
      ...json.resource.aws_db_instance[names.database].lifecycle,
      prevent_destroy: true,
    };
    // A bastion with prior state whose launch template changes: the provider reads the template's
    // tags from EC2 (DescribeTags) while planning the instance.
    names.bastionTemplate = resourceName(json, 'aws_launch_template', 'bastion/launch-template');
    names.bastion = resourceName(json, 'aws_instance', 'bastion/Resource');
    json.resource.aws_launch_template[names.bastionTemplate].instance_type = 't3.small';
    // A record added in this revision reads the load balancer's zone_id, which the base never read.
    names.loadBalancer = resourceName(json, 'aws_lb', 'wordpress/load-balancer/Resource');
    json.resource.aws_route53_record = {
      ...json.resource.aws_route53_record,
      blog_alias: {
        zone_id: 'Z0000000000000DEVZONE',
        name: 'blog.dev.example.com',
        type: 'A',
        alias: {
          name: `\${aws_lb.${names.loadBalancer}.dns_name}`,
          zone_id: `\${aws_lb.${names.loadBalancer}.zone_id}`,
          evaluate_target_health: true,
        },
      },
    };
    names.devFiles = resourceName(json, 'aws_efs_file_system', 'wordpress/file-system');
    return renameResource(
      json,
      'aws_efs_file_system',
      names.devFiles,
      'wordpress_uploads_0A1B2C3D',
      'wordpress/file-system/',
      'wordpress/uploads/',
    );
  });
  editStack(current, 'prod', (json) => {
    names.prodFiles = resourceName(json, 'aws_efs_file_system', 'wordpress/file-system');
    const renamed = renameResource(
      json,
      'aws_efs_file_system',
      names.prodFiles,
      'wordpress_uploads_0A1B2C3D',
      'wordpress/file-system/',
      'wordpress/uploads/',
    );
    renamed.moved = [{ from: `aws_efs_file_system.${names.prodFiles}`, to: 'aws_efs_file_system.wordpress_uploads_0A1B2C3D' }];
    return renamed;
  });
  const write = jest.spyOn(process.stderr, 'write');
  try {
    result = await checkChanges({
      baseDir: app.outdir,
      currentDir: current,
      stacks: ['dev', 'dev-website', 'prod'],
      outDir,
      onStackStep: (stack, step) => steps.push(`${stack}: ${step}`),
    });
  } finally {
    stderr = write.mock.calls.map(([chunk]) => String(chunk)).join('');
    write.mockRestore();
  }
}, 1_800_000);

afterAll(() => {
  fs.rmSync(current, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('the offline change check', () => {
  test('a subnet CIDR change replaces the subnet, forced by cidr_block, and what sits in it, forced by subnet_id', () => {
    expect(names.subnetCidr).not.toBe('10.0.99.0/24');
    expect(at('dev', `aws_subnet.${names.subnet}`)).toMatchObject({ actions: ['replace'], forcing: ['cidr_block'], stateful: false });
    const replaced = inStack('dev').filter((change) => change.actions.includes('replace'));
    for (const change of replaced) expect([change.address, change.forcing.length > 0]).toEqual([change.address, true]);
  });

  test("an instance whose launch template changes is updated in place, its template's tags read from the loopback EC2 stand-in", () => {
    expect(at('dev', `aws_launch_template.${names.bastionTemplate}`).actions).toEqual(['update']);
    expect(at('dev', `aws_instance.${names.bastion}`).actions).toEqual(['update']);
    expect(result.ec2Actions).toContain('DescribeTags');
    expect(result.ec2Actions.filter((action) => action !== 'DescribeTags')).toEqual([]);
  });

  test('a record reading a load balancer attribute the base never read plans as a create, the load balancer untouched', () => {
    expect(at('dev', 'aws_route53_record.blog_alias')).toMatchObject({ actions: ['create'] });
    expect(at('dev', `aws_lb.${names.loadBalancer}`)).toMatchObject({ actions: ['no-op'] });
  });

  test('a database name change is a stateful replacement forced by db_name, blocked by prevent_destroy, and fails the check', () => {
    const database = at('dev', `aws_db_instance.${names.database}`);
    expect(database).toMatchObject({ actions: ['replace'], forcing: ['db_name'], stateful: true, blockedByPreventDestroy: true });
    expect(result.risky).toContainEqual(database);
    expect(result.exitCode).toBe(RISKY_EXIT_CODE);
    expect(result.text).toMatch(new RegExp(`! aws_db_instance\\.${names.database}  \\(forced by db_name; blocked by prevent_destroy\\)`));
  });

  test('the stateful block comes first in a stack and names every stateful replacement and destroy', () => {
    const dev = result.text.slice(result.text.indexOf('Stack dev\n'), result.text.indexOf('Stack dev-website'));
    expect(dev.split('\n')[1]).toMatch(/^ {2}STATEFUL resources replaced or destroyed/);
    const statefulBlock = dev.slice(0, dev.indexOf('  Create'));
    expect(statefulBlock).toContain(`aws_db_instance.${names.database}`);
    expect(statefulBlock).toContain(`aws_efs_file_system.${names.devFiles}`);
  });

  test('a renamed construct is a destroy and a create marked moved?, with the moveFromId call and the moved block that keep it', () => {
    const move = { from: `aws_efs_file_system.${names.devFiles}`, to: 'aws_efs_file_system.wordpress_uploads_0A1B2C3D', declared: false };
    expect(at('dev', move.from)).toMatchObject({ actions: ['destroy'], stateful: true, moved: move });
    expect(at('dev', move.to)).toMatchObject({ actions: ['create'], moved: move });
    expect(result.text).toContain(`? ${move.from} -> ${move.to}`);
    expect(result.text).toContain(`(the construct at dev/wordpress/uploads/Resource).moveFromId('${move.from}');`);
    expect(result.text).toContain(`moved { from = ${move.from} to   = ${move.to} }`);
  });

  test('the same rename kept with a moved block changes nothing', () => {
    const moved = at('prod', 'aws_efs_file_system.wordpress_uploads_0A1B2C3D');
    expect(moved).toMatchObject({ actions: ['no-op'], moved: { from: `aws_efs_file_system.${names.prodFiles}`, declared: true } });
    expect(inStack('prod').filter((change) => !change.actions.includes('no-op'))).toEqual([]);
    expect(result.text).toMatch(
      /Stack prod\n {2}Moved by a moved block \(1\):\n {4}> aws_efs_file_system\.\S+ -> aws_efs_file_system\.wordpress_uploads_0A1B2C3D/,
    );
  });

  test('a stack removed from the current revision is destroyed whole, its buckets in the stateful block', () => {
    const website = inStack('dev-website');
    expect(website.length).toBeGreaterThan(5);
    expect(website.every((change) => change.actions[0] === 'destroy')).toBe(true);
    const buckets = website.filter((change) => change.type === 'aws_s3_bucket');
    expect(buckets.length).toBeGreaterThan(0);
    for (const bucket of buckets) expect(result.risky).toContainEqual(bucket);
    expect(result.text).toContain('Stack dev-website (only in the base: every resource is destroyed)');
  });

  test('--allow-replace accepts each named address, and only those', () => {
    const named = result.risky.map((change) => change.address);
    expect(riskyChanges(result.changes, named)).toEqual([]);
    expect(riskyChanges(result.changes, named.slice(1))).toEqual([result.risky[0]]);
    expect(renderReport(result.stacks, named)).toContain('allowed by --allow-replace');
  });

  test('changes.json lists every resource with its stack, actions, forcing attributes and whether it is stateful', () => {
    const written = JSON.parse(fs.readFileSync(path.join(outDir, 'changes.json'), 'utf8'));
    expect(written.changes).toHaveLength(result.changes.length);
    expect(written.changes).toContainEqual(
      expect.objectContaining({
        stack: 'dev',
        address: `aws_subnet.${names.subnet}`,
        type: 'aws_subnet',
        actions: ['replace'],
        forcing: ['cidr_block'],
        stateful: false,
      }),
    );
    expect(written.risky).toContain(`dev:aws_db_instance.${names.database}`);
    for (const stack of ['dev', 'dev-website', 'prod']) expect(fs.existsSync(path.join(outDir, stack, 'plan.json'))).toBe(true);
    expect(fs.readdirSync(outDir).filter((entry) => entry.startsWith('.change-check-'))).toEqual([]);
  });

  test("the bases' stand-in states are built in one Terraform root, each stack a module (stand-in-batch.ts)", () => {
    expect(stderr).not.toMatch(/could not be built together/);
    for (const stack of ['dev', 'dev-website', 'prod']) {
      expect(steps).toContain(`${stack}: base plan (3 stacks together)`);
      expect(steps).toContain(`${stack}: state pass 1 (3 stacks together)`);
    }
    expect(steps.filter((step) => /: (state pass \d+|base plan)$/.test(step))).toEqual([]);
  });

  test("with its references preset before the base plan, every base's first plan against its state is already empty", () => {
    // reference-stand-ins.ts: without the presets, dev needed a second pass (19 resources
    // changed in the first: policies, alarms, the dashboard, user data) and prod too.
    expect(stderr).not.toMatch(/stand-ins for its references failed/);
    const bases = result.stacks.filter((check) => check.side !== 'current-only');
    expect(bases.map((check) => [check.stack, check.passes])).toEqual(bases.map((check) => [check.stack, 1]));
    // So each changed stack's plan against its base, made while that one pass ran, is the answer.
    for (const stack of ['dev', 'prod']) expect(steps.filter((step) => step === `${stack}: plan against the base`)).toHaveLength(1);
  });
});
