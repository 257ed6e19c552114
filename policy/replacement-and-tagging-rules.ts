import { PackRule } from './pack-rule';
import { LaunchedResourcesTagged } from './rules/ec2/LaunchedResourcesTagged';
import { CreateBeforeDestroyUniqueName } from './rules/lifecycle/CreateBeforeDestroyUniqueName';
import { StatefulResourcePreventDestroyInProduction } from './rules/lifecycle/StatefulResourcePreventDestroyInProduction';

/**
 * Rules about what an offline plan cannot show: a replacement that AWS will refuse, and
 * launched resources that miss the tags policies and cost reports rely on. Part of the default
 * pack (`webStackRules`); kept apart so the pack file stays readable.
 */
export const replacementAndTaggingRules: readonly PackRule[] = [
  {
    id: 'WS-LIFECYCLE-1',
    rule: CreateBeforeDestroyUniqueName,
    severity: 'error',
    description: 'No resource combines create_before_destroy with a fixed unique name.',
    why: 'The replacement is created while the old resource still holds the name, so AWS refuses it (InvalidGroup.Duplicate, EntityAlreadyExists) and every change that forces a replacement fails mid-apply.',
    fix: 'Use the name_prefix form (SecurityGroup does), or drop create_before_destroy where the exact name matters.',
  },
  {
    id: 'WS-LIFECYCLE-2',
    rule: StatefulResourcePreventDestroyInProduction,
    severity: 'error',
    description:
      'In production, every resource that holds data (database, file system, bucket, secret without a recovery window) has lifecycle prevent_destroy.',
    why: 'A config change that forces a replacement, or a destroy, deletes the data with the resource; prevent_destroy makes Terraform refuse that plan before anything is applied. RDS deletion protection only stops it at apply, when the rest of the stack has already changed.',
    fix: 'Set preventDestroy: true on Database, FileSystem, StaticWebsite or WebsiteBucket (in this project: wordpress.database.preventDestroy, wordpress.fileSystem.preventDestroy and website.preventDestroy of the production environment), or lifecycle.preventDestroy on the resource.',
  },
  {
    id: 'WS-TAGS-1',
    rule: LaunchedResourcesTagged,
    severity: 'error',
    description:
      "Launch templates and Auto Scaling groups tag the instances, volumes and network interfaces they launch with the provider's default tag keys.",
    why: 'Provider default_tags do not reach launched resources, so tag-based IAM conditions (aws:ResourceTag/Environment) and cost allocation silently miss them.',
    fix: 'Give the launch template tag_specifications for instance, volume and network-interface with the stack tags (pass `tags` to WebServers and BastionHost).',
  },
];
