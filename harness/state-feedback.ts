// The feedback passes of the state builder: plan the stack against its stand-in state, and
// write what the plan now knows back into the state, until the plan is empty. A first state
// cannot know what Terraform computes from several references (a policy document holding an
// ARN, a name built from an id); planned against the stand-ins, those values become known.
import { sensitivePaths, StateInstance, TerraformState } from './base-state';
import { TerraformPlan } from './plan-json';
import { isDynamicWrapper, typed } from './state-values';

type Unknown = boolean | Unknown[] | { [key: string]: Unknown } | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `after` where Terraform knows it, the state's own value where it does not (still unknown). */
export function mergeKnown(before: unknown, after: unknown, unknown: Unknown): unknown {
  if (unknown === true) return before ?? null;
  if (Array.isArray(after)) {
    const previous = Array.isArray(before) ? before : [];
    return after.map((item, index) => mergeKnown(previous[index], item, Array.isArray(unknown) ? unknown[index] : undefined));
  }
  if (isObject(after)) {
    const previous = isObject(before) ? before : {};
    const keys = new Set([...Object.keys(previous), ...Object.keys(after), ...(isObject(unknown) ? Object.keys(unknown) : [])]);
    return Object.fromEntries(
      [...keys].map((key) => [
        key,
        key in after || (isObject(unknown) && key in unknown)
          ? mergeKnown(previous[key], after[key], isObject(unknown) ? unknown[key] : undefined)
          : previous[key],
      ]),
    );
  }
  return after === undefined ? (before ?? null) : after;
}

/** The instance of `state` at an instance address (`type.name` or `type.name[key]`). */
export function stateInstance(state: TerraformState, address: string): StateInstance | undefined {
  const match = /^([^.[]+)\.([^[]+)(?:\[(.+)\])?$/.exec(address);
  if (!match) return undefined;
  const [, type, name, key] = match;
  const resource = state.resources.find((candidate) => candidate.type === type && candidate.name === name);
  const indexKey = key === undefined ? undefined : /^\d+$/.test(key) ? Number(key) : JSON.parse(key);
  return resource?.instances.find((instance) => instance.index_key === indexKey);
}

/** Addresses of the managed resources a plan changes (anything but no-op). */
export function changedAddresses(plan: TerraformPlan): string[] {
  return (plan.resource_changes ?? [])
    .filter((change) => change.mode === 'managed' && !(change.change.actions.length === 1 && change.change.actions[0] === 'no-op'))
    .map((change) => change.address);
}

/**
 * Writes each changed resource's planned values into the state (keeping its stand-ins where
 * the plan still does not know), bumps the serial, and returns the addresses it changed.
 */
export function feedPlanIntoState(state: TerraformState, plan: TerraformPlan): string[] {
  const changed = new Set(changedAddresses(plan));
  for (const change of plan.resource_changes ?? []) {
    if (!changed.has(change.address)) continue;
    const instance = stateInstance(state, change.address);
    if (!instance || !change.change.after) continue;
    // The plan shows a dynamically-typed value bare; the state keeps it with its type
    // (state-values.ts): merge the bare values, then put the types back.
    const dynamic = Object.keys(instance.attributes).filter((key) => isDynamicWrapper(instance.attributes[key]));
    const before = { ...instance.attributes };
    for (const key of dynamic) before[key] = (before[key] as { value: unknown }).value;
    const merged = mergeKnown(before, change.change.after, change.change.after_unknown as Unknown) as Record<string, unknown>;
    for (const key of dynamic) merged[key] = typed(merged[key], 'dynamic');
    instance.attributes = merged;
    instance.sensitive_attributes = sensitivePaths((change.change as { after_sensitive?: unknown }).after_sensitive);
  }
  state.serial += 1;
  return [...changed];
}
