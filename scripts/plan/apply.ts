// `npm run apply -- <env>` (plan --apply): after every stack is planned, each saved plan is shown
// and confirmed as `npm run deploy` does (scripts/deploy/approval.ts), applied in order, and the
// applied commit recorded as the tag deployed/<env> (scripts/change/deployed-revision.ts).
import { TerraformPlan } from '../../harness/plan-json';
import { runTerraform } from '../../harness/terraform-cli';
import { AppliedRevision, currentRevision, recordDeployedRevision } from '../change/deployed-revision';
import { ApplyRefused, approveStack, noTerminalMessage, Prompt } from '../deploy/approval';
import { terminalPrompt } from '../deploy/terminal-prompt';
import { describe } from './failures';
import { BAD_INPUT_EXIT_CODE, PlanError, PlanOptions } from './options';

/** What an apply needs from before the plans: the terminal to ask on, and the revision being applied. */
export interface ApplyContext {
  readonly prompt?: Prompt;
  readonly revision?: AppliedRevision;
  readonly repo: string;
}

/**
 * Checked before anything is synthesized: an apply that cannot ask (no terminal, no
 * --auto-approve) is refused at once, with exit code 2. Undefined when the run does not apply.
 */
export function prepareApply(options: PlanOptions, prompt = terminalPrompt(), repo = process.cwd()): ApplyContext | undefined {
  if (!options.apply) return undefined;
  if (!options.autoApprove && !prompt)
    throw new PlanError(noTerminalMessage(`npm run apply -- ${options.environment}`), BAD_INPUT_EXIT_CODE);
  return { prompt, revision: currentRevision(repo), repo };
}

/** Confirms and applies each stack's saved plan (plan.tfplan in its directory), in order; then records the revision. */
export async function applyPlans(
  plans: readonly { stack: string; plan: TerraformPlan; stackDir: string }[],
  options: PlanOptions,
  context: ApplyContext,
  log: (line: string) => void,
  apply = (stackDir: string) => runTerraform(['apply', '-input=false', '-no-color', 'plan.tfplan'], { cwd: stackDir, onOutput: log }),
): Promise<void> {
  const command = `npm run apply -- ${options.environment}`;
  for (const { stack, plan, stackDir } of plans) {
    try {
      await approveStack(
        stack,
        plan,
        command,
        { autoApprove: options.autoApprove ?? false, allowReplace: options.allowReplace, prompt: context.prompt },
        log,
      );
    } catch (error) {
      throw error instanceof ApplyRefused ? new PlanError(error.message, error.exitCode) : error;
    }
    log(`Applying ${stack}\n`);
    try {
      await apply(stackDir);
    } catch (error) {
      throw new PlanError(`terraform apply failed for stack "${stack}" (${stackDir}): ${describe(error)}`);
    }
  }
  recordDeployedRevision(context.repo, options.environment, context.revision, log);
}
