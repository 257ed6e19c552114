import { Compliance, nonCompliant, PolicyRule, RuleResult, worstOf } from '../../rule';
import { StackView } from '../../stack-view';
import { isExpression } from '../../values';
import { attributeBound, measureUserData, ReferenceBound } from './user-data-size';

/**
 * `arn:aws-us-gov:secretsmanager:ap-southeast-4:123456789012:secret:` plus `-` and the six random
 * characters Secrets Manager appends to the name: an ARN is this much longer than its name.
 */
const SECRET_ARN_OVERHEAD = 72;
/** Characters Terraform appends to a `name_prefix`. */
const TERRAFORM_UNIQUE_SUFFIX = 26;

/**
 * Tighter bounds where the stack tells more than the attribute name: a secret's ARN follows from
 * its literal name; an RDS-managed master secret is named "rds!db-<uuid>"; an EFS ID is "fs-"
 * and up to 17 hex digits. Everything else falls back to `attributeBound`.
 */
function stackBound(stack: StackView): ReferenceBound {
  return (reference) => {
    const [type, name, ...path] = reference.split('.');
    const attribute = path.join('.');
    if (type === 'aws_secretsmanager_secret' && attribute === 'arn') {
      const secret = stack.find(`${type}.${name}`)?.config;
      const literal = (value: unknown): string | undefined => (typeof value === 'string' && !isExpression(value) ? value : undefined);
      const secretName = literal(secret?.name);
      const secretPrefix = literal(secret?.name_prefix);
      if (secretName !== undefined) return SECRET_ARN_OVERHEAD + secretName.length;
      if (secretPrefix !== undefined) return SECRET_ARN_OVERHEAD + secretPrefix.length + TERRAFORM_UNIQUE_SUFFIX;
    }
    if (type === 'aws_db_instance' && attribute === 'master_user_secret[0].secret_arn') return SECRET_ARN_OVERHEAD + 'rds!db-'.length + 36;
    if (type === 'aws_efs_file_system' && attribute === 'id') return 'fs-'.length + 17;
    return attributeBound(reference);
  };
}

/** EC2 refuses user data larger than 16 KB, counted on what is sent before base64 (after gzip, when compressed). */
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
 * literal text plus each interpolated attribute at its upper bound; a `base64gzip` script by its
 * compressed size (see `user-data-size.ts`).
 */
export const Ec2UserDataSize: PolicyRule = {
  name: 'Ec2UserDataSize',
  resourceTypes: Object.keys(USER_DATA_ATTRIBUTES),
  check(resource, context) {
    const bound = stackBound(context.stack);
    const results: RuleResult[] = USER_DATA_ATTRIBUTES[resource.type].map(([attribute, base64]) => {
      const size = measureUserData(resource.config[attribute], attribute, base64, bound);
      if (!size) return Compliance.NOT_APPLICABLE;
      if (size.maxBytes <= USER_DATA_LIMIT_BYTES) return Compliance.COMPLIANT;
      const references =
        size.references.length > 0
          ? ` (${size.literalBytes} bytes of text and ${size.references.length} interpolated values at their longest)`
          : '';
      if (size.compressed) {
        return nonCompliant(
          `${attribute} compresses to up to ${size.maxBytes} bytes (gzip of ${size.literalBytes} bytes of text and ${size.references.length} interpolated values at their longest), over the ${USER_DATA_LIMIT_BYTES}-byte limit`,
        );
      }
      return nonCompliant(
        `${attribute} renders to up to ${size.maxBytes} bytes${references}, over the ${USER_DATA_LIMIT_BYTES}-byte limit`,
      );
    });
    return worstOf(results);
  },
};
