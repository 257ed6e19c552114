// What a plan does to each resource, in the words a reviewer needs before a deploy: created,
// updated in place, replaced (and by which attribute), destroyed, and whether the resource
// holds data that a replacement or destroy would lose. Both the offline change check (a plan of
// the current revision against a state built from the base) and deploy's confirmation (a real
// plan against the real state) read plans through this one classification.
import { STATEFUL_TYPES } from '../core/stateful';
import { ResourceChange as PlanResourceChange, TerraformPlan } from './plan-json';

/** What a plan does to one resource instance. */
export type ChangeAction = 'create' | 'update' | 'replace' | 'destroy' | 'no-op' | 'read' | 'forget';

/** A rename: the resource lives at `from` in the base and at `to` in the current revision. */
export interface MoveHint {
  readonly from: string;
  readonly to: string;
  /**
   * True when a `moved` block (CDKTF `moveTo`/`moveFromId`) moves it, so Terraform keeps the
   * object; false for a likely move the check inferred from a destroy and a matching create,
   * which Terraform will carry out as a destroy and a create unless a `moved` block is added.
   */
  readonly declared: boolean;
}

export interface ResourceChange {
  /** The instance's address in the current revision (in the base, for a destroy). */
  readonly address: string;
  readonly type: string;
  /** One action per instance; `replace` stands for Terraform's delete-and-create pair. */
  readonly actions: readonly ChangeAction[];
  /** The attribute paths that force the replacement, such as `cidr_block` or `ebs_block_device[0].volume_size`. */
  readonly forcing: readonly string[];
  /** Whether the type holds data (STATEFUL_TYPES). */
  readonly stateful: boolean;
  readonly stack: string;
  /** Whether a replacement creates the new object before destroying the old (`create_before_destroy`). */
  readonly createBeforeDestroy?: boolean;
  /** Set when the resource moved, or likely moved, between the two revisions. */
  readonly moved?: MoveHint;
  /** Set when the resource's configuration has `lifecycle.prevent_destroy`: Terraform would refuse this plan. */
  readonly blockedByPreventDestroy?: boolean;
}

export interface ClassifyOptions {
  /**
   * Addresses of resources (without instance keys) configured with `lifecycle.prevent_destroy`
   * in the revision being planned. The offline copy drops the setting to get a plan at all, so
   * the caller says which resources had it.
   *
   * @default - none
   */
  readonly preventDestroy?: Iterable<string>;
}

/** Terraform's action list for an instance, as one action. */
export function changeAction(actions: readonly string[]): ChangeAction {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.length !== 1) throw new Error(`unexpected plan actions ${JSON.stringify(actions)}`);
  switch (actions[0]) {
    case 'delete':
      return 'destroy';
    case 'create':
    case 'update':
    case 'no-op':
    case 'read':
    case 'forget':
      return actions[0];
    default:
      throw new Error(`unexpected plan action "${actions[0]}"`);
  }
}

/** An attribute path from `replace_paths` as it is written in HCL: `a.b[0].c`. */
export function formatAttributePath(steps: readonly (string | number)[]): string {
  return steps.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

/** `aws_x.name[0]` or `aws_x.name["key"]` without its instance key. */
export function resourceAddress(instanceAddress: string): string {
  return instanceAddress.replace(/\[[^\]]*\]$/, '');
}

function classifyOne(stack: string, change: PlanResourceChange, protectedAddresses: ReadonlySet<string>): ResourceChange {
  const action = changeAction(change.change.actions);
  const losesObject = action === 'replace' || action === 'destroy';
  return {
    address: change.address,
    type: change.type,
    actions: [action],
    forcing: (change.change.replace_paths ?? []).map(formatAttributePath),
    stateful: STATEFUL_TYPES.has(change.type),
    stack,
    ...(action === 'replace' ? { createBeforeDestroy: change.change.actions[0] === 'create' } : {}),
    ...(change.previous_address ? { moved: { from: change.previous_address, to: change.address, declared: true } } : {}),
    ...(losesObject && protectedAddresses.has(resourceAddress(change.address)) ? { blockedByPreventDestroy: true } : {}),
  };
}

/**
 * Every managed resource instance of a plan (`terraform show -json`), classified. Data sources
 * are left out: reading one changes nothing.
 */
export function classifyPlan(
  stack: string,
  plan: Pick<TerraformPlan, 'resource_changes'>,
  options: ClassifyOptions = {},
): ResourceChange[] {
  const protectedAddresses = new Set(options.preventDestroy ?? []);
  return (plan.resource_changes ?? [])
    .filter((change) => change.mode === 'managed')
    .map((change) => classifyOne(stack, change, protectedAddresses));
}

/** Whether a change loses the object it acts on (its data, for a stateful type). */
export function losesObject(change: Pick<ResourceChange, 'actions'>): boolean {
  return change.actions.includes('replace') || change.actions.includes('destroy');
}

/**
 * The changes that would lose data: a stateful resource replaced or destroyed, unless its
 * address is in `allowReplace` (the command line's `--allow-replace <address>`). An instance is
 * also allowed by its resource's address without the instance key.
 */
export function riskyChanges(changes: readonly ResourceChange[], allowReplace: readonly string[] = []): ResourceChange[] {
  const allowed = new Set(allowReplace);
  return changes.filter(
    (change) => change.stateful && losesObject(change) && !allowed.has(change.address) && !allowed.has(resourceAddress(change.address)),
  );
}
