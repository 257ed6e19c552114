import { Compliance, nonCompliant, PolicyRule, RuleContext, SynthesizedResource } from '../../rule';
import { blocks, booleanValue, isExpression, referencesIn, UnresolvedValueError } from '../../values';

/** What an instance launch creates; each gets its tags from the launch template only. */
export const LAUNCHED_RESOURCE_TYPES = ['instance', 'volume', 'network-interface'] as const;

type Launched = (typeof LAUNCHED_RESOURCE_TYPES)[number];
type TagKeys = Record<Launched, Set<string>>;

function tagKeys(tags: unknown, attribute: string): string[] {
  if (tags === undefined || tags === null) return [];
  if (typeof tags !== 'object' || Array.isArray(tags)) throw new UnresolvedValueError(attribute, tags);
  return Object.keys(tags);
}

/** Keys of the default tags of the provider the resource uses; they are what every resource should carry. */
function defaultTagKeys(resource: SynthesizedResource, context: RuleContext): string[] {
  const alias = typeof resource.config.provider === 'string' ? resource.config.provider.split('.')[1] : undefined;
  const provider = blocks(context.stack.json.provider?.aws).find((p) => p.alias === alias);
  return blocks(provider?.default_tags).flatMap((defaults) => tagKeys(defaults.tags, 'provider default_tags.tags'));
}

/** Tag keys a template's `tag_specifications` give each launched resource type. */
function templateTagKeys(template: SynthesizedResource): TagKeys {
  const keys: TagKeys = { instance: new Set(), volume: new Set(), 'network-interface': new Set() };
  for (const spec of blocks(template.config.tag_specifications)) {
    const type = spec.resource_type;
    if (isExpression(type)) throw new UnresolvedValueError('tag_specifications.resource_type', type);
    if (type in keys) tagKeys(spec.tags, 'tag_specifications.tags').forEach((key) => keys[type as Launched].add(key));
  }
  return keys;
}

/** The launch template references of an Auto Scaling group, plain or in a mixed instances policy. */
function launchTemplateReferences(group: SynthesizedResource): unknown[] {
  const specs = blocks(group.config.mixed_instances_policy)
    .flatMap((policy) => blocks(policy.launch_template))
    .flatMap((template) => blocks(template.launch_template_specification));
  return [...blocks(group.config.launch_template), ...specs].map(
    (spec) => spec.id ?? spec.launch_template_id ?? spec.name ?? spec.launch_template_name,
  );
}

/** What is missing, per launched resource type, or undefined when every type has every key. */
function missing(keys: TagKeys, required: readonly string[]): string | undefined {
  const gaps = LAUNCHED_RESOURCE_TYPES.flatMap((type) => {
    if (keys[type].size === 0) return [`${type}: no tags`];
    const absent = required.filter((key) => !keys[type].has(key));
    return absent.length > 0 ? [`${type}: no ${absent.join(', ')}`] : [];
  });
  return gaps.length > 0 ? gaps.join('; ') : undefined;
}

/**
 * Instances, their volumes and their network interfaces carry tags: at least the keys of the
 * provider's default tags, which do not reach them. A launch template used by an Auto Scaling
 * group is judged together with the group, whose `tag` blocks with `propagate_at_launch` tag
 * the instances (but not their volumes or interfaces).
 */
export const LaunchedResourcesTagged: PolicyRule = {
  name: 'LaunchedResourcesTagged',
  resourceTypes: ['aws_launch_template', 'aws_autoscaling_group'],
  check(resource, context) {
    const required = defaultTagKeys(resource, context);
    if (resource.type === 'aws_launch_template') {
      const groups = context.stack.resources('aws_autoscaling_group');
      if (
        groups.some((group) => launchTemplateReferences(group).some((ref) => referencesIn(ref).some((r) => r.address === resource.address)))
      ) {
        return Compliance.NOT_APPLICABLE;
      }
      const gaps = missing(templateTagKeys(resource), required);
      return gaps ? nonCompliant(gaps) : Compliance.COMPLIANT;
    }

    const keys: TagKeys = { instance: new Set(), volume: new Set(), 'network-interface': new Set() };
    for (const reference of launchTemplateReferences(resource)) {
      const template = referencesIn(reference)
        .map((r) => context.stack.find(r.address))
        .find((found) => found?.type === 'aws_launch_template');
      // A template from outside the stack cannot be read; do not guess what it tags.
      if (!template) throw new UnresolvedValueError('launch_template', reference);
      const fromTemplate = templateTagKeys(template);
      LAUNCHED_RESOURCE_TYPES.forEach((type) => fromTemplate[type].forEach((key) => keys[type].add(key)));
    }
    for (const tag of blocks(resource.config.tag)) {
      if (booleanValue(tag.propagate_at_launch, 'tag.propagate_at_launch') !== true) continue;
      if (isExpression(tag.key)) throw new UnresolvedValueError('tag.key', tag.key);
      keys.instance.add(String(tag.key));
    }
    const gaps = missing(keys, required);
    return gaps ? nonCompliant(gaps) : Compliance.COMPLIANT;
  },
};
