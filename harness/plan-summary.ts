import { ResourceChange, TerraformPlan } from './plan-json';

/**
 * Marks the pull-request comment that carries the summary, so CI edits that comment on
 * every push instead of adding a new one.
 */
export const SUMMARY_MARKER = '<!-- aws-web-stack:plan-summary -->';

/** The marker of one summary among several on a pull request, such as one per environment. */
export function summaryMarker(key?: string): string {
  return key ? `<!-- aws-web-stack:plan-summary:${key.replace(/[^A-Za-z0-9_.-]/g, '_')} -->` : SUMMARY_MARKER;
}

/** What Terraform will do to one resource, from its `change.actions`. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'replace' | 'forget';

/** A policy finding to show beside the plan, such as a rule-pack annotation of a stack. */
export interface PolicyFinding {
  /** The stack the finding belongs to. */
  readonly stack: string;
  /** `error` fails the synth; `warning` and `info` only print. */
  readonly level: 'error' | 'warning' | 'info';
  /** The rule's stable ID, when the finding comes from a rule. */
  readonly ruleId?: string;
  /** Construct path or resource address the finding is about. */
  readonly resource?: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Change counts. `add` and `destroy` include replacements, as in terraform's "Plan:" line. */
export interface ChangeCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Resources destroyed and created again (a subset of `add` and of `destroy`). */
  readonly replace: number;
}

/** One changed resource. */
export interface ResourceChangeLine {
  readonly address: string;
  readonly type: string;
  readonly kind: ChangeKind;
}

/** The summary of one stack's plan. */
export interface StackPlanSummary extends ChangeCounts {
  readonly stack: string;
  /** Counts per resource type, only for types with a change. */
  readonly byType: Readonly<Record<string, ChangeCounts>>;
  /** Every changed managed resource, in plan order; unchanged ones are left out. */
  readonly changes: readonly ResourceChangeLine[];
}

/** The summary of several stacks' plans plus the policy findings. */
export interface PlanSummary {
  readonly stacks: readonly StackPlanSummary[];
  readonly totals: ChangeCounts;
  readonly findings: readonly PolicyFinding[];
}

const EMPTY: ChangeCounts = { add: 0, change: 0, destroy: 0, replace: 0 };

/** Classifies `change.actions`; undefined for no-op and data-source reads. */
export function changeKind(actions: readonly string[]): ChangeKind | undefined {
  const key = actions.join(',');
  switch (key) {
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'forget':
      return 'forget';
    case 'no-op':
    case 'read':
    case '':
      return undefined;
    default:
      throw new Error(
        `unknown terraform change actions [${actions.join(', ')}]; expected create, update, delete, replace, forget, read or no-op`,
      );
  }
}

function addKind(counts: ChangeCounts, kind: ChangeKind): ChangeCounts {
  return {
    add: counts.add + (kind === 'create' || kind === 'replace' ? 1 : 0),
    change: counts.change + (kind === 'update' ? 1 : 0),
    destroy: counts.destroy + (kind === 'delete' || kind === 'replace' ? 1 : 0),
    replace: counts.replace + (kind === 'replace' ? 1 : 0),
  };
}

function sum(all: readonly ChangeCounts[]): ChangeCounts {
  return all.reduce(
    (a, b) => ({ add: a.add + b.add, change: a.change + b.change, destroy: a.destroy + b.destroy, replace: a.replace + b.replace }),
    EMPTY,
  );
}

/** Summarizes the `terraform show -json` output of one stack. */
export function summarizeStackPlan(stack: string, plan: Pick<TerraformPlan, 'resource_changes'>): StackPlanSummary {
  const changes: ResourceChangeLine[] = [];
  for (const resource of (plan.resource_changes ?? []) as ResourceChange[]) {
    if (resource.mode !== 'managed') continue;
    const kind = changeKind(resource.change.actions);
    if (kind) changes.push({ address: resource.address, type: resource.type, kind });
  }
  const byType: Record<string, ChangeCounts> = {};
  for (const change of changes) {
    byType[change.type] = addKind(byType[change.type] ?? EMPTY, change.kind);
  }
  const sortedByType = Object.fromEntries(
    Object.keys(byType)
      .sort()
      .map((type) => [type, byType[type]]),
  );
  return { stack, ...sum(Object.values(byType)), byType: sortedByType, changes };
}

/** Summarizes several stacks' plans, in the order given, with optional policy findings. */
export function summarizePlans(
  plans: readonly { stack: string; plan: Pick<TerraformPlan, 'resource_changes'> }[],
  findings: readonly PolicyFinding[] = [],
): PlanSummary {
  const stacks = plans.map(({ stack, plan }) => summarizeStackPlan(stack, plan));
  return { stacks, totals: sum(stacks), findings };
}

/** "3 to add, 1 to change, 0 to destroy", plus the replacements when there are any. */
export function countsLine(counts: ChangeCounts): string {
  const line = `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy`;
  return counts.replace > 0 ? `${line} (${counts.replace} replaced)` : line;
}

function hasChanges(counts: ChangeCounts): boolean {
  return counts.add + counts.change + counts.destroy > 0;
}

const SYMBOL: Record<ChangeKind, string> = { create: '+', update: '~', delete: '-', replace: '-/+', forget: '.' };
const LEVEL_ORDER: Record<PolicyFinding['level'], number> = { error: 0, warning: 1, info: 2 };

function sortedFindings(findings: readonly PolicyFinding[]): PolicyFinding[] {
  return [...findings].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.stack.localeCompare(b.stack));
}

function findingCounts(findings: readonly PolicyFinding[]): string {
  const count = (level: PolicyFinding['level']) => findings.filter((f) => f.level === level).length;
  return `${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`;
}

/** Text in a Markdown table cell: no line breaks, pipes escaped, HTML neutralized. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

export interface MarkdownOptions {
  /**
   * Heading of the summary.
   *
   * @default 'Terraform plan'
   */
  readonly title?: string;
  /**
   * Appended under the heading, such as the commit or a link to the run.
   *
   * @default - nothing
   */
  readonly subtitle?: string;
  /**
   * Tells this summary's comment apart from other summaries on the same pull request.
   *
   * @default - SUMMARY_MARKER, one summary per pull request
   */
  readonly markerKey?: string;
}

/**
 * The summary as GitHub-flavoured Markdown for the job summary and the pull-request comment.
 * It starts with a hidden marker (summaryMarker) so the comment can be found and updated.
 */
export function renderMarkdown(summary: PlanSummary, options: MarkdownOptions = {}): string {
  const lines = [summaryMarker(options.markerKey), `## ${options.title ?? 'Terraform plan'}`, ''];
  if (options.subtitle) lines.push(options.subtitle, '');
  lines.push('| stack | add | change | destroy | replace |', '| --- | ---: | ---: | ---: | ---: |');
  for (const stack of summary.stacks) {
    lines.push(`| \`${cell(stack.stack)}\` | ${stack.add} | ${stack.change} | ${stack.destroy} | ${stack.replace} |`);
  }
  lines.push(
    '',
    `**Total: ${countsLine(summary.totals)}.**${summary.totals.destroy > 0 ? ' :warning: This plan destroys resources.' : ''}`,
    '',
  );
  for (const stack of summary.stacks) {
    if (!hasChanges(stack)) {
      lines.push(`<details><summary><code>${stack.stack}</code>: no changes</summary></details>`, '');
      continue;
    }
    lines.push(`<details><summary><code>${stack.stack}</code>: ${countsLine(stack)}</summary>`, '');
    lines.push('| resource type | add | change | destroy | replace |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [type, counts] of Object.entries(stack.byType)) {
      lines.push(`| \`${type}\` | ${counts.add} | ${counts.change} | ${counts.destroy} | ${counts.replace} |`);
    }
    const risky = stack.changes.filter((change) => change.kind !== 'create');
    if (risky.length > 0) {
      lines.push('', 'Changed, replaced or destroyed:', '', '```diff');
      for (const change of risky)
        lines.push(`${change.kind === 'update' ? '!' : '-'} ${SYMBOL[change.kind]} ${change.address} (${change.kind})`);
      lines.push('```');
    }
    lines.push('', '</details>', '');
  }
  if (summary.findings.length > 0) {
    lines.push(
      `### Policy findings: ${findingCounts(summary.findings)}`,
      '',
      '| level | stack | rule | resource | finding |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const finding of sortedFindings(summary.findings)) {
      lines.push(
        `| ${finding.level} | \`${cell(finding.stack)}\` | ${finding.ruleId ? `\`${cell(finding.ruleId)}\`` : ''} | ${finding.resource ? `\`${cell(finding.resource)}\`` : ''} | ${cell(finding.message)} |`,
      );
    }
    lines.push('');
  } else {
    lines.push('No policy findings.', '');
  }
  return lines.join('\n');
}

/** The summary as plain text for a terminal. */
export function renderText(summary: PlanSummary): string {
  const lines: string[] = [];
  const width = Math.max(...summary.stacks.map((stack) => stack.stack.length), 5);
  for (const stack of summary.stacks) {
    lines.push(`${stack.stack.padEnd(width)}  ${hasChanges(stack) ? countsLine(stack) : 'no changes'}`);
    for (const [type, counts] of Object.entries(stack.byType)) {
      const parts = [
        counts.add - counts.replace > 0 ? `+${counts.add - counts.replace}` : '',
        counts.change > 0 ? `~${counts.change}` : '',
        counts.destroy - counts.replace > 0 ? `-${counts.destroy - counts.replace}` : '',
        counts.replace > 0 ? `-/+${counts.replace}` : '',
      ].filter(Boolean);
      lines.push(`${''.padEnd(width)}    ${type}: ${parts.join(' ')}`);
    }
    for (const change of stack.changes.filter((c) => c.kind === 'delete' || c.kind === 'replace')) {
      lines.push(
        `${''.padEnd(width)}    ${SYMBOL[change.kind]} ${change.address} (${change.kind === 'delete' ? 'destroyed' : 'replaced'})`,
      );
    }
  }
  lines.push(`${'total'.padEnd(width)}  ${countsLine(summary.totals)}`);
  if (summary.findings.length > 0) {
    lines.push('', `Policy findings: ${findingCounts(summary.findings)}`);
    for (const finding of sortedFindings(summary.findings)) {
      const where = [finding.stack, finding.resource].filter(Boolean).join(' ');
      lines.push(`  ${finding.level.toUpperCase()}${finding.ruleId ? ` ${finding.ruleId}` : ''} ${where}: ${finding.message}`);
    }
  } else {
    lines.push('', 'No policy findings.');
  }
  return `${lines.join('\n')}\n`;
}
