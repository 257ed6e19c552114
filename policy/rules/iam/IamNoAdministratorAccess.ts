import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { list } from '../../values';

const ADMINISTRATOR_ACCESS = /:policy\/AdministratorAccess$/;

/** The AWS managed AdministratorAccess policy is attached to no role, user or group. */
export const IamNoAdministratorAccess: PolicyRule = {
  name: 'IamNoAdministratorAccess',
  resourceTypes: [
    'aws_iam_role_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_role',
  ],
  check(resource) {
    const arns = resource.type === 'aws_iam_role' ? list(resource.config.managed_policy_arns) : [resource.config.policy_arn];
    const admin = arns.find((arn) => typeof arn === 'string' && ADMINISTRATOR_ACCESS.test(arn));
    return admin ? nonCompliant(`attaches ${admin}`) : Compliance.COMPLIANT;
  },
};
