import { Compliance, nonCompliant, PolicyRule, RuleResult, worstOf } from '../../rule';
import { measureUserData } from './user-data-size';

/** EC2 refuses user data larger than 16 KB, counted on the raw script before base64. */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

/** Attributes holding user data, per type, and whether they hold base64 text. */
const USER_DATA_ATTRIBUTES: Readonly<Record<string, readonly (readonly [string, boolean])[]>> = {
  aws_launch_template: [['user_data', true]],
  aws_instance: [
    ['user_data', false],
    ['user_data_base64', true],
  ],
  aws_launch_configuration: [
    ['user_data', false],
    ['user_data_base64', true],
  ],
};

/**
 * User data stays within EC2's 16 KB limit. A Terraform expression is measured at its largest:
 * literal text plus each interpolated attribute at its upper bound (see `user-data-size.ts`).
 */
export const Ec2UserDataSize: PolicyRule = {
  name: 'Ec2UserDataSize',
  resourceTypes: Object.keys(USER_DATA_ATTRIBUTES),
  check(resource) {
    const results: RuleResult[] = USER_DATA_ATTRIBUTES[resource.type].map(([attribute, base64]) => {
      const size = measureUserData(resource.config[attribute], attribute, base64);
      if (!size) return Compliance.NOT_APPLICABLE;
      if (size.maxBytes <= USER_DATA_LIMIT_BYTES) return Compliance.COMPLIANT;
      const references =
        size.references.length > 0
          ? ` (${size.literalBytes} bytes of text and ${size.references.length} interpolated values at their longest)`
          : '';
      return nonCompliant(
        `${attribute} renders to up to ${size.maxBytes} bytes${references}, over the ${USER_DATA_LIMIT_BYTES}-byte limit`,
      );
    });
    return worstOf(results);
  },
};
