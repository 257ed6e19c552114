import { WordPressUserDataValues } from '../../../constructs/private/wordpress-user-data';

/** Realistic boot values at their longest plausible lengths, shared by the user-data tests. */
export const VALUES: WordPressUserDataValues = {
  fileSystemId: 'fs-0123456789abcdef0',
  dbHost: 'web-dev.abcdefghijkl.eu-west-1.rds.amazonaws.com',
  dbName: 'wordpress',
  dbAppSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:web-dev-wordpress-db-user-20260101000000000000000001-AbCdEf',
  adminSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:web-dev-wordpress-admin-20260101000000000000000002-AbCdEf',
  wordpressVersion: '7.1.0',
  wordpressSha1: 'e0ca593bc062f7a8c5a956ca44aff7375b0841e0',
  siteUrl: 'https://web-dev-1234567890.eu-west-1.elb.amazonaws.com',
  siteTitle: 'Jo\'s "blog" — $HOME `id`',
  adminUser: 'siteadmin',
  adminEmail: 'admin@example.com',
  caBundleBucket: 'web-stack-dev-boot-20260101000000000000000003',
  caBundleKey: '83fe4e0d026bae52/rds-ca-bundle.pem',
  caBundleSha256: '83fe4e0d026bae52ddaefca95aac0733d1be2fb6ebeec4434fc33d55d0929aa1',
  autoScalingGroupName: 'web-stack-dev-web',
  launchHookName: 'launch',
  enableXmlRpc: false,
};
