import { PackRule } from './pack-rule';
import { CloudFrontHttpsOnly } from './rules/cloudfront/CloudFrontHttpsOnly';
import { CloudFrontS3OriginAccessControl } from './rules/cloudfront/CloudFrontS3OriginAccessControl';
import { CloudFrontTlsVersion } from './rules/cloudfront/CloudFrontTlsVersion';
import { Ec2EbsEncrypted } from './rules/ec2/Ec2EbsEncrypted';
import { Ec2Imdsv2Required } from './rules/ec2/Ec2Imdsv2Required';
import { Ec2NoPublicIpInPrivateSubnet } from './rules/ec2/Ec2NoPublicIpInPrivateSubnet';
import { AlbDeletionProtectionInProduction } from './rules/elb/AlbDeletionProtectionInProduction';
import { AlbDropInvalidHeaders } from './rules/elb/AlbDropInvalidHeaders';
import { AlbHttpsWhenCertificate } from './rules/elb/AlbHttpsWhenCertificate';
import { AlbTlsPolicy } from './rules/elb/AlbTlsPolicy';
import { SecurityGroupDescriptions } from './rules/security-group/SecurityGroupDescriptions';
import { SecurityGroupNoAllPortsIngress } from './rules/security-group/SecurityGroupNoAllPortsIngress';
import { SecurityGroupNoInlineRules } from './rules/security-group/SecurityGroupNoInlineRules';
import { SecurityGroupNoWorldIngress } from './rules/security-group/SecurityGroupNoWorldIngress';
import { SubnetNoAutoPublicIp } from './rules/vpc/SubnetNoAutoPublicIp';
import { VpcDefaultSecurityGroupClosed } from './rules/vpc/VpcDefaultSecurityGroupClosed';
import { VpcFlowLogs } from './rules/vpc/VpcFlowLogs';

/**
 * Rules for what the network lets in and how: instances (metadata service, public IPs, volumes),
 * security groups, VPC defaults, and TLS on load balancers and CloudFront. Part of the default
 * pack (`webStackRules`); the pack is split by what a rule protects so each list stays readable.
 */
export const networkExposureRules: readonly PackRule[] = [
  {
    id: 'WS-EC2-1',
    rule: Ec2Imdsv2Required,
    severity: 'error',
    description: 'EC2 instances and launch templates require IMDSv2 (http_tokens "required").',
    why: "IMDSv1 answers any GET request, so an SSRF bug in the application leaks the instance role's credentials.",
    fix: 'Set metadata_options { http_tokens = "required", http_endpoint = "enabled", http_put_response_hop_limit = 1 }.',
    equivalents: { checkov: ['CKV_AWS_79'], trivy: ['AVD-AWS-0028', 'AVD-AWS-0130'] },
  },
  {
    id: 'WS-EC2-2',
    rule: Ec2EbsEncrypted,
    severity: 'error',
    description: 'EBS volumes of instances, launch templates and standalone volumes are encrypted.',
    why: 'Unencrypted volumes and their snapshots expose data to anyone who can copy or share a snapshot.',
    fix: 'Declare the root volume in block_device_mappings / root_block_device with encrypted = true (or "true" in launch templates).',
    equivalents: { checkov: ['CKV_AWS_3', 'CKV_AWS_8'], trivy: ['AVD-AWS-0026', 'AVD-AWS-0131', 'AVD-AWS-0008'] },
  },
  {
    id: 'WS-EC2-3',
    rule: Ec2NoPublicIpInPrivateSubnet,
    severity: 'error',
    description: 'Instances in private subnets do not get a public IP.',
    why: 'A public IP in a private subnet is unreachable through its route table yet signals a design mistake, and becomes an exposure if routes change.',
    fix: 'Remove associate_public_ip_address (instances and launch template network interfaces) for private subnets; reach them through the load balancer or bastion.',
    equivalents: { checkov: ['CKV_AWS_88'] },
  },
  {
    id: 'WS-SG-1',
    rule: SecurityGroupNoWorldIngress,
    severity: 'error',
    description: "No ingress from 0.0.0.0/0 or ::/0, except web ports 80/443 on an internet-facing load balancer's group.",
    why: 'Anything else open to the internet (SSH, databases, app ports) is scanned and attacked within minutes.',
    fix: 'Allow from specific CIDRs or from another security group (connections.allowFrom); serve the public through the load balancer.',
    equivalents: { checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260'], trivy: ['AVD-AWS-0107'] },
  },
  {
    id: 'WS-SG-2',
    rule: SecurityGroupDescriptions,
    severity: 'error',
    description: 'Security groups and their rules have descriptions.',
    why: 'A rule without a reason cannot be reviewed and is never removed.',
    fix: 'Pass a description to SecurityGroup and to every allowFrom/allowTo call.',
    equivalents: { checkov: ['CKV_AWS_23'], trivy: ['AVD-AWS-0099', 'AVD-AWS-0124'] },
  },
  {
    id: 'WS-SG-3',
    rule: SecurityGroupNoAllPortsIngress,
    severity: 'error',
    description: 'No ingress rule opens all ports or all protocols.',
    why: 'All-ports rules grant far more than any service needs, so one compromised peer reaches everything.',
    fix: 'Allow only the ports the service listens on, such as Port.tcp(3306).',
    equivalents: { checkov: ['CKV_AWS_277'] },
  },
  {
    id: 'WS-SG-4',
    rule: SecurityGroupNoInlineRules,
    severity: 'warning',
    description: 'Security groups keep rules in separate rule resources, not inline blocks.',
    why: 'Inline rules and separate rule resources fight over the same group, and inline rules cannot be added from other constructs.',
    fix: 'Use SecurityGroup and Connections from constructs/, which create one aws_vpc_security_group_*_rule per rule.',
  },
  {
    id: 'WS-VPC-1',
    rule: VpcFlowLogs,
    severity: 'warning',
    description: 'Every VPC has a flow log.',
    why: 'Without flow logs there is no record of who talked to what when investigating an incident.',
    fix: 'Add an aws_flow_log for the VPC (to CloudWatch Logs with a retention, or to S3).',
    equivalents: { checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178'] },
  },
  {
    id: 'WS-VPC-2',
    rule: VpcDefaultSecurityGroupClosed,
    severity: 'error',
    description: "Every VPC's default security group is managed and has no rules.",
    why: "AWS's default group allows all traffic between its members and all egress; anything launched without a group lands in it.",
    fix: 'Add an aws_default_security_group for the VPC with no ingress and no egress blocks (Network does this).',
    equivalents: { checkov: ['CKV2_AWS_12'] },
  },
  {
    id: 'WS-VPC-3',
    rule: SubnetNoAutoPublicIp,
    severity: 'warning',
    description: 'Subnets do not assign public IPs on launch.',
    why: 'Automatic public IPs expose every instance launched into the subnet, intended or not.',
    fix: 'Set map_public_ip_on_launch = false and give public instances an Elastic IP explicitly.',
    equivalents: { checkov: ['CKV_AWS_130'], trivy: ['AVD-AWS-0164'] },
  },
  {
    id: 'WS-ALB-1',
    rule: AlbDropInvalidHeaders,
    severity: 'error',
    description: 'Application load balancers drop invalid HTTP header fields.',
    why: 'Malformed headers are a request-smuggling vector towards the targets behind the load balancer.',
    fix: 'Set drop_invalid_header_fields = true on the aws_lb.',
    equivalents: { checkov: ['CKV_AWS_131'], trivy: ['AVD-AWS-0052'] },
  },
  {
    id: 'WS-ALB-2',
    rule: AlbHttpsWhenCertificate,
    severity: 'error',
    description: 'HTTPS listeners have a certificate, and with a certificate every HTTP listener redirects to HTTPS.',
    why: 'Serving the same site over plain HTTP next to HTTPS lets users (and their session cookies) stay on the unencrypted path.',
    fix: 'Make the port 80 listener\'s default_action a redirect with protocol "HTTPS" and status_code "HTTP_301".',
    equivalents: { checkov: ['CKV_AWS_2', 'CKV2_AWS_20'], trivy: ['AVD-AWS-0054'] },
  },
  {
    id: 'WS-ALB-3',
    rule: AlbDeletionProtectionInProduction,
    severity: 'error',
    description: 'Production load balancers have deletion protection.',
    why: 'Deleting the production load balancer takes the site down and changes its DNS name.',
    fix: 'Set enable_deletion_protection = true when the environment is production.',
    equivalents: { checkov: ['CKV_AWS_150'] },
  },
  {
    id: 'WS-ALB-4',
    rule: AlbTlsPolicy,
    severity: 'warning',
    description: 'HTTPS listeners accept TLS 1.2 or newer only.',
    why: "The provider's default policy (ELBSecurityPolicy-2016-08) still accepts TLS 1.0 and 1.1, which have known weaknesses.",
    fix: 'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06".',
    equivalents: { checkov: ['CKV_AWS_103'], trivy: ['AVD-AWS-0047'] },
  },
  {
    id: 'WS-CF-1',
    rule: CloudFrontHttpsOnly,
    severity: 'error',
    description: 'CloudFront cache behaviors redirect HTTP to HTTPS (or refuse HTTP).',
    why: '"allow-all" serves the site over plain HTTP, open to tampering and eavesdropping.',
    fix: 'Set viewer_protocol_policy = "redirect-to-https" on every cache behavior.',
    equivalents: { checkov: ['CKV_AWS_34'], trivy: ['AVD-AWS-0012'] },
  },
  {
    id: 'WS-CF-2',
    rule: CloudFrontTlsVersion,
    severity: 'warning',
    description: 'CloudFront distributions with their own certificate accept TLS 1.2 or newer only.',
    why: 'Older TLS versions have known weaknesses and are no longer needed by current browsers.',
    fix: 'Set viewer_certificate.minimum_protocol_version = "TLSv1.2_2021".',
    equivalents: { checkov: ['CKV_AWS_174'], trivy: ['AVD-AWS-0013'] },
  },
  {
    id: 'WS-CF-3',
    rule: CloudFrontS3OriginAccessControl,
    severity: 'error',
    description: 'CloudFront reads S3 bucket origins through origin access control.',
    why: 'Without OAC the bucket must be public for CloudFront to read it, and visitors can bypass CloudFront.',
    fix: 'Create an aws_cloudfront_origin_access_control and set origin_access_control_id on the S3 origin; allow it in the bucket policy.',
  },
];
