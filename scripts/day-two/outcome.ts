// What a checked change did, in the terms of a day-2 scenario's expectations: an action per
// construct path (so a resource whose address changed is one entry, recreated or moved), the
// actions seen per resource type, and whether the check refuses it.
import { ResourceChange, resourceAddress, riskyChanges } from '../../harness/changes';
import { ExpectedAction } from './scenarios';

export interface ScenarioOutcome {
  /** The action on each stateful resource, by construct path below the stack. */
  readonly stateful: Readonly<Record<string, ExpectedAction>>;
  /** Every action seen on a resource of each type. */
  readonly byType: Readonly<Record<string, readonly ExpectedAction[]>>;
  /** True when a stateful resource is replaced or destroyed (the check exits 1). */
  readonly flagged: boolean;
}

/** Construct path below the stack of every resource of one synthesized stack, by address. */
export function pathsByAddress(json: Record<string, any> | undefined, stack: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [type, byName] of Object.entries((json?.resource ?? {}) as Record<string, Record<string, any>>)) {
    for (const [name, body] of Object.entries(byName)) {
      const where = String(body?.['//']?.metadata?.path ?? `${type}.${name}`);
      paths.set(`${type}.${name}`, where.startsWith(`${stack}/`) ? where.slice(stack.length + 1) : where);
    }
  }
  return paths;
}

/** One action for the changes that share a construct path (a likely move's destroy and create are one recreation). */
function combine(changes: readonly ResourceChange[]): ExpectedAction {
  if (changes.some((change) => change.moved?.declared)) return 'moved';
  const actions = new Set(changes.flatMap((change) => change.actions));
  if (actions.has('destroy') && actions.has('create')) return 'recreated';
  for (const action of ['replace', 'destroy', 'create', 'update'] as const) if (actions.has(action)) return action;
  return 'no-op';
}

export function scenarioOutcome(
  stack: string,
  changes: readonly ResourceChange[],
  base: Record<string, any>,
  current: Record<string, any>,
): ScenarioOutcome {
  const basePaths = pathsByAddress(base, stack);
  const currentPaths = pathsByAddress(current, stack);
  const groups = new Map<string, ResourceChange[]>();
  for (const change of changes) {
    const address = resourceAddress(change.address);
    // A resource that moved (declared, or likely) is named by its path in the base, both sides.
    const old = change.moved ? resourceAddress(change.moved.from) : change.actions.includes('destroy') ? address : undefined;
    const where = (old && basePaths.get(old)) ?? currentPaths.get(address) ?? basePaths.get(address);
    const key = `${change.type}\0${where ?? address}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  const stateful: Record<string, ExpectedAction> = {};
  const byType: Record<string, ExpectedAction[]> = {};
  for (const [key, group] of groups) {
    const [type, where] = key.split('\0');
    const action = combine(group);
    if (group.some((change) => change.stateful)) stateful[where] = action;
    if (!(byType[type] ?? []).includes(action)) byType[type] = [...(byType[type] ?? []), action];
  }
  return { stateful, byType, flagged: riskyChanges(changes).length > 0 };
}
