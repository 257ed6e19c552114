// The change check's report: per stack, the stateful resources replaced or destroyed first (the
// ones that lose data), then creates, in-place updates, replacements with the attributes forcing
// them, destroys, moves, and the code that keeps each likely move.
import { losesObject, ResourceChange, riskyChanges } from './changes';
import { moveCode } from './move-detection';

/** How a stack compares: on both sides, or only in the base (all destroyed) or the current revision (all created). */
export type StackSide = 'both' | 'base-only' | 'current-only';

export interface StackReport {
  readonly stack: string;
  readonly side: StackSide;
  readonly changes: readonly ResourceChange[];
  /** Construct paths of the current revision's resources by address, for the moveFromId hint. */
  readonly constructPaths?: ReadonlyMap<string, string>;
}

const SIDE_NOTE: Record<StackSide, string> = {
  both: '',
  'base-only': ' (only in the base: every resource is destroyed)',
  'current-only': ' (new: every resource is created)',
};

const of = (changes: readonly ResourceChange[], action: ResourceChange['actions'][number]) =>
  changes.filter((change) => change.actions.includes(action));

function notes(change: ResourceChange, allowed: ReadonlySet<string>): string {
  const parts: string[] = [];
  if (change.forcing.length > 0) parts.push(`forced by ${change.forcing.join(', ')}`);
  if (change.moved && !change.moved.declared) {
    parts.push(change.moved.from === change.address ? `moved? to ${change.moved.to}` : `moved? from ${change.moved.from}`);
  }
  if (change.blockedByPreventDestroy) parts.push('blocked by prevent_destroy');
  if (change.stateful && losesObject(change) && allowed.has(change.address)) parts.push('allowed by --allow-replace');
  return parts.length > 0 ? `  (${parts.join('; ')})` : '';
}

/** One stack's part of the report. */
export function renderStack(report: StackReport, allowReplace: readonly string[]): string {
  const allowed = new Set(allowReplace);
  const { changes } = report;
  const lines = [`Stack ${report.stack}${SIDE_NOTE[report.side]}`];
  const list = (title: string, marker: string, items: readonly ResourceChange[]) => {
    if (items.length === 0) return;
    lines.push(`  ${title} (${items.length}):`);
    for (const change of items) lines.push(`    ${marker} ${change.address}${notes(change, allowed)}`);
  };
  const stateful = changes.filter((change) => change.stateful && losesObject(change));
  list('STATEFUL resources replaced or destroyed (their data is lost)', '!', stateful);
  list('Create', '+', of(changes, 'create'));
  list('Update in place', '~', of(changes, 'update'));
  list('Replace', '-/+', of(changes, 'replace'));
  list('Destroy', '-', of(changes, 'destroy'));
  const declared = changes.filter((change) => change.moved?.declared);
  if (declared.length > 0) {
    lines.push(`  Moved by a moved block (${declared.length}):`);
    for (const change of declared) lines.push(`    > ${change.moved!.from} -> ${change.moved!.to}`);
  }
  const likely = changes.filter((change) => change.moved && !change.moved.declared && change.moved.to === change.address);
  if (likely.length > 0) {
    lines.push(`  Likely moves (moved?): destroyed at one address, created with the same configuration at another (${likely.length}):`);
    for (const change of likely) {
      const code = moveCode(change.moved!, report.constructPaths?.get(change.address));
      lines.push(`    ? ${change.moved!.from} -> ${change.moved!.to}`);
      lines.push(`      keep the object with, in CDKTF: ${code.cdktf}`);
      lines.push(`      or in Terraform: ${code.terraform.replace(/\n\s*/g, ' ')}`);
    }
  }
  const changed = changes.filter((change) => !change.actions.includes('no-op') || change.moved);
  if (changed.length === 0) lines.push('  No changes.');
  return lines.join('\n');
}

/** The whole report: every stack, a total line, and what to do about the risky changes. */
export function renderReport(reports: readonly StackReport[], allowReplace: readonly string[]): string {
  const all = reports.flatMap((report) => report.changes);
  const count = (action: ResourceChange['actions'][number]) => of(all, action).length;
  const risky = riskyChanges(all, allowReplace);
  const parts = reports.map((report) => renderStack(report, allowReplace));
  parts.push(
    `Total: ${count('create')} to create, ${count('update')} to update in place, ${count('replace')} to replace, ${count('destroy')} to destroy.`,
  );
  if (risky.length > 0) {
    parts.push(
      `${risky.length} stateful resource${risky.length === 1 ? '' : 's'} would be replaced or destroyed, losing data: ` +
        `${risky.map((change) => `${change.stack}: ${change.address}`).join(', ')}. ` +
        'If a resource only moved, keep it with the moved code shown above; if losing it is intended, name each with --allow-replace <address>.',
    );
  } else {
    parts.push('No stateful resource is replaced or destroyed.');
  }
  return `${parts.join('\n\n')}\n`;
}
