// `npm run plan -- <environment> [--offline]`: synthesizes one environment, then runs
// terraform init, validate and plan on each of its stacks and prints a summary. CI runs the
// same command, so what a pull request shows can be reproduced on any machine.
import * as fs from 'fs';
import * as path from 'path';
import { planStackOffline } from '../harness/offline-plan';
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
  onStep('validate');
  await runTerraform(['validate', '-no-color'], { cwd: stackDir });
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
    const result = await planStackOffline(stackDir, { onStep });
    plan = result.plan;
    fs.rmSync(result.workDir, { recursive: true, force: true });
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
  const plans: { stack: string; plan: TerraformPlan }[] = [];
  for (const [index, stack] of stacks.entries()) {
    const started = Date.now();
    log(`[${index + 1}/${stacks.length}] ${stack}:`);
    let step = 'init';
    try {
      const stackPlan = await planOne(app, stack, options, plansDir, (next) => {
        step = next;
        log(` ${next}`);
      });
      plans.push({ stack, plan: stackPlan });
      log(` done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      log(' failed\n');
      throw new PlanError(`terraform ${step} failed for stack "${stack}" (${app.stackDir(stack)}): ${describe(error)}`);
    }
  }
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
