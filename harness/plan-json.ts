/** The parts of `terraform show -json` output the tests and the summary read. */
export interface TerraformPlan {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly planned_values: {
    readonly root_module: PlannedModule;
    readonly outputs?: Record<string, { sensitive: boolean; value?: unknown }>;
  };
  readonly resource_changes?: ResourceChange[];
  readonly configuration: {
    readonly provider_config?: Record<string, { name: string; expressions?: Record<string, unknown> }>;
    readonly root_module: { readonly resources?: ConfiguredResource[]; readonly outputs?: Record<string, unknown> };
  };
}

export interface PlannedModule {
  readonly resources?: PlannedResource[];
  readonly child_modules?: PlannedModule[];
}

export interface PlannedResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, any>;
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The count index or for_each key of one instance. */
  readonly index?: number | string;
  /** The address in the prior state, when a `moved` block moved the resource. */
  readonly previous_address?: string;
  /** Why Terraform chose the action, such as `replace_because_cannot_update`. */
  readonly action_reason?: string;
  readonly change: {
    readonly actions: string[];
    readonly before?: Record<string, any> | null;
    readonly after?: Record<string, any>;
    readonly after_unknown?: Record<string, any>;
    /** The attribute paths that force a replacement (a path is a list of names and indexes). */
    readonly replace_paths?: (string | number)[][];
  };
}

export interface ConfiguredResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly expressions: Record<string, any>;
  /** Addresses named in `depends_on`, when there are any. */
  readonly depends_on?: readonly string[];
}

/** Planned managed resources, optionally of one type. */
export function plannedResources(plan: TerraformPlan, type?: string): PlannedResource[] {
  const all: PlannedResource[] = [];
  const visit = (module: PlannedModule) => {
    // Terraform leaves `values` out when every attribute is unknown until apply.
    all.push(...(module.resources ?? []).map((resource) => ({ ...resource, values: resource.values ?? {} })));
    (module.child_modules ?? []).forEach(visit);
  };
  visit(plan.planned_values.root_module);
  return all.filter((resource) => resource.mode === 'managed' && (type === undefined || resource.type === type));
}

/** Configured resources (with their reference expressions), optionally of one type. */
export function configuredResources(plan: TerraformPlan, type?: string): ConfiguredResource[] {
  return (plan.configuration.root_module.resources ?? []).filter((resource) => type === undefined || resource.type === type);
}

/** Counts planned managed resources by type. */
export function countByType(plan: TerraformPlan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of plannedResources(plan)) {
    counts[resource.type] = (counts[resource.type] ?? 0) + 1;
  }
  return counts;
}

/**
 * The resource addresses a configured attribute refers to, such as ["aws_nat_gateway.x"]
 * for `nat_gateway_id = aws_nat_gateway.x.id`. Values unknown at plan time (IDs) are
 * checked through these references.
 */
export function referencesOf(resource: ConfiguredResource, attribute: string): string[] {
  const expression = resource.expressions[attribute] as { references?: string[] } | undefined;
  const addresses = (expression?.references ?? []).map((reference) => reference.split('.').slice(0, 2).join('.'));
  return [...new Set(addresses)];
}

/** The planned resource at `address`; throws when the plan has none. */
export function plannedResource(plan: TerraformPlan, address: string): PlannedResource {
  const found = plannedResources(plan).find((resource) => resource.address === address);
  if (!found) {
    throw new Error(`the plan has no resource ${address}`);
  }
  return found;
}

/** The single resource an attribute refers to, planned; throws unless there is exactly one. */
export function referencedResource(plan: TerraformPlan, resource: ConfiguredResource, attribute: string): PlannedResource {
  const addresses = referencesOf(resource, attribute);
  if (addresses.length !== 1) {
    throw new Error(`${resource.address}.${attribute} refers to ${addresses.length} resources (${addresses.join(', ')}), expected one`);
  }
  return plannedResource(plan, addresses[0]);
}
