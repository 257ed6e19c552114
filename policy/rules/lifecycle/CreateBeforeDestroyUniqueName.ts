import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, booleanValue } from '../../values';
import { UNIQUE_NAMES } from './unique-names';

/**
 * Resources that Terraform replaces by creating the new one first do not carry a fixed unique
 * name: the new one would need the name the old one still holds, so AWS refuses it (for a
 * security group, InvalidGroup.Duplicate) and every change that forces a replacement fails.
 * A name of any form counts, literal or expression: both stay the same across a replacement.
 */
export const CreateBeforeDestroyUniqueName: PolicyRule = {
  name: 'CreateBeforeDestroyUniqueName',
  resourceTypes: Object.keys(UNIQUE_NAMES),
  check(resource) {
    const createFirst = blocks(resource.config.lifecycle).some(
      (lifecycle) => booleanValue(lifecycle.create_before_destroy, 'lifecycle.create_before_destroy') === true,
    );
    if (!createFirst) return Compliance.NOT_APPLICABLE;
    const unique = UNIQUE_NAMES[resource.type];
    const value = resource.config[unique.attribute];
    if (value === undefined || value === null) return Compliance.COMPLIANT;
    const way = unique.prefix ? `use ${unique.prefix}` : `${resource.type} has no prefix form, so drop create_before_destroy`;
    return nonCompliant(`create_before_destroy with the fixed ${unique.attribute} ${JSON.stringify(value)} (${way})`);
  },
};
