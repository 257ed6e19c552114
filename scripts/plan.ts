// `npm run plan -- <environment> [--offline]`: synthesizes one environment, then runs
// terraform init and plan (which validates) on each of its stacks and prints a summary. CI runs
// the same command, so what a pull request shows can be reproduced on any machine.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planStackCached } from '../harness/plan-cache';
import { TerraformPlan } from '../harness/plan-json';
import { PolicyFinding, renderMarkdown, renderText, summarizePlans } from '../harness/plan-summary';
import { readSynthesizedApp, SynthesizedApp } from '../harness/synth';
import { runTerraform, TerraformCommandError } from '../harness/terraform-cli';
import { synthesize } from '../main';

const USAGE = 'Usage: npm run plan -- <environment> [--offline] [--outdir <dir>] [--apply]';

export interface PlanOptions {
  readonly environment: string;
  /** Local backend, provider mirror, no credentials (the test harness's mode). */
  readonly offline: boolean;
  /** Where the app is synthesized; plans and summaries go to `<outdir>/plans/<environment>`. */
  readonly outdir: string;
  /** After every stack planned, apply the saved plans in order (online only). */
  readonly apply: boolean;
}

/** A failure to report as one paragraph, without a stack trace. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export function parseArguments(args: readonly string[]): PlanOptions {
  let environment: string | undefined;
  let offline = false;
  let outdir = 'cdktf.out';
  let apply = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--offline') {
      offline = true;
    } else if (arg === '--apply') {
      apply = true;
    } else if (arg === '--outdir') {
      outdir = args[++i] ?? '';
      if (!outdir) throw new PlanError(`--outdir needs a directory. ${USAGE}`);
    } else if (arg.startsWith('-')) {
      throw new PlanError(`Unknown option "${arg}". ${USAGE}`);
    } else if (environment) {
      throw new PlanError(`Plan one environment at a time; got "${environment}" and "${arg}". ${USAGE}`);
    } else {
      environment = arg;
    }
  }
  if (!environment) {
    throw new PlanError(`No environment given. ${USAGE}, for example npm run plan -- dev --offline.`);
  }
  if (apply && offline) {
    throw new PlanError('--apply needs the real backend and credentials; drop --offline to apply, or --apply to only plan offline.');
  }
  return { environment, offline, outdir: path.resolve(outdir), apply };
}

/**
 * The stacks of one environment: those keeping their state under environments/<env>/ in the
 * state bucket, or named <env> or <env>-<part>. The project-level state stack is left out.
 */
export function environmentStacks(app: SynthesizedApp, environment: string): string[] {
  // The manifest names this synth's stacks; directories of earlier synths may linger.
  const manifestFile = path.join(app.outdir, 'manifest.json');
  const current = fs.existsSync(manifestFile) ? Object.keys(JSON.parse(fs.readFileSync(manifestFile, 'utf8')).stacks ?? {}) : app.stacks;
  return app.stacks.filter((stack) => {
    if (!current.includes(stack)) return false;
    const key = app.stackJson(stack).terraform?.backend?.s3?.key;
    return (
      (typeof key === 'string' && key.startsWith(`environments/${environment}/`)) ||
      stack === environment ||
      stack.startsWith(`${environment}-`)
    );
  });
}

const LEVELS: Record<string, PolicyFinding['level']> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'info' };

/** The policy pack's report beside each stack's cdk.tf.json (policy/report.ts). */
const POLICY_REPORT_FILE = 'policy-report.json';

interface PolicyReport {
  readonly findings: readonly {
    ruleId: string;
    severity: string;
    status: string;
    resource: string | null;
    constructPath: string | null;
    message: string;
  }[];
}

function levelOf(severity: string): PolicyFinding['level'] {
  return severity === 'error' || severity === 'warning' ? severity : 'info';
}

/**
 * The open (unsuppressed) findings of these stacks: from the policy pack's report file when the
 * synth wrote one, otherwise from the annotations cdktf put into manifest.json, where a leading
 * rule ID such as "[WS-S3-1]" or "WS-S3-1:" is split off the message.
 */
export function policyFindings(outdir: string, stacks: readonly string[]): PolicyFinding[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  const manifest = (fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : { stacks: {} }) as {
    stacks: Record<string, { annotations?: { constructPath: string; level: string; message: unknown }[] }>;
  };
  return stacks.flatMap((stack): PolicyFinding[] => {
    const reportFile = path.join(outdir, 'stacks', stack, POLICY_REPORT_FILE);
    if (fs.existsSync(reportFile)) {
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as PolicyReport;
      return report.findings
        .filter((finding) => finding.status === 'open')
        .map((finding) => ({
          stack,
          level: levelOf(finding.severity),
          ruleId: finding.ruleId,
          ...(finding.resource || finding.constructPath ? { resource: (finding.resource ?? finding.constructPath) as string } : {}),
          message: finding.message,
        }));
    }
    return (manifest.stacks[stack]?.annotations ?? []).map((annotation) => {
      const text = String(annotation.message);
      const match = /^\[?([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+)\]?:?\s+(.*)$/s.exec(text);
      return {
        stack,
        level: LEVELS[annotation.level] ?? 'info',
        resource: annotation.constructPath,
        ...(match ? { ruleId: match[1], message: match[2] } : { message: text }),
      };
    });
  });
}

/** Online: the stack's own backend and the caller's AWS credentials. Keeps plan.tfplan for apply. */
async function planOnline(stackDir: string, onStep: (step: string) => void): Promise<TerraformPlan> {
  onStep('init');
  await runTerraform(['init', '-input=false', '-no-color'], { cwd: stackDir });
  onStep('plan');
  await runTerraform(['plan', '-input=false', '-no-color', '-lock-timeout=5m', '-out=plan.tfplan'], { cwd: stackDir });
  const { stdout } = await runTerraform(['show', '-json', '-no-color', 'plan.tfplan'], { cwd: stackDir });
  return JSON.parse(stdout) as TerraformPlan;
}

async function planOne(
  app: SynthesizedApp,
  stack: string,
  options: PlanOptions,
  plansDir: string,
  onStep: (step: string) => void,
): Promise<TerraformPlan> {
  const stackDir = app.stackDir(stack);
  const outDir = path.join(plansDir, stack);
  fs.mkdirSync(outDir, { recursive: true });
  let plan: TerraformPlan;
  if (options.offline) {
    // The cache is only set inside a test run (harness/plan-cache.ts); otherwise this plans.
    plan = await planStackCached(stackDir, undefined, onStep);
  } else {
    plan = await planOnline(stackDir, onStep);
    fs.copyFileSync(path.join(stackDir, 'plan.tfplan'), path.join(outDir, 'plan.tfplan'));
  }
  fs.writeFileSync(path.join(outDir, 'plan.json'), JSON.stringify(plan));
  return plan;
}

/** Synthesizes, plans every stack of the environment, writes the summaries and returns the text one. */
export async function plan(options: PlanOptions, log: (line: string) => void = (line) => process.stderr.write(line)): Promise<string> {
  process.env.WEB_STACK_ENVIRONMENTS = options.environment;
  process.env.CHECKPOINT_DISABLE = '1';
  const shown = path.relative(process.cwd(), options.outdir);
  log(`Synthesizing ${options.environment} into ${shown.startsWith('..') ? options.outdir : shown || '.'}\n`);
  synthesize(options.outdir, options.environment);
  const app = readSynthesizedApp(options.outdir);
  const stacks = environmentStacks(app, options.environment);
  if (stacks.length === 0) {
    throw new PlanError(
      `Environment "${options.environment}" synthesized no stacks (found ${app.stacks.join(', ') || 'none'}); check stacks/ and main.ts.`,
    );
  }
  const plansDir = path.join(options.outdir, 'plans', options.environment);
  fs.rmSync(plansDir, { recursive: true, force: true });
  // Offline stacks are independent (local state), so they plan side by side, one per core;
  // online ones run in order, as CI applies them.
  const concurrency = options.offline ? Math.max(1, Math.min(stacks.length, os.availableParallelism())) : 1;
  if (concurrency > 1) log(`Planning ${stacks.join(', ')} side by side\n`);
  const planned = new Map<string, TerraformPlan>();
  await inParallel(stacks, concurrency, async (stack, index) => {
    const started = Date.now();
    const steps: string[] = [];
    const prefix = `[${index + 1}/${stacks.length}] ${stack}:`;
    if (concurrency === 1) log(prefix);
    try {
      const stackPlan = await planOne(app, stack, options, plansDir, (next) => {
        steps.push(next);
        if (concurrency === 1) log(` ${next}`);
      });
      planned.set(stack, stackPlan);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      log(concurrency === 1 ? ` done in ${seconds} s\n` : `${prefix} ${steps.join(' ')} done in ${seconds} s\n`);
    } catch (error) {
      log(concurrency === 1 ? ' failed\n' : `${prefix} failed\n`);
      const step = steps[steps.length - 1] ?? 'init';
      throw new PlanError(
        credentialsProblem(error, stack, options.environment) ??
          `terraform ${step} failed for stack "${stack}" (${app.stackDir(stack)}): ${describe(error)}`,
      );
    }
  });
  const plans = stacks.map((stack) => ({ stack, plan: planned.get(stack)! }));
  const summary = summarizePlans(plans, policyFindings(options.outdir, stacks));
  const mode = options.offline ? 'offline: local state, no credentials, so everything shows as new' : 'against the remote state';
  const text = renderText(summary);
  fs.writeFileSync(path.join(plansDir, 'summary.txt'), text);
  fs.writeFileSync(
    path.join(plansDir, 'summary.md'),
    renderMarkdown(summary, {
      title: `Terraform plan: ${options.environment}`,
      subtitle: `Planned ${mode}.`,
      markerKey: options.environment,
    }),
  );
  if (options.apply) {
    log(`\n${text}`);
    for (const { stack } of plans) {
      log(`Applying ${stack}\n`);
      try {
        await runTerraform(['apply', '-input=false', '-no-color', 'plan.tfplan'], { cwd: app.stackDir(stack), onOutput: log });
      } catch (error) {
        throw new PlanError(`terraform apply failed for stack "${stack}" (${app.stackDir(stack)}): ${describe(error)}`);
      }
    }
  }
  return text;
}

/** Runs `work` over `items`, at most `limit` at a time; rejects with the first failure after all settle. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index).catch((error: unknown) => errors.push(error));
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  if (errors.length > 0) throw errors[0];
}

/** What Terraform and the AWS SDK say when they find no usable credentials. */
const NO_CREDENTIALS =
  /No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|no EC2 IMDS role found|InvalidClientTokenId|ExpiredToken|The security token included in the request is (invalid|expired)|SSO session .* (expired|invalid)/;

/**
 * One paragraph for a plan that failed for want of AWS credentials: what is missing, how to
 * provide it, and the offline mode that needs none. Undefined for any other failure.
 */
export function credentialsProblem(error: unknown, stack: string, environment: string): string | undefined {
  const text = describe(error);
  const match = NO_CREDENTIALS.exec(text);
  if (!match) return undefined;
  return (
    `No usable AWS credentials: stack "${stack}" keeps its state in S3 and plans against the real account, ` +
    `so terraform needs credentials, and it found none that work (${match[0]}). ` +
    'Provide them with AWS_PROFILE (after `aws configure` or `aws sso login`), with AWS_ACCESS_KEY_ID and ' +
    'AWS_SECRET_ACCESS_KEY, or in CI through the OIDC role (docs/ci-plan.md). ' +
    `Or plan without AWS: npm run plan -- ${environment} --offline (local state and the provider mirror; everything shows as new).`
  );
}

/** Terraform's boxed diagnostics and multi-line errors as one paragraph. */
export function describe(error: unknown): string {
  const text =
    error instanceof TerraformCommandError
      ? error.stderr.trim() || error.stdout.trim() || error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return text
    .split('\n')
    .map((line) => line.replace(/^[\s╷│╵]+/, '').trim())
    .filter(Boolean)
    .join(' ');
}

export async function main(args = process.argv.slice(2)): Promise<number> {
  try {
    const options = parseArguments(args);
    const text = await plan(options);
    process.stdout.write(`\n${text}`);
    process.stderr.write(`\nPlans and summary.md are in ${path.join(options.outdir, 'plans', options.environment)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof PlanError ? error.message : `${error instanceof Error ? error.name : 'Error'}: ${describe(error)}`;
    process.stderr.write(`\nplan: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
