import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { TERRAFORM_SETTINGS_TYPE } from '../../stack-view';
import { stringValue } from '../../values';

/** The oldest Terraform the stacks may run on: S3 native locking (`use_lockfile`) arrived in 1.10. */
export const MINIMUM_TERRAFORM_VERSION = '1.10';

type Version = readonly [number, number, number];

function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[\w.]+)?$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The lowest version a Terraform version constraint admits, or undefined when it has no lower
 * bound (only `<`, `<=` or `!=` parts). Follows Terraform's constraint syntax: comma-separated
 * parts of `=`, `!=`, `>`, `>=`, `<`, `<=`, `~>` or a bare version.
 */
export function lowestAllowedVersion(constraint: string): Version | undefined {
  let lowest: Version | undefined;
  for (const part of constraint.split(',')) {
    const match = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/.exec(part);
    if (!match) return undefined;
    const operator = match[1] ?? '=';
    const version = parseVersion(match[2]);
    if (!version) return undefined;
    if (operator === '<' || operator === '<=' || operator === '!=') continue;
    // `> 1.9.0` admits 1.9.1; as a floor it is at least the next patch.
    const floor: Version = operator === '>' ? [version[0], version[1], version[2] + 1] : version;
    if (!lowest || compare(floor, lowest) > 0) lowest = floor;
  }
  return lowest;
}

/** The stack's terraform block requires a Terraform version new enough for the S3 lock file. */
export const TerraformRequiredVersion: PolicyRule = {
  name: 'TerraformRequiredVersion',
  resourceTypes: [TERRAFORM_SETTINGS_TYPE],
  check(settings) {
    const constraint = stringValue(settings.config.required_version, 'required_version');
    if (constraint === undefined) return nonCompliant('the terraform block has no required_version');
    const lowest = lowestAllowedVersion(constraint);
    const minimum = parseVersion(MINIMUM_TERRAFORM_VERSION)!;
    if (!lowest) return nonCompliant(`required_version "${constraint}" sets no lower bound`);
    if (compare(lowest, minimum) < 0) {
      return nonCompliant(`required_version "${constraint}" admits Terraform ${lowest.join('.')}, older than ${MINIMUM_TERRAFORM_VERSION}`);
    }
    return Compliance.COMPLIANT;
  },
};
