import { BootFiles } from '../../../constructs/boot-files';
import { Database } from '../../../constructs/database';
import { DatabaseSetup } from '../../../constructs/database-setup';
import { FileSystem } from '../../../constructs/file-system';
import { defaultRdsCaBundle } from '../../../constructs/private/rds-ca-bundle';
import { wireWordPressAccess } from '../../../constructs/private/wordpress-access';
import { RuntimeSecret } from '../../../constructs/runtime-secret';
import { WebServers } from '../../../constructs/web-servers';
import { testNetwork } from '../../support/network';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, synthStack } from '../../support/synth';
import { rulesOn } from '../../support/security-groups';

function synthWired() {
  return synthStack((stack) => {
    const network = testNetwork(stack);
    const database = new Database(stack, 'database', { name: 'site', network, databaseName: 'wordpress', masterUsername: 'wpadmin' });
    const fileSystem = new FileSystem(stack, 'file-system', { name: 'site', network });
    const adminSecret = new RuntimeSecret(stack, 'admin-secret', { name: 'site-admin', description: 'admin' });
    const databaseUserSecret = new RuntimeSecret(stack, 'database-user-secret', { name: 'site-db-user', description: 'db user' });
    const databaseSetup = new DatabaseSetup(stack, 'database-setup', { name: 'site', network, database, userSecret: databaseUserSecret });
    const bootFiles = new BootFiles(stack, 'boot-files', { name: 'site' });
    const bundle = defaultRdsCaBundle();
    const caBundle = bootFiles.addFile('rds-ca-bundle', { name: 'rds-ca-bundle.pem', path: bundle.file, sha256: bundle.sha256 });
    const webServers = new WebServers(stack, 'web-servers', { name: 'site', network, userDataBase64: 'IyEvYmluL2Jhc2gK' });
    wireWordPressAccess({ webServers, database, fileSystem, databaseSetup, bootFiles, caBundle, adminSecret, databaseUserSecret });
  });
}

describe('wireWordPressAccess', () => {
  test("the web role reads the CA bundle and the app user's secret, reads and writes the admin's, and never the master secret", () => {
    const json = synthWired();
    const webRole = resourcesOf(json, 'aws_iam_role').find((role) => role.name === 'site-web')!;
    const webPolicies = resourcesOf(json, 'aws_iam_role_policy').filter((policy) => policy.role === ref('aws_iam_role', webRole));
    expect(webPolicies.map((policy) => policy.name).sort()).toEqual([
      'site-admin-read',
      'site-admin-write',
      'site-boot-files-read',
      'site-db-user-read',
    ]);
    const master = resourcesOf(json, 'aws_db_instance')[0];
    for (const policy of webPolicies) expect(policy.policy).not.toContain(`aws_db_instance.${master.logicalId}`);
  });

  test('the group launches after every grant and after the database user exists', () => {
    const json = synthWired();
    const webRole = resourcesOf(json, 'aws_iam_role').find((role) => role.name === 'site-web')!;
    const webPolicies = resourcesOf(json, 'aws_iam_role_policy').filter((policy) => policy.role === ref('aws_iam_role', webRole));
    expect([...onlyResourceOf(json, 'aws_autoscaling_group').depends_on].sort()).toEqual(
      [
        ...webPolicies.map((policy) => `aws_iam_role_policy.${policy.logicalId}`),
        `aws_lambda_invocation.${onlyResourceOf(json, 'aws_lambda_invocation').logicalId}`,
      ].sort(),
    );
  });

  test('MySQL and NFS open to the web servers', () => {
    const json = synthWired();
    const web = resourceAtPath(json, 'aws_security_group', 'web-servers/security-group/Resource');
    const ingressFromWeb = (path: string) =>
      rulesOn(json, ref('aws_security_group', resourceAtPath(json, 'aws_security_group', `${path}/Resource`))).ingress.filter(
        (rule) => rule.referenced_security_group_id === ref('aws_security_group', web),
      );
    expect(ingressFromWeb('database/security-group')).toEqual([expect.objectContaining({ from_port: 3306, to_port: 3306 })]);
    expect(ingressFromWeb('file-system/security-group')).toEqual([expect.objectContaining({ from_port: 2049, to_port: 2049 })]);
  });
});
