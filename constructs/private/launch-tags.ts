import { LaunchTemplateTagSpecifications } from '@cdktf/provider-aws/lib/launch-template';

/** What a launch creates besides the instance itself; each is tagged only by the template. */
export const LAUNCH_TAGGED_RESOURCE_TYPES = ['instance', 'volume', 'network-interface'] as const;

/**
 * Launch template `tag_specifications` giving the instance, its volumes and its network
 * interfaces the same tags. Provider `default_tags` reach none of them (only the template's own
 * tags), so tag-based IAM conditions and cost allocation would miss them otherwise.
 */
export function launchTagSpecifications(tags: Readonly<Record<string, string>>): LaunchTemplateTagSpecifications[] {
  return LAUNCH_TAGGED_RESOURCE_TYPES.map((resourceType) => ({ resourceType, tags: { ...tags } }));
}
