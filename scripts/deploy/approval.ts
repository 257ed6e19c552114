// What `npm run deploy` and `npm run apply` show and ask before they apply a stack's saved plan.
// A plan that replaces or destroys a stateful resource (a database, file system, bucket, secret:
// core/stateful.ts STATEFUL_TYPES) is never applied unless each such address is named with
// --allow-replace, and --auto-approve does not lift that: it answers the question, it does not
// accept data loss. Otherwise the stack is applied after a "yes" on a terminal, as terraform
// apply asks, or at once with --auto-approve (CI).
import { classifyPlan, losesObject, ResourceChange, riskyChanges } from '../../harness/changes';
import { TerraformPlan } from '../../harness/plan-json';

/** Asks one question on the terminal and resolves with the answer as typed. */
export type Prompt = (question: string) => Promise<string>;

export interface ApprovalOptions {
  /** Apply without asking (CI); stateful replacements and destroys still need `allowReplace`. */
  readonly autoApprove: boolean;
  /** Addresses (with or without an instance key) whose stateful replacement or destroy is accepted. */
  readonly allowReplace: readonly string[];
  /** Asks on the terminal; undefined when there is none (stdin is not a TTY). @default - no terminal */
  readonly prompt?: Prompt;
}

/** A stack not applied, by the stateful check or by the answer; `exitCode` 1, as a failed apply. */
export class ApplyRefused extends Error {
  readonly exitCode = 1;

  constructor(message: string) {
    super(message);
    this.name = 'ApplyRefused';
  }
}

/** The paragraph for a run that would have to ask but cannot: no terminal and no --auto-approve. */
export function noTerminalMessage(command: string): string {
  return `${command} asks before it applies each stack, and its standard input is not a terminal, so it cannot ask. Run it in a terminal, or pass --auto-approve (for CI, as terraform apply -auto-approve): a plan that replaces or destroys a database, file system, bucket or secret is still refused unless each such address is named with --allow-replace <address>.`;
}

const describeChange = (change: ResourceChange): string => {
  const action = change.actions[0];
  const forcing = action === 'replace' && change.forcing.length > 0 ? `, forced by ${change.forcing.join(', ')}` : '';
  return `${action} ${change.address}${forcing}`;
};

/** The resource changes of a plan that do something (no no-ops, no reads). */
function effectiveChanges(stack: string, plan: Pick<TerraformPlan, 'resource_changes'>): ResourceChange[] {
  return classifyPlan(stack, plan).filter((change) => !['no-op', 'read'].includes(change.actions[0]));
}

/** The summary printed before a stack is applied: counts, then what loses data, then other replacements and destroys. */
export function reviewText(stack: string, changes: readonly ResourceChange[], allowReplace: readonly string[]): string {
  const count = (action: string) => changes.filter((change) => change.actions[0] === action).length;
  const lines = [
    `Stack ${stack}: ${count('create')} to create, ${count('update')} to update in place, ${count('replace')} to replace, ${count('destroy')} to destroy`,
  ];
  const stateful = changes.filter((change) => change.stateful && losesObject(change));
  const risky = new Set(riskyChanges(changes, allowReplace));
  if (stateful.length > 0) {
    lines.push('  Stateful resources replaced or destroyed (their data is lost):');
    for (const change of stateful) lines.push(`    ${describeChange(change)}${risky.has(change) ? '' : ' (allowed by --allow-replace)'}`);
  }
  const others = changes.filter((change) => !change.stateful && losesObject(change));
  if (others.length > 0) {
    lines.push('  Other replacements and destroys:');
    for (const change of others) lines.push(`    ${describeChange(change)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Shows the stack's plan and decides: resolves when it may be applied (at once when it changes
 * no resource: there is nothing to ask about, and outputs may still change). Throws ApplyRefused
 * when a stateful resource would be lost without --allow-replace, or when the answer is not "yes".
 */
export async function approveStack(
  stack: string,
  plan: Pick<TerraformPlan, 'resource_changes'>,
  command: string,
  options: ApprovalOptions,
  log: (line: string) => void,
): Promise<void> {
  const changes = effectiveChanges(stack, plan);
  log(reviewText(stack, changes, options.allowReplace));
  if (changes.length === 0) return;
  const risky = riskyChanges(changes, options.allowReplace);
  if (risky.length > 0) {
    const flags = risky.map((change) => `--allow-replace ${change.address}`).join(' ');
    throw new ApplyRefused(
      `Stack ${stack} was not applied: its plan would ${risky.map(describeChange).join('; ')}, and the data in ${risky.length === 1 ? 'it' : 'them'} would be lost. If that is intended (a snapshot or backup is taken, or the data is disposable), name each address: ${command} ${flags}. --auto-approve does not accept a loss of data; a rename is kept with a moved block (CDKTF moveTo/moveFromId) instead. The stacks before ${stack} are applied; nothing after it ran.`,
    );
  }
  if (options.autoApprove) return;
  if (!options.prompt) throw new ApplyRefused(noTerminalMessage(command));
  const lost = changes.filter(losesObject);
  const question = `Apply stack ${stack}?${lost.length > 0 ? ` It would ${lost.map(describeChange).join('; ')}.` : ''} Only 'yes' applies: `;
  const answer = (await options.prompt(question)).trim();
  if (answer !== 'yes') {
    throw new ApplyRefused(
      `Stack ${stack} was not applied (the answer was ${answer ? `"${answer}"` : 'empty'}, not "yes"). The stacks before it are applied; nothing after it ran. Run the same command again to review and answer again.`,
    );
  }
}
