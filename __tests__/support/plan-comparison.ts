import { TerraformPlan } from '../../harness/plan-json';

/** Object keys sorted at every level, so plans compare by content rather than key order. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * A plan as the batch tests compare it: every top-level key, in canonical form, but the time it
 * was made. `relevant_attributes` is compared as a set: a stack's part of a batch lists the same
 * attributes as the stack planned alone, in another order (measured on every stack of the
 * project's app), because Terraform sorts the list with a comparison that reads another slice
 * than the one it sorts (jsonplan/plan.go, marshalRelevantAttrs); its comment gives the order no
 * meaning.
 */
export function comparablePlan(plan: TerraformPlan): Record<string, unknown> {
  const { timestamp: _timestamp, relevant_attributes, ...rest } = plan as unknown as Record<string, unknown>;
  const sorted =
    relevant_attributes === undefined
      ? {}
      : { relevant_attributes: [...(relevant_attributes as unknown[])].map((a) => JSON.stringify(canonical(a))).sort() };
  return canonical({ ...rest, ...sorted }) as Record<string, unknown>;
}
