// An app of one's own (not WordPress) behind a load balancer, using a MySQL database and a VPC
// that already exist: the network and the database are given by IDs (Network.fromAttributes,
// Database.fromDatabaseAttributes), so neither is created and nothing is looked up in AWS. The
// generic constructs do the wiring: `addTarget` registers the app servers with a target group and
// opens the load balancer's path to them, `connections` opens the database to them, and `grant*`
// gives their role the database secret and the bucket of uploads.
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Database, LoadBalancer, Network, PrivateBucket, SecurityGroup, WebServers } from 'aws-web-stack';

/** The existing VPC, as the network team hands it over. */
export const EXISTING_VPC = {
  vpcId: 'vpc-0d1e2f3a4b5c60718',
  vpcCidrBlock: '10.90.0.0/16',
  publicSubnetIds: { 'eu-west-1a': 'subnet-0bb11cc22dd33ee01', 'eu-west-1b': 'subnet-0bb11cc22dd33ee02' },
  privateSubnetIds: { 'eu-west-1a': 'subnet-0ff44aa55bb66cc01', 'eu-west-1b': 'subnet-0ff44aa55bb66cc02' },
};

/** The existing database, as the data team hands it over: endpoint, group and master secret. */
export const EXISTING_DATABASE = {
  address: 'orders.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com',
  securityGroupId: 'sg-0a0b0c0d0e0f01234',
  secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-7f3e9c2a-1b4d-4e5f-9a8b-0c1d2e3f4a5b-Qw3rTy',
};

/** The app's port; the load balancer checks `/health` on it. */
export const APP_PORT = 8080;

// A stand-in for the real app: answers on APP_PORT, `/health` included.
const USER_DATA = `#!/bin/bash
set -euo pipefail
mkdir -p /srv/app && echo ok > /srv/app/health
cd /srv/app && nohup python3 -m http.server ${APP_PORT} >/var/log/app.log 2>&1 &
`;

export class AppExistingDatabaseStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const tags = { Team: 'orders', Example: 'app-existing-database' };
    new AwsProvider(this, 'aws', { region: 'eu-west-1', defaultTags: [{ tags }] });

    const network = Network.fromAttributes(this, 'network', EXISTING_VPC);
    const database = Database.fromDatabaseAttributes(this, 'orders-db', {
      address: EXISTING_DATABASE.address,
      securityGroup: SecurityGroup.fromSecurityGroupId(this, 'orders-db-sg', EXISTING_DATABASE.securityGroupId, { label: 'orders-db' }),
      secretArn: EXISTING_DATABASE.secretArn,
      name: 'orders',
    });
    const uploads = new PrivateBucket(this, 'uploads', { bucketName: 'acme-orders-uploads-123456789012' });

    const app = new WebServers(this, 'app', {
      name: 'orders-app',
      network,
      userDataBase64: Buffer.from(USER_DATA).toString('base64'),
      tags,
    });
    const loadBalancer = new LoadBalancer(this, 'load-balancer', { name: 'orders', network });
    loadBalancer.addTarget(app, {
      id: 'app',
      port: APP_PORT,
      healthCheck: { path: '/health' },
      description: 'App traffic from the load balancer',
    });

    database.connections.allowDefaultPortFrom(app, 'MySQL from the orders app');
    database.grantSecretRead(app);
    uploads.grantRead(app);
    uploads.grantWrite(app);

    new TerraformOutput(this, 'url', { value: loadBalancer.url });
  }
}

/** Synthesizes the example into `outdir`. */
export function synthesizeExample(outdir: string): void {
  const app = new App({ outdir });
  new AppExistingDatabaseStack(app, 'app-existing-database');
  app.synth();
}

if (require.main === module) {
  synthesizeExample(process.argv[2] ?? path.resolve('cdktf.out'));
}
