// The apps the plan tests plan offline, each with the stacks they plan. Test files take their
// synth from here, and the plan prewarm (plan-prewarm.ts) synthesizes the same fixtures in its own
// process while the unit tests run, then plans them all in one Terraform batch: the plan cache is
// keyed by the stacks' content, so the two must produce the same bytes, and one definition makes
// sure they do. The prewarm plans the fixtures that the selected test files import from this
// module, found by name (plan-sequencer.js), so a fixture's export name ends in `Fixture` and a
// test file imports it by that name.
//
// Not here: the examples (compiled with tsc and run as consumers run them, examples.plan.test.ts),
// the consumer package, stacks planned against s3rver, and plans meant to fail.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { config } from '../../config/environments';
import { loadConfig, LoadedConfig } from '../../config/load';
import { ConfigInput } from '../../config/schema';
import { ACCOUNT_STACK_NAME } from '../../config/stack-names';
import type { WebsiteConfig } from '../../config/website';
import { readSynthesizedApp, SynthesizedApp, synthesizeToTemp } from '../../harness/synth';
import { VALUES as USER_DATA_VALUES } from '../constructs/private/wordpress-user-data-values';
import { projectConfig, synthesizeProject } from './project';
import { TWO_ZONES } from './zones';

// cdktf, the provider bindings and the constructs are loaded by the synths that need them, not at
// the top (as in project.ts): a test file whose fixture is already synthesized in the run
// (project.ts shares the project's syntheses) then never compiles and runs them, about a second.
/* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily, as said above */
const cdktf = () => require('cdktf') as typeof import('cdktf');
const awsProvider = () => (require('@cdktf/provider-aws/lib/provider') as typeof import('@cdktf/provider-aws/lib/provider')).AwsProvider;

/** An app the plan tests synthesize, and the stacks of it they plan offline. */
export interface PlanFixture {
  /** Synthesizes the app (variants of the project's app share one synthesis per run: project.ts); read-only. */
  readonly synth: () => SynthesizedApp;
  /**
   * The stacks that are planned.
   *
   * @default - every stack of the app
   */
  readonly stacks?: readonly string[];
}

/** A variant of the project's app (main.ts), with the configuration it was built from. */
export interface ProjectFixture extends PlanFixture {
  readonly config: LoadedConfig;
}

function projectVariant(loaded: LoadedConfig, stacks?: readonly string[]): ProjectFixture {
  return { config: loaded, synth: () => synthesizeProject(loaded), stacks };
}

/** The project's app as configured (config/environments.ts), every stack: the app most plan tests read. */
export const projectFixture = projectVariant(projectConfig);

/** The shipped configuration with dev's bastion switched off (and prod left out). */
export const BASTIONLESS_INPUT: ConfigInput = {
  ...config,
  environments: { dev: { ...config.environments.dev, bastion: { enabled: false } } },
};
/** dev without a bastion. */
export const bastionlessFixture = projectVariant(loadConfig(BASTIONLESS_INPUT), ['dev']);
/** dev alone, with the bastion it is configured with. */
export const withBastionFixture = projectVariant(loadConfig(config, ['dev']), ['dev']);
/** dev and prod: dev has Elastic Beanstalk enabled in the shipped configuration, prod does not. */
export const beanstalkFixture = projectVariant(loadConfig(config, ['dev', 'prod']), ['dev']);

/** The shipped configuration plus two users, so user resources are planned too. */
function configWithUsers(): ConfigInput {
  const draft = structuredClone(config) as any;
  draft.project.account.users = { alice: { groups: ['admin'] }, bob: { groups: ['operators'] } };
  return draft;
}
/** The account stack with two users. */
export const accountUsersFixture = projectVariant(loadConfig(configWithUsers(), ['dev']), [ACCOUNT_STACK_NAME]);

/** The project's configuration with dev on HCP Terraform and prod left on the state bucket. */
export function withRemoteExecution(remoteExecution: Record<string, unknown>): ConfigInput {
  const dev = config.environments.dev;
  return { ...config, environments: { ...config.environments, dev: { ...dev, remoteExecution } as typeof dev } };
}
/** dev on HCP Terraform (organization "acme"). */
export const remoteExecutionFixture = projectVariant(loadConfig(withRemoteExecution({ organization: 'acme' })), ['dev']);

/** The environments with a website stack. */
export const WEBSITE_ENVIRONMENTS = ['dev', 'prod'] as const;

/** A rule with every kind of action, so the plan shows current-version expirations and IA transitions too. */
const PREVIEWS_RULE: WebsiteConfig['lifecycleRules'][number] = {
  id: 'previews',
  prefix: 'previews/',
  transitions: [
    { storageClass: 'STANDARD_IA', days: 30 },
    { storageClass: 'GLACIER_IR', days: 60 },
  ],
  expirationDays: 150,
};

/** The configured websites; dev's gets one more lifecycle rule on top of its configured ones. */
export function websiteOf(environment: string): WebsiteConfig {
  const website = projectConfig.environments[environment].website;
  if (!website) throw new Error(`config/environments.ts gives ${environment} no website`);
  return environment === 'dev' ? { ...website, lifecycleRules: [...website.lifecycleRules, PREVIEWS_RULE] } : website;
}

/** Only the website stacks, so their plans do not wait on the rest of the app. */
export const websitesFixture: PlanFixture = {
  synth: () =>
    synthesizeToTemp((outdir) => {
      const { WebsiteStack } = require('../../stacks/website-stack') as typeof import('../../stacks/website-stack');
      const app = new (cdktf().App)({ outdir });
      for (const environment of WEBSITE_ENVIRONMENTS) {
        const settings = projectConfig.environments[environment];
        new WebsiteStack(app, {
          environment,
          project: projectConfig.project,
          region: settings.region,
          tags: settings.tags,
          website: websiteOf(environment),
        });
      }
      return app;
    }),
  // Every stack of the app: the website stacks and nothing else.
};

/** A stack with a two-zone network, "summary", for the plan summary. */
export const summaryFixture: PlanFixture = {
  synth: () =>
    synthesizeToTemp((outdir) => {
      const { Network } = require('../../constructs/network') as typeof import('../../constructs/network');
      const { App, TerraformStack } = cdktf();
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'summary');
      new (awsProvider())(stack, 'aws', { region: 'eu-west-1' });
      new Network(stack, 'network', {
        name: 'summary',
        availabilityZones: TWO_ZONES,
      });
      return app;
    }),
};

/** A stack, "userdata", whose output is the WordPress user data, with one value arriving as a Terraform reference. */
export const userDataFixture: PlanFixture = {
  synth: () =>
    synthesizeToTemp((outdir) => {
      const userData =
        require('../../constructs/private/wordpress-user-data') as typeof import('../../constructs/private/wordpress-user-data');
      const { App, TerraformLocal, TerraformOutput, TerraformStack } = cdktf();
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'userdata');
      new (awsProvider())(stack, 'aws', { region: 'eu-west-1' });
      const fileSystemId = new TerraformLocal(stack, 'file_system_id', USER_DATA_VALUES.fileSystemId);
      new TerraformOutput(stack, 'user_data', {
        value: userData.wordPressUserDataBase64({ ...USER_DATA_VALUES, fileSystemId: fileSystemId.asString }),
      });
      return app;
    }),
};

const PROVIDERS = { aws: { source: 'hashicorp/aws', version: '5.100.0' } };

/**
 * A hand-written stack with what a synthesized stack has: a remote backend, an aliased provider
 * with default tags, an asset read by path, a data source swapped for its offline stand-in, and
 * outputs, one of them sensitive.
 */
const BATCH_WEBSITE = {
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
/** The asset BATCH_WEBSITE reads. */
const BATCH_WEBSITE_ASSET = { path: 'assets/site/ABC/index.html', content: '<h1>hi</h1>' };
/** A hand-written one-VPC stack. */
const BATCH_NETWORK = {
  terraform: { required_providers: PROVIDERS, backend: { s3: { bucket: 'state', key: 'net.tfstate', region: 'eu-west-1' } } },
  provider: { aws: [{ region: 'eu-west-1' }] },
  resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } },
  output: { vpc_cidr: { value: '${aws_vpc.main.cidr_block}' } },
};

/** Writes a stack directory the way cdktf does: cdk.tf.json plus its assets. */
export function writeStack(dir: string, stack: Record<string, unknown>, asset?: { path: string; content: string }): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stack));
  if (asset) {
    fs.mkdirSync(path.dirname(path.join(dir, asset.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, asset.path), asset.content);
  }
  return dir;
}

/** BATCH_WEBSITE as "website" and BATCH_NETWORK as "network", the stacks of the plan batch test. */
export const batchFixture: PlanFixture = {
  synth: () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-stacks-'));
    writeStack(path.join(outdir, 'stacks', 'website'), BATCH_WEBSITE, BATCH_WEBSITE_ASSET);
    writeStack(path.join(outdir, 'stacks', 'network'), BATCH_NETWORK);
    return readSynthesizedApp(outdir);
  },
};

/** Whether a value exported by this module is a fixture (the prewarm looks fixtures up by export name). */
export function isPlanFixture(value: unknown): value is PlanFixture {
  return typeof value === 'object' && value !== null && typeof (value as PlanFixture).synth === 'function';
}
