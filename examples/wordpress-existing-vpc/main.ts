// WordPress, with its alarms, dashboard, health check and flow logs, in a VPC another team
// already runs: the network is given by IDs (Network.fromAttributes), so nothing of it is created
// and nothing is looked up in AWS; the plan works offline. This is how another repository uses the
// package: it installs the tarball (`npm install ./aws-web-stack-<version>.tgz`) and imports it
// by name.
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Network, Operations, WordPress } from 'aws-web-stack';

/** The existing VPC, as the network team hands it over. */
export const EXISTING_VPC = {
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  vpcCidrBlock: '10.80.0.0/16',
  publicSubnetIds: { 'eu-west-2a': 'subnet-0aa11bb22cc33dd01', 'eu-west-2b': 'subnet-0aa11bb22cc33dd02' },
  privateSubnetIds: { 'eu-west-2a': 'subnet-0ee44ff55aa66bb01', 'eu-west-2b': 'subnet-0ee44ff55aa66bb02' },
  privateRouteTableIds: { 'eu-west-2a': 'rtb-0c0c0c0c0c0c0c0c1', 'eu-west-2b': 'rtb-0c0c0c0c0c0c0c0c2' },
};

export class WordPressExistingVpcStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const tags = { Team: 'marketing', Example: 'wordpress-existing-vpc' };
    new AwsProvider(this, 'aws', { region: 'eu-west-2', defaultTags: [{ tags }] });

    const network = Network.fromAttributes(this, 'network', EXISTING_VPC);
    const blog = new WordPress(this, 'blog', {
      name: 'mkt-blog',
      network,
      // default_tags do not reach what a launch template launches.
      tags,
      webServers: { minSize: 2, maxSize: 4 },
      database: { allocatedStorageGiB: 50 },
    });

    const operations = new Operations(this, 'operations', {
      name: 'mkt-blog',
      region: 'eu-west-2',
      alarmEmails: ['web-oncall@example.com'],
      healthCheck: { url: `${blog.siteUrl}/` },
      loadBalancer: { arnSuffix: blog.loadBalancer.loadBalancerArnSuffix, targetGroupArnSuffix: blog.targetGroup.arnSuffix },
      database: { instanceIdentifier: blog.database.instanceIdentifier },
      autoScalingGroup: { name: blog.webServers.autoScalingGroupName, minSize: blog.webServers.minSize },
      flowLogs: { network, retentionDays: 30 },
    });

    new TerraformOutput(this, 'site_url', { value: blog.siteUrl });
    new TerraformOutput(this, 'alarm_topic_arn', { value: operations.alarmTopic.topicArn });
  }
}

/** Synthesizes the example into `outdir`. */
export function synthesizeExample(outdir: string): void {
  const app = new App({ outdir });
  new WordPressExistingVpcStack(app, 'wordpress-existing-vpc');
  app.synth();
}

if (require.main === module) {
  synthesizeExample(process.argv[2] ?? path.resolve('cdktf.out'));
}
