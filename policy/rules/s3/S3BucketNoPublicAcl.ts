import { Compliance, nonCompliant, PolicyRule } from '../../rule';
import { blocks, stringValue } from '../../values';

const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];
const PUBLIC_GRANTEES = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];

/** No canned or explicit ACL grants access to everyone or to every AWS account. */
export const S3BucketNoPublicAcl: PolicyRule = {
  name: 'S3BucketNoPublicAcl',
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_acl'],
  check(resource) {
    const acl = stringValue(resource.config.acl, 'acl');
    if (acl && PUBLIC_ACLS.includes(acl)) return nonCompliant(`acl "${acl}"`);
    const grants = blocks(resource.config.access_control_policy).flatMap((p) => blocks(p.grant));
    const publicGrant = grants.find((g) => blocks(g.grantee).some((grantee) => PUBLIC_GRANTEES.includes(grantee.uri)));
    if (publicGrant) return nonCompliant(`grant of ${publicGrant.permission} to ${blocks(publicGrant.grantee)[0].uri}`);
    return acl || grants.length > 0 ? Compliance.COMPLIANT : Compliance.NOT_APPLICABLE;
  },
};
