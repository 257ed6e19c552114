import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { config } from '../../../config/environments';
import { loadConfig } from '../../../config/load';
import { synthesizeProject } from '../../support/project';
import { runOk } from './processes';

/** The `wordpress` settings the boot test gives the project's `dev` environment. */
export interface BootTestSite {
  readonly version: string;
  readonly sha1: string;
  readonly siteTitle: string;
  readonly adminEmail: string;
  readonly rdsCaBundleFile: string;
}

/** What AWS would have made of the stack's references, as plain values. */
export interface DeployedValues {
  readonly region: string;
  readonly fileSystemId: string;
  readonly dbHost: string;
  readonly dbName: string;
  readonly masterSecretArn: string;
  readonly adminSecretArn: string;
  readonly appSecretArn: string;
  readonly siteUrl: string;
}

/** The parts of the synthesized `dev` stack the boot depends on. */
export interface RenderedStack {
  /** The user data exactly as Terraform encodes it into the launch template, decoded and decompressed as cloud-init does. */
  readonly userData: Buffer;
  /** The bytes EC2 receives (base64-decoded, still compressed): what its 16 KB limit counts. */
  readonly sentBytes: number;
  readonly values: DeployedValues;
  /** Every statement of the web servers' role's inline policies, references replaced by values. */
  readonly policies: Record<string, unknown>[];
  /** The objects the stack uploads, as "bucket/key", and their source (an asset path of the synthesized stack). */
  readonly s3Objects: { readonly object: string; readonly source: string }[];
  /** The database setup function's event: the invocation's input with deployed values. */
  readonly setupEvent: Record<string, unknown>;
  /** The CA bundle's SHA-256 as the user data carries it (computed at synth). */
  readonly caBundleSha256: string;
  /** The web servers' Auto Scaling group: its name, the ARN AWS would give it, its launch hooks. */
  readonly group: { readonly name: string; readonly arn: string; readonly launchHooks: string[] };
  /** The target group's health check. */
  readonly healthCheck: { readonly path: string; readonly matcher: string };
  /** The synthesized stack, as text. */
  readonly json: string;
}

/** `type.name.attribute…` references, as they appear in Terraform expressions. */
const REFERENCE = /\b(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)((?:\.[a-z0-9_]+|\[\d+\])+)/g;

type Resources = Record<string, Record<string, any>>;

function onlyOne(resources: Resources, type: string, filter: (resource: any) => boolean = () => true): [string, any] {
  const found = Object.entries(resources[type] ?? {}).filter(([, resource]) => filter(resource));
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${type} in the dev stack, found ${found.length}`);
  }
  return found[0];
}

/**
 * Synthesizes the project's app through its real configuration path with `site` as dev's
 * WordPress settings, and lets Terraform itself evaluate the launch template's `user_data`
 * expression, with each resource reference replaced by the value AWS would have given it.
 */
export async function renderDevStack(site: BootTestSite, dir: string): Promise<RenderedStack> {
  const draft = structuredClone(config) as any;
  draft.environments.dev.wordpress = { ...draft.environments.dev.wordpress, ...site };
  const app = synthesizeProject(loadConfig(draft, ['dev']));
  const stack = app.stackJson('dev');
  const resources: Resources = stack.resource;
  const region: string = draft.environments.dev.region;
  const account: string = draft.project.account.accountId;

  const [, launchTemplate] = onlyOne(resources, 'aws_launch_template', (lt) => typeof lt.user_data === 'string');
  const [dbName, database] = onlyOne(resources, 'aws_db_instance');
  const secretArn = (name: string, suffix: string) => `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
  const literals = new Map<string, string>();
  literals.set(`aws_db_instance.${dbName}.address`, `${database.identifier}.c1boottest2.${region}.rds.amazonaws.com`);
  literals.set(
    `aws_db_instance.${dbName}.master_user_secret[0].secret_arn`,
    secretArn('rds!db-6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', 'Xy12Ab'),
  );
  literals.set(`aws_efs_file_system.${onlyOne(resources, 'aws_efs_file_system')[0]}.id`, 'fs-0b0075e5d8c0f11aa');
  literals.set(`aws_lb.${onlyOne(resources, 'aws_lb')[0]}.dns_name`, `${draft.project.name}-dev-1234567890.${region}.elb.amazonaws.com`);
  for (const [name, bucket] of Object.entries(resources.aws_s3_bucket ?? {})) {
    const bucketName: string = bucket.bucket ?? `${bucket.bucket_prefix}20261202000000000000000002`;
    literals.set(`aws_s3_bucket.${name}.bucket`, bucketName);
    literals.set(`aws_s3_bucket.${name}.id`, bucketName);
    literals.set(`aws_s3_bucket.${name}.arn`, `arn:aws:s3:::${bucketName}`);
  }
  for (const [name, secret] of Object.entries(resources.aws_secretsmanager_secret ?? {})) {
    literals.set(`aws_secretsmanager_secret.${name}.arn`, secretArn(`${secret.name_prefix}20261202000000000000000001`, 'Q1w2E3'));
  }
  const substitute = (expression: string) =>
    expression.replace(REFERENCE, (reference) => {
      const literal = literals.get(reference);
      if (literal === undefined) {
        throw new Error(`the boot test has no deployed value for ${reference}; add one in rendered-stack.ts`);
      }
      return JSON.stringify(literal);
    });

  // Terraform itself produces the bytes: `terraform console` evaluates the expression.
  const console = fs.mkdtempSync(path.join(dir, 'terraform-console-'));
  fs.writeFileSync(path.join(console, 'main.tf.json'), JSON.stringify({ locals: { user_data: substitute(launchTemplate.user_data) } }));
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: os.devNull };
  const encoded = (await runOk('terraform', ['console'], { cwd: console, env, input: 'local.user_data\n' })).trim();
  if (!/^"[A-Za-z0-9+/=]+"$/.test(encoded)) {
    throw new Error(`terraform console did not print a base64 string: ${encoded.slice(0, 200)}`);
  }
  // cloud-init decompresses gzip user data (it checks for gzip's magic bytes) before it runs it.
  const sent = Buffer.from(JSON.parse(encoded), 'base64');
  const userData = sent[0] === 0x1f && sent[1] === 0x8b ? zlib.gunzipSync(sent) : sent;

  // The web servers' role: the launch template's instance profile, and the policies on its role.
  const profileName = /aws_iam_instance_profile\.([A-Za-z0-9_-]+)\.arn/.exec(launchTemplate.iam_instance_profile.arn)![1];
  const roleName = /aws_iam_role\.([A-Za-z0-9_-]+)\./.exec(resources.aws_iam_instance_profile[profileName].role)![1];
  // Managed policies (Session Manager, the CloudWatch agent) grant neither Secrets Manager nor
  // Auto Scaling actions; the inline ones are all the stand-ins need.
  const policies: Record<string, unknown>[] = Object.values(resources.aws_iam_role_policy ?? {})
    .filter((policy) => new RegExp(`aws_iam_role\\.${roleName}\\.`).test(policy.role))
    .flatMap((policy) => JSON.parse(substitute(policy.policy).replace(/\$\{("[^"]*")\}/g, (_, quoted) => JSON.parse(quoted))).Statement);
  const [, group] = onlyOne(resources, 'aws_autoscaling_group');

  const [, targetGroup] = onlyOne(resources, 'aws_lb_target_group');
  const healthCheck = [targetGroup.health_check].flat()[0];
  const [adminSecretName] = Object.entries(resources.aws_secretsmanager_secret).find(([, s]) => /admin-$/.test(s.name_prefix))!;
  const [appSecretName] = Object.entries(resources.aws_secretsmanager_secret).find(([, s]) => /db-user-$/.test(s.name_prefix))!;
  return {
    userData,
    sentBytes: sent.length,
    values: {
      region,
      fileSystemId: literals.get(`aws_efs_file_system.${onlyOne(resources, 'aws_efs_file_system')[0]}.id`)!,
      dbHost: literals.get(`aws_db_instance.${dbName}.address`)!,
      dbName: database.db_name,
      masterSecretArn: literals.get(`aws_db_instance.${dbName}.master_user_secret[0].secret_arn`)!,
      adminSecretArn: literals.get(`aws_secretsmanager_secret.${adminSecretName}.arn`)!,
      appSecretArn: literals.get(`aws_secretsmanager_secret.${appSecretName}.arn`)!,
      // Whatever scheme the listener has: read it back from the script.
      siteUrl: /^readonly SITE_URL='([^']*)'$/m.exec(userData.toString('utf8'))![1],
    },
    policies,
    setupEvent: JSON.parse(
      substitute(onlyOne(resources, 'aws_lambda_invocation')[1].input).replace(/\$\{("[^"]*")\}/g, (_, quoted) => JSON.parse(quoted)),
    ),
    caBundleSha256: /^readonly CA_BUNDLE_SHA256='([0-9a-f]{64})'$/m.exec(userData.toString('utf8'))![1],
    // Each uploaded object as "bucket/key", with the source file the stack names (an asset path).
    s3Objects: Object.values(resources.aws_s3_object ?? {}).map((object) => ({
      object: `${substitute(object.bucket).replace(/\$\{("[^"]*")\}/g, (_, quoted) => JSON.parse(quoted))}/${object.key}`,
      source: object.source as string,
    })),
    group: {
      name: group.name,
      arn: `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:0b7e3f6c-2d4a-4e5b-9c8d-1a2b3c4d5e6f:autoScalingGroupName/${group.name}`,
      launchHooks: [group.initial_lifecycle_hook ?? []].flat().map((hook: { name: string }) => hook.name),
    },
    healthCheck: { path: healthCheck.path, matcher: healthCheck.matcher },
    json: JSON.stringify(stack),
  };
}
