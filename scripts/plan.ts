// `npm run plan -- <environment> [--offline] [--base <dir>]`: synthesizes one environment, then runs
// terraform init and plan (which validates) on each of its stacks and prints a summary. CI runs
// the same command, so what a pull request shows can be reproduced on any machine.
// The parts live in scripts/plan/: the command line, which stacks belong to the environment,
// the policy findings shown beside the changes, the paragraphs failures are reported in, and
// the offline change check against a base (--base, change-check.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planStackCached } from '../harness/plan-cache';
import { TerraformPlan } from '../harness/plan-json';
import { renderMarkdown, renderText, summarizePlans } from '../harness/plan-summary';
import { readSynthesizedApp, SynthesizedApp } from '../harness/synth';
import { runTerraform } from '../harness/terraform-cli';
import { synthesize } from '../main';
import { applyPlans, prepareApply } from './plan/apply';
import { runChangeCheck } from './plan/change-check';
import { environmentStacks } from './plan/environment-stacks';
import { credentialsProblem, describe } from './plan/failures';
import { parseArguments, PlanError, PlanOptions } from './plan/options';
import { policyFindings } from './plan/policy-findings';

export { PlanError } from './plan/options';
export type { PlanOptions } from './plan/options';

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
  const applying = prepareApply(options);
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
  if (applying) {
    log(`\n${text}`);
    await applyPlans(
      plans.map(({ stack, plan: stackPlan }) => ({ stack, plan: stackPlan, stackDir: app.stackDir(stack) })),
      options,
      applying,
      log,
    );
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

export async function main(args = process.argv.slice(2)): Promise<number> {
  try {
    const options = parseArguments(args);
    if (options.base) {
      const check = await runChangeCheck(options, (line) => process.stderr.write(line));
      process.stdout.write(`\n${check.text}`);
      process.stderr.write(`\nPlans and changes.json are in ${check.plansDir}\n`);
      return check.exitCode;
    }
    const text = await plan(options);
    process.stdout.write(`\n${text}`);
    process.stderr.write(`\nPlans and summary.md are in ${path.join(options.outdir, 'plans', options.environment)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof PlanError ? error.message : `${error instanceof Error ? error.name : 'Error'}: ${describe(error)}`;
    process.stderr.write(`\nplan: ${message}\n`);
    return error instanceof PlanError ? error.exitCode : 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
