// Two copies of the package in one consumer, as npm installs them when two dependencies each
// bring their own version: the compiled library is copied into two folders and loaded through
// two module paths, so every class exists twice. Constructs of one copy must still wire to those
// of the other (connections and grants go by shape, not by class), while cdktf, constructs and
// the provider bindings are the consumer's one copy (they are peers).
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const root = path.resolve(__dirname, '..', '..');

const CONSUMER = `
const { App, TerraformStack, Testing } = require('cdktf');
const a = require('copy-a');
const b = require('copy-b');

const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'mixed');
const network = a.Network.fromAttributes(stack, 'network', {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidrBlock: '10.0.0.0/16',
  publicSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000001', 'eu-west-1b': 'subnet-0b000000000000001' },
  privateSubnetIds: { 'eu-west-1a': 'subnet-0a000000000000002', 'eu-west-1b': 'subnet-0b000000000000002' },
});
// Copy A's database and load balancer; copy B's web servers and secret.
const database = new a.Database(stack, 'database', { name: 'shop', network, databaseName: 'shop', masterUsername: 'shopadmin' });
const alb = new a.LoadBalancer(stack, 'alb', { name: 'shop', network });
const web = new b.WebServers(stack, 'web', { name: 'shop', network, userDataBase64: 'IyEvYmluL2Jhc2gK' });
const secret = new b.RuntimeSecret(stack, 'secret', { name: 'shop-key', description: 'read at boot' });

alb.addTarget(web, { port: 80, description: 'HTTP from the load balancer' });
database.connections.allowDefaultPortFrom(web, 'MySQL from the web servers');
database.grantSecretRead(web);
secret.grantRead(new a.InstanceRole(stack, 'worker', { name: 'shop-worker' }));

process.stdout.write(JSON.stringify({
  distinctClasses: a.Connections !== b.Connections && a.Database !== b.Database,
  webIsAConnections: web.connections instanceof a.Connections,
  connectable: [a.isConnectable(web), b.isConnectable(database)],
  grantable: [a.isGrantable(web), b.isGrantable(new a.InstanceRole(stack, 'probe', { name: 'probe' }))],
  stack: JSON.parse(Testing.synth(stack)),
}));
`;

/** Copies the compiled package (what `files` in package.json ships) into node_modules/<name>. */
function copyPackage(nodeModules: string, name: string): void {
  const target = path.join(nodeModules, name);
  fs.mkdirSync(path.join(target, 'dist'), { recursive: true });
  for (const entry of ['index.js', 'core', 'constructs', 'policy']) {
    fs.cpSync(path.join(root, 'dist', entry), path.join(target, 'dist', entry), { recursive: true });
  }
  for (const entry of ['functions', 'templates']) {
    fs.cpSync(path.join(root, entry), path.join(target, entry), { recursive: true });
  }
  fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name, version: '0.0.0', main: 'dist/index.js' }));
}

describe('two copies of the package in one consumer', () => {
  let result: {
    distinctClasses: boolean;
    webIsAConnections: boolean;
    connectable: boolean[];
    grantable: boolean[];
    stack: Record<string, any>;
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'two-copies-'));

  beforeAll(async () => {
    // GIVEN a consumer whose node_modules holds the peers once and the package twice
    const nodeModules = path.join(work, 'node_modules');
    fs.mkdirSync(nodeModules);
    for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
      if (entry.startsWith('.')) continue;
      fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(nodeModules, entry));
    }
    copyPackage(nodeModules, 'copy-a');
    copyPackage(nodeModules, 'copy-b');
    fs.writeFileSync(path.join(work, 'consumer.js'), CONSUMER);
    // WHEN it wires constructs of one copy to those of the other and synthesizes
    const { stdout } = await promisify(execFile)(process.execPath, ['consumer.js', path.join(work, 'cdktf.out')], {
      cwd: work,
      maxBuffer: 64 * 1024 * 1024,
    });
    result = JSON.parse(stdout);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the copies really are two: their classes differ, so instanceof would not recognize the other', () => {
    expect(result.distinctClasses).toBe(true);
    expect(result.webIsAConnections).toBe(false);
  });

  test("each copy recognizes the other copy's constructs as connectable and grantable", () => {
    expect(result.connectable).toEqual([true, true]);
    expect(result.grantable).toEqual([true, true]);
  });

  test("security group rules go between the two copies' groups, both ways", () => {
    const rules = (type: string) => Object.values(result.stack.resource[type]) as Array<Record<string, any>>;
    const ingress = rules('aws_vpc_security_group_ingress_rule').map((rule) => [rule.description, rule.from_port]);
    const egress = rules('aws_vpc_security_group_egress_rule').map((rule) => [rule.description, rule.from_port]);
    expect(ingress).toEqual(
      expect.arrayContaining([
        ['MySQL from the web servers', 3306],
        ['HTTP from the load balancer', 80],
      ]),
    );
    expect(egress).toEqual(
      expect.arrayContaining([
        ['MySQL from the web servers', 3306],
        ['HTTP from the load balancer', 80],
      ]),
    );
  });

  test("grants cross the copies: A's database to B's web servers, B's secret to A's role; B's web servers join A's target group", () => {
    const policies = Object.values(result.stack.resource.aws_iam_role_policy) as Array<Record<string, any>>;
    expect(policies.map((policy) => policy.name).sort()).toEqual(['shop-db-secret-read', 'shop-key-read']);
    const [groupAddress] = Object.keys(result.stack.resource.aws_lb_target_group);
    const [asg] = Object.values(result.stack.resource.aws_autoscaling_group) as Array<Record<string, any>>;
    expect(asg.target_group_arns).toEqual([`\${aws_lb_target_group.${groupAddress}.arn}`]);
  });
});
