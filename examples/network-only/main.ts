// A VPC with public and private subnets in three availability zones, one NAT gateway per
// zone, and nothing else: the network module on its own, as another repository would use it.
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Network } from 'aws-web-stack';

export class NetworkOnlyStack extends TerraformStack {
  public readonly network: Network;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-central-1', defaultTags: [{ tags: { Example: 'network-only' } }] });

    this.network = new Network(this, 'network', {
      name: 'example-network',
      cidrBlock: '10.42.0.0/16',
      availabilityZones: {
        'eu-central-1a': { publicCidr: '10.42.0.0/24', privateCidr: '10.42.100.0/24' },
        'eu-central-1b': { publicCidr: '10.42.1.0/24', privateCidr: '10.42.101.0/24' },
        'eu-central-1c': { publicCidr: '10.42.2.0/24', privateCidr: '10.42.102.0/24' },
      },
      // One gateway per zone survives a zone outage; 'single' costs a third as much.
      natGateways: 'perAz',
    });

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId });
    new TerraformOutput(this, 'private_subnet_ids', {
      value: Object.fromEntries(Object.entries(this.network.privateSubnets).map(([zone, subnet]) => [zone, subnet.id])),
    });
  }
}

/** Synthesizes the example into `outdir`. */
export function synthesizeExample(outdir: string): void {
  const app = new App({ outdir });
  new NetworkOnlyStack(app, 'network-only');
  app.synth();
}

if (require.main === module) {
  synthesizeExample(process.argv[2] ?? path.resolve('cdktf.out'));
}
