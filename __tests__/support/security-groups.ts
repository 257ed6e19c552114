import { Construct } from 'constructs';
import { ISecurityGroup, SecurityGroup } from '../../constructs/security-group';
import { resourcesOf, StackJson, SynthResource } from './synth';

/** ID of the existing group the construct tests bring. */
export const EXISTING_GROUP_ID = 'sg-0123456789abcdef0';

/** An existing security group given by ID, as a team brings one to a construct. */
export function existingGroup(scope: Construct, id = 'existing-sg', securityGroupId = EXISTING_GROUP_ID): ISecurityGroup {
  return SecurityGroup.fromSecurityGroupId(scope, id, securityGroupId);
}

/** The ingress and egress rule resources whose `security_group_id` is `securityGroupId`. */
export function rulesOn(json: StackJson, securityGroupId: string): { ingress: SynthResource[]; egress: SynthResource[] } {
  const on = (type: string) => resourcesOf(json, type).filter((rule) => rule.security_group_id === securityGroupId);
  return { ingress: on('aws_vpc_security_group_ingress_rule'), egress: on('aws_vpc_security_group_egress_rule') };
}
