// The day-2 changes of docs/day-2.md: each a configuration or code change to one environment,
// with what it does to every stateful resource and to the resources worth naming. A plan test
// (__tests__/scripts/day-two/scenarios.plan.test.ts) plans each change offline against a state of
// the unchanged environment and holds it to these expectations; the table in docs/day-2.md is
// generated from the same definitions (scripts/docs/day-two-doc.ts), so the page says what the
// test has seen.
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformElement, TerraformResource, TerraformStack } from 'cdktf';
import { Node } from 'constructs';
import { config } from '../../config/environments';
import { loadConfig, LoadedConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';
import { buildApp } from '../../main';
import { EnvironmentStack } from '../../stacks/environment-stack';

/**
 * What a plan does to one resource, as the change check classifies it. For a resource whose
 * address changes: `recreated` (destroyed at the old address, created empty at the new) or
 * `moved` (a moved block carries the object over).
 */
export type ExpectedAction = 'no-op' | 'update' | 'replace' | 'create' | 'destroy' | 'recreated' | 'moved';

export interface DayTwoScenario {
  /** The change, as the table's first column says it. */
  readonly change: string;
  /** The environment changed; its unchanged configuration is the base. */
  readonly environment: 'dev' | 'prod';
  /** The stack whose plan the expectations describe. */
  readonly stack: string;
  /** The change to the configuration (a copy of config/environments.ts). */
  readonly configure?: (input: ConfigInput) => void;
  /**
   * The change to the code: synthesizes the changed revision of the scenario's stack (only that
   * stack) into `outdir`, instead of the app with a changed configuration.
   */
  readonly build?: (loaded: LoadedConfig, outdir: string) => void;
  /**
   * The action on each stateful resource of the stack, by construct path below the stack in the
   * base (`wordpress/database/Resource`, also for a resource that moves). A stateful resource
   * not listed must be left alone.
   */
  readonly stateful: Readonly<Record<string, ExpectedAction>>;
  /** Other resources worth naming, by type: each listed action occurs on a resource of that type. */
  readonly notable: Readonly<Record<string, readonly ExpectedAction[]>>;
  /** Whether the change check refuses it (exit 1): a stateful resource replaced or destroyed. */
  readonly flagged: boolean;
  /** Downtime or data risk, and what to do about it. */
  readonly risk: string;
}

const DEV_ZONE = 'Z0000000000000DEVZONE';

type WordPressInput = NonNullable<ConfigInput['environments'][string]['wordpress']>;

/** Merges `change` into dev's `wordpress` block, one level deep, as an edit of the file would. */
function editDevWordPress(input: ConfigInput, change: Partial<Record<keyof WordPressInput, unknown>>): void {
  const wordpress: Record<string, unknown> = (input.environments.dev.wordpress ??= {});
  for (const [key, value] of Object.entries(change)) {
    const old = wordpress[key];
    const both = typeof old === 'object' && old !== null && typeof value === 'object' && value !== null;
    wordpress[key] = both ? { ...old, ...value } : value;
  }
}

/** For each stack built by renamedDatabaseStack: the new logical ID of each renamed element to its old one. */
const RENAMED = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * The dev stack with its database construct renamed from `database` to `db`, as a code change
 * would rename it: every element below it gets the logical ID the new construct path gives
 * (through CDKTF's documented hook, `allocateLogicalId`; the name keeps the hash of the old path,
 * which no plan can tell apart), and the construct paths recorded in the output say `db`. With
 * `keep`, each renamed resource gets the moved block the address test asks for, through CDKTF's
 * `moveFromId`.
 */
function synthesizeRenamedDatabase(loaded: LoadedConfig, outdir: string, keep: boolean): void {
  class RenamedDatabaseStack extends EnvironmentStack {
    protected allocateLogicalId(element: TerraformElement | Node): string {
      const id = super.allocateLogicalId(element);
      if (!id.startsWith('wordpress_database_')) return id;
      const renamed = `wordpress_db_${id.slice('wordpress_database_'.length)}`;
      if (!RENAMED.has(this)) RENAMED.set(this, new Map());
      RENAMED.get(this)!.set(renamed, id);
      return renamed;
    }
  }
  const app = new App({ outdir });
  const stack = new RenamedDatabaseStack(app, 'dev', loaded.project, loaded.environments.dev);
  if (keep) {
    const resources = stack.wordpress.database.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
    for (const resource of resources) {
      const old = RENAMED.get(stack)?.get(resource.friendlyUniqueId);
      if (old) resource.moveFromId(`${resource.terraformResourceType}.${old}`);
    }
  }
  app.synth();
  // The path a real rename records; construct IDs cannot change once a construct exists.
  const file = path.join(outdir, 'stacks', 'dev', 'cdk.tf.json');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('"dev/wordpress/database/', '"dev/wordpress/db/'));
}

export const DAY_TWO_SCENARIOS: readonly DayTwoScenario[] = [
  {
    change: 'Web server instance type t3.micro to t3.small',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => editDevWordPress(input, { webServers: { instanceType: 't3.small' } }),
    stateful: {},
    notable: { aws_launch_template: ['update'], aws_autoscaling_group: ['update'] },
    flagged: false,
    risk: 'None at apply. The instance refresh replaces the servers one at a time behind the load balancer; the data stays on RDS and EFS.',
  },
  {
    change: 'Web servers min/max size 2/4 to 3/6',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => editDevWordPress(input, { webServers: { minSize: 3, desiredCapacity: 3, maxSize: 6 } }),
    stateful: {},
    notable: { aws_autoscaling_group: ['update'] },
    flagged: false,
    risk: 'None: AWS raises the running count to the new minimum. Desired capacity is left to the scaling policy after the first apply (ignore_changes).',
  },
  {
    change: 'WordPress version 7.1.0 to 7.0.4',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => editDevWordPress(input, { version: '7.0.4' }),
    stateful: {},
    notable: { aws_launch_template: ['update'] },
    flagged: false,
    risk: 'None at apply; the refreshed servers unpack the new release onto EFS. A database schema upgrade runs at the first admin login: take a snapshot first.',
  },
  {
    change: 'RDS storage 20 to 30 GiB',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => editDevWordPress(input, { database: { allocatedStorageGiB: 30 } }),
    stateful: { 'wordpress/database/Resource': 'update' },
    notable: {},
    flagged: false,
    risk: 'No downtime: RDS grows gp3 storage online. The next storage change must wait six hours.',
  },
  {
    change: 'RDS instance class db.t4g.micro to db.t4g.small',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => editDevWordPress(input, { database: { instanceClass: 'db.t4g.small' } }),
    stateful: { 'wordpress/database/Resource': 'update' },
    notable: {},
    flagged: false,
    risk: 'A few minutes of downtime while RDS restarts on the new class (under a minute with Multi-AZ, which fails over). Data is kept.',
  },
  {
    change: 'Multi-AZ on',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => editDevWordPress(input, { database: { multiAz: true } }),
    stateful: { 'wordpress/database/Resource': 'update' },
    notable: {},
    flagged: false,
    risk: 'No downtime; RDS builds the standby from a snapshot, and I/O may be slower meanwhile. Doubles the instance cost.',
  },
  {
    change: 'A third availability zone',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => {
      input.environments.dev.network!.availabilityZones!['eu-west-1c'] = { publicCidr: '10.0.2.0/24', privateCidr: '10.0.12.0/24' };
    },
    stateful: {},
    notable: { aws_subnet: ['create'], aws_efs_mount_target: ['create'], aws_db_subnet_group: ['update'], aws_lb: ['update'] },
    flagged: false,
    risk: 'None: the new zone is added beside the others; the database and the file system stay where they are.',
  },
  {
    change: 'natGateways single to perAz',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => void (input.environments.dev.network!.natGateways = 'perAz'),
    stateful: {},
    notable: { aws_nat_gateway: ['create'], aws_eip: ['create'], aws_route: ['update'] },
    flagged: false,
    risk: 'Seconds: connections from the zone that changes gateway drop when its route moves to the new one. Costs a gateway per zone.',
  },
  {
    change: 'HTTPS on with a WordPress domain',
    environment: 'dev',
    stack: 'dev',
    configure: (input) => editDevWordPress(input, { domain: { name: 'blog.dev.example.com', hostedZoneId: DEV_ZONE } }),
    stateful: {},
    notable: { aws_acm_certificate: ['create'], aws_lb_listener: ['create', 'update'], aws_launch_template: ['update'] },
    flagged: false,
    risk: 'The site moves to https://blog.dev.example.com once the certificate is validated and the servers are refreshed; old http:// links redirect.',
  },
  {
    change: 'Website domain changed',
    environment: 'dev',
    stack: 'dev-website',
    configure: (input) => void (input.environments.dev.website!.domainName = 'web.dev.example.com'),
    stateful: { 'website/bucket/Resource': 'replace' },
    notable: { aws_s3_bucket_website_configuration: ['replace'] },
    flagged: true,
    risk: 'Data loss: the bucket is named after the domain, so a new, empty bucket replaces it (refused by prevent_destroy where it is on, as in prod). Copy the objects, or pass --allow-replace when the upload restores them.',
  },
  {
    change: 'Database construct renamed, no moved block',
    environment: 'dev',
    stack: 'dev',
    build: (loaded, outdir) => synthesizeRenamedDatabase(loaded, outdir, false),
    stateful: { 'wordpress/database/Resource': 'recreated' },
    notable: { aws_db_subnet_group: ['recreated'] },
    flagged: true,
    risk: 'Data loss: the instance is destroyed and an empty one created. The address test names it with the moveFromId call that keeps it.',
  },
  {
    change: 'Database construct renamed, with moved blocks',
    environment: 'dev',
    stack: 'dev',
    build: (loaded, outdir) => synthesizeRenamedDatabase(loaded, outdir, true),
    stateful: { 'wordpress/database/Resource': 'moved' },
    notable: { aws_db_subnet_group: ['moved'] },
    flagged: false,
    risk: 'None: Terraform moves the state to the new addresses and changes nothing in AWS.',
  },
];

/** The configuration input of a scenario: a copy of config/environments.ts with its change. */
export function scenarioConfig(scenario: DayTwoScenario): ConfigInput {
  const input = structuredClone(config);
  scenario.configure?.(input);
  return input;
}

/** Synthesizes the scenario's environment into `outdir`: unchanged as the base, or with the change. */
export function synthesizeScenario(scenario: DayTwoScenario, outdir: string, changed: boolean): void {
  const loaded = loadConfig(changed ? scenarioConfig(scenario) : config, [scenario.environment]);
  // cdktf creates the output folder but not its parents.
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  if (changed && scenario.build) return scenario.build(loaded, outdir);
  buildApp(loaded, outdir).synth();
}
