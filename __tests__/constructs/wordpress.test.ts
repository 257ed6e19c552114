import { TerraformOutput, TerraformStack } from 'cdktf';
import { BastionHost } from '../../constructs/bastion-host';
import { Network } from '../../constructs/network';
import { WordPress, WordPressProps } from '../../constructs/wordpress';
import { SecurityGroup } from '../../constructs/security-group';
import { WebServers } from '../../constructs/web-servers';
import { testNetwork } from '../support/network';
import { rulesOn } from '../support/security-groups';
import { onlyResourceOf, ref, resourceAtPath, resourcesOf, StackJson, synthStack } from '../support/synth';
import { repeatedChildAttributes } from '../support/attributes';
import { TWO_ZONES } from '../support/zones';

function build(stack: TerraformStack, options: { bastion?: boolean; props?: Partial<WordPressProps> } = {}): WordPress {
  const network = new Network(stack, 'network', { name: 'web-dev', availabilityZones: TWO_ZONES });
  const bastion = options.bastion
    ? new BastionHost(stack, 'bastion', {
        name: 'web-dev',
        network,
        sshCidrs: ['203.0.113.0/24'],
      })
    : undefined;
  return new WordPress(stack, 'wordpress', { name: 'web-dev', network, bastion, ...options.props });
}

function group(json: StackJson, path: string) {
  return resourceAtPath(json, 'aws_security_group', `wordpress/${path}/security-group/Resource`);
}

/** Ingress rules on a group as [port, source] pairs, the source a CIDR or a group's reference. */
function ingressOf(json: StackJson, target: { logicalId: string }) {
  return resourcesOf(json, 'aws_vpc_security_group_ingress_rule')
    .filter((rule) => rule.security_group_id === ref('aws_security_group', target))
    .map((rule) => [rule.from_port, rule.cidr_ipv4 ?? rule.referenced_security_group_id]);
}

describe('WordPress', () => {
  test('composes a load balancer, web servers, a database and a file system', () => {
    const json = synthStack((stack) => build(stack));
    for (const type of [
      'aws_lb',
      'aws_lb_target_group',
      'aws_launch_template',
      'aws_autoscaling_group',
      'aws_autoscaling_policy',
      'aws_db_instance',
      'aws_db_subnet_group',
      'aws_efs_file_system',
      'aws_efs_backup_policy',
    ]) {
      expect(resourcesOf(json, type)).toHaveLength(1);
    }
    expect(resourcesOf(json, 'aws_efs_mount_target')).toHaveLength(2);
  });

  test('security groups allow exactly the request path: world to ALB, ALB to web on 80, web and the setup function to MySQL, web to NFS', () => {
    const json = synthStack((stack) => build(stack));
    const [alb, web, db, efs, setup] = [
      group(json, 'load-balancer'),
      group(json, 'web-servers'),
      group(json, 'database'),
      group(json, 'file-system'),
      group(json, 'database-setup'),
    ];
    expect(ingressOf(json, alb)).toEqual([[80, '0.0.0.0/0']]);
    expect(ingressOf(json, web)).toEqual([[80, ref('aws_security_group', alb)]]);
    expect(ingressOf(json, db).sort()).toEqual(
      [
        [3306, ref('aws_security_group', setup)],
        [3306, ref('aws_security_group', web)],
      ].sort(),
    );
    expect(ingressOf(json, setup)).toEqual([]);
    expect(ingressOf(json, efs)).toEqual([[2049, ref('aws_security_group', web)]]);
    const egressOf = (target: { logicalId: string }) =>
      resourcesOf(json, 'aws_vpc_security_group_egress_rule')
        .filter((rule) => rule.security_group_id === ref('aws_security_group', target))
        .map((rule) => [rule.from_port, rule.cidr_ipv4 ?? rule.referenced_security_group_id])
        .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(egressOf(alb)).toEqual([[80, ref('aws_security_group', web)]]);
    expect(egressOf(web)).toEqual([
      [443, '0.0.0.0/0'],
      [2049, ref('aws_security_group', efs)],
      [3306, ref('aws_security_group', db)],
    ]);
    for (const rule of [
      ...resourcesOf(json, 'aws_vpc_security_group_ingress_rule'),
      ...resourcesOf(json, 'aws_vpc_security_group_egress_rule'),
    ]) {
      expect(rule.description).toMatch(/\S/);
    }
  });

  test("existing groups given by ID for every part: only the setup function's own is created, and the request path is opened between those IDs", () => {
    const [alb, web, db, efs] = ['sg-0a0000000000000a1', 'sg-0b0000000000000b2', 'sg-0c0000000000000c3', 'sg-0d0000000000000d4'];
    const json = synthStack((stack) => {
      const existing = (id: string) => ({ securityGroup: SecurityGroup.fromSecurityGroupId(stack, id, id) });
      new WordPress(stack, 'wordpress', {
        name: 'web-dev',
        network: testNetwork(stack),
        loadBalancer: existing(alb),
        webServers: existing(web),
        database: existing(db),
        fileSystem: existing(efs),
      });
    });
    expect(resourcesOf(json, 'aws_security_group').map((g) => g.tags.Name)).toEqual(['web-dev-db-setup']);
    const setup = ref('aws_security_group', onlyResourceOf(json, 'aws_security_group'));
    const ingress = (id: string) =>
      rulesOn(json, id).ingress.map((rule) => [rule.from_port, rule.cidr_ipv4 ?? rule.referenced_security_group_id]);
    expect(ingress(alb)).toEqual([[80, '0.0.0.0/0']]);
    expect(ingress(web)).toEqual([[80, alb]]);
    expect(ingress(db).sort()).toEqual(
      [
        [3306, setup],
        [3306, web],
      ].sort(),
    );
    expect(ingress(efs)).toEqual([[2049, web]]);
    expect(onlyResourceOf(json, 'aws_launch_template').network_interfaces[0].security_groups).toEqual([web]);
  });

  test('without a bastion the web servers have only their own group', () => {
    const json = synthStack((stack) => build(stack));
    const groups = onlyResourceOf(json, 'aws_launch_template').network_interfaces[0].security_groups;
    expect(groups).toEqual([ref('aws_security_group', group(json, 'web-servers'))]);
  });

  test('with a bastion the web servers also get its SSH access group, which admits SSH from the bastion only', () => {
    const json = synthStack((stack) => build(stack, { bastion: true }));
    const sshAccess = resourceAtPath(json, 'aws_security_group', 'bastion/ssh-access/Resource');
    const bastionGroup = resourceAtPath(json, 'aws_security_group', 'bastion/security-group/Resource');
    const groups = resourcesOf(json, 'aws_launch_template').find((t) => t.name === 'web-dev-web')!.network_interfaces[0].security_groups;
    expect(groups).toEqual([ref('aws_security_group', group(json, 'web-servers')), ref('aws_security_group', sshAccess)]);
    expect(ingressOf(json, sshAccess)).toEqual([[22, ref('aws_security_group', bastionGroup)]]);
  });

  test('the ASG registers with the target group and waits for the mount targets and every policy of the web role', () => {
    const json = synthStack((stack) => build(stack));
    const asg = onlyResourceOf(json, 'aws_autoscaling_group');
    expect(asg.target_group_arns).toEqual([ref('aws_lb_target_group', onlyResourceOf(json, 'aws_lb_target_group'), 'arn')]);
    const webRole = resourcesOf(json, 'aws_iam_role').find((role) => role.name === 'web-dev-web')!;
    // The secret grants and the launch hook's permission: everything the first boot calls.
    const webPolicies = resourcesOf(json, 'aws_iam_role_policy').filter((policy) => policy.role === ref('aws_iam_role', webRole));
    expect(webPolicies.length).toBeGreaterThanOrEqual(4);
    expect([...asg.depends_on].sort()).toEqual(
      [
        ...resourcesOf(json, 'aws_efs_mount_target').map((t) => `aws_efs_mount_target.${t.logicalId}`),
        ...webPolicies.map((policy) => `aws_iam_role_policy.${policy.logicalId}`),
        // The database user exists before any instance boots.
        `aws_lambda_invocation.${onlyResourceOf(json, 'aws_lambda_invocation').logicalId}`,
      ].sort(),
    );
  });

  test('instances stay out of service until the boot answers the launch hook, and the group waits for them at create', () => {
    const json = synthStack((stack) => build(stack));
    const asg = onlyResourceOf(json, 'aws_autoscaling_group');
    expect(asg.initial_lifecycle_hook).toEqual([
      {
        name: WebServers.LAUNCH_HOOK_NAME,
        lifecycle_transition: 'autoscaling:EC2_INSTANCE_LAUNCHING',
        default_result: 'ABANDON',
        heartbeat_timeout: WebServers.DEFAULT_LAUNCH_HOOK_TIMEOUT_SECONDS,
      },
    ]);
    expect(asg.min_elb_capacity).toBe(asg.min_size);
    // The permission names the group by the same name string, not by a reference to it.
    const statements = resourcesOf(json, 'aws_iam_role_policy').flatMap((policy) => JSON.parse(policy.policy).Statement);
    const complete = statements.filter((statement) => statement.Action === 'autoscaling:CompleteLifecycleAction');
    expect(complete).toEqual([
      expect.objectContaining({ Resource: `arn:*:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/${asg.name}` }),
    ]);
  });

  test('the ALB is in the public subnets; the web servers, database and mount targets in the private ones', () => {
    const json = synthStack((stack) => build(stack));
    const subnet = (tier: string, zone: string) => ref('aws_subnet', resourceAtPath(json, 'aws_subnet', `network/${tier}-${zone}`));
    expect(onlyResourceOf(json, 'aws_lb').subnets).toEqual([subnet('public', 'eu-west-1a'), subnet('public', 'eu-west-1b')]);
    const privateSubnets = [subnet('private', 'eu-west-1a'), subnet('private', 'eu-west-1b')];
    expect(onlyResourceOf(json, 'aws_autoscaling_group').vpc_zone_identifier).toEqual(privateSubnets);
    expect(onlyResourceOf(json, 'aws_db_subnet_group').subnet_ids).toEqual(privateSubnets);
    expect(
      resourcesOf(json, 'aws_efs_mount_target')
        .map((t) => t.subnet_id)
        .sort(),
    ).toEqual([...privateSubnets].sort());
  });

  test('the user data carries the file system, database host and secret as references, and no password', () => {
    const json = synthStack((stack) => build(stack));
    const userData: string = onlyResourceOf(json, 'aws_launch_template').user_data;
    const db = onlyResourceOf(json, 'aws_db_instance');
    expect(userData.startsWith('${base64gzip(join("", [')).toBe(true);
    expect(userData).toContain(`aws_efs_file_system.${onlyResourceOf(json, 'aws_efs_file_system').logicalId}.id`);
    expect(userData).toContain(`aws_db_instance.${db.logicalId}.address`);
    // The master secret is not even named: only the setup function's input and policy carry it.
    expect(userData).not.toContain('master_user_secret');
    const invocation = onlyResourceOf(json, 'aws_lambda_invocation');
    expect(JSON.parse(invocation.input)).toEqual({
      masterSecretArn: ref('aws_db_instance', db, 'master_user_secret[0].secret_arn'),
      appSecretArn: expect.stringMatching(/^\$\{aws_secretsmanager_secret\.wordpress_database-user-secret_.*\.arn\}$/),
      host: ref('aws_db_instance', db, 'address'),
      port: 3306,
      database: 'wordpress',
      username: 'wordpress',
    });
    expect(invocation.depends_on).toContain(`aws_db_instance.${db.logicalId}`);
    // It runs once its role may read the master secret and read and write the user's.
    const functionRole = resourcesOf(json, 'aws_iam_role').find((role) => role.name === 'web-dev-db-setup-lambda')!;
    const grants = resourcesOf(json, 'aws_iam_role_policy').filter(
      (policy) => policy.role === ref('aws_iam_role', functionRole) && policy.name !== 'least-privilege',
    );
    expect(grants.map((policy) => policy.name).sort()).toEqual([
      'web-dev-db-secret-read',
      'web-dev-wordpress-db-user-read',
      'web-dev-wordpress-db-user-write',
    ]);
    expect(invocation.depends_on).toEqual(expect.arrayContaining(grants.map((policy) => `aws_iam_role_policy.${policy.logicalId}`)));
  });

  test('xmlrpc.php is refused by default; enableXmlRpc reaches the boot script', () => {
    const userDataOf = (props: Partial<WordPressProps>) =>
      onlyResourceOf(
        synthStack((stack) => build(stack, { props })),
        'aws_launch_template',
      ).user_data;
    expect(userDataOf({})).toContain(`ENABLE_XMLRPC='", "false", "'`);
    expect(userDataOf({ enableXmlRpc: true })).toContain(`ENABLE_XMLRPC='", "true", "'`);
  });

  test('settings reach the parts: certificate, sizes, Multi-AZ, file system', () => {
    const json = synthStack((stack) =>
      build(stack, {
        props: {
          wordpressVersion: '6.8.3',
          loadBalancer: {
            certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
            deletionProtection: true,
          },
          webServers: { instanceType: 't3.small', minSize: 2, desiredCapacity: 3, maxSize: 6 },
          database: { multiAz: true, deletionProtection: true },
          fileSystem: { transitionToIa: 'AFTER_60_DAYS' },
        },
      }),
    );
    expect(
      ingressOf(json, group(json, 'load-balancer'))
        .map(([port]) => port)
        .sort(),
    ).toEqual([443, 80]);
    expect(onlyResourceOf(json, 'aws_lb').enable_deletion_protection).toBe(true);
    expect(onlyResourceOf(json, 'aws_launch_template').instance_type).toBe('t3.small');
    expect(onlyResourceOf(json, 'aws_autoscaling_group')).toMatchObject({ min_size: 2, desired_capacity: 3, max_size: 6 });
    expect(onlyResourceOf(json, 'aws_db_instance')).toMatchObject({ multi_az: true, deletion_protection: true });
    expect(onlyResourceOf(json, 'aws_efs_file_system').lifecycle_policy[0].transition_to_ia).toBe('AFTER_60_DAYS');
    expect(onlyResourceOf(json, 'aws_launch_template').user_data).toContain(`WORDPRESS_VERSION='", "6.8.3", "'`);
  });

  test('typed outputs on the children point at the ALB DNS name, DB endpoint, EFS id and ASG name', () => {
    let wordpress: WordPress | undefined;
    const json = synthStack((stack) => {
      wordpress = build(stack);
      new TerraformOutput(stack, 'outputs', {
        value: [
          wordpress.siteUrl,
          wordpress.loadBalancer.loadBalancerDnsName,
          wordpress.database.instanceEndpoint,
          wordpress.fileSystem.fileSystemId,
          wordpress.webServers.autoScalingGroupName,
        ],
      });
    });
    const lb = onlyResourceOf(json, 'aws_lb');
    expect(json.output.outputs.value).toEqual([
      `http://${ref('aws_lb', lb, 'dns_name')}`,
      ref('aws_lb', lb, 'dns_name'),
      ref('aws_db_instance', onlyResourceOf(json, 'aws_db_instance'), 'endpoint'),
      ref('aws_efs_file_system', onlyResourceOf(json, 'aws_efs_file_system')),
      ref('aws_autoscaling_group', onlyResourceOf(json, 'aws_autoscaling_group'), 'name'),
    ]);
  });

  test("the parts' attributes are reached through the parts, not repeated on WordPress", () => {
    const parts: WordPress[] = [];
    synthStack((stack) => parts.push(build(stack)));
    synthStack((stack) =>
      parts.push(build(stack, { props: { domain: { name: 'blog.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' } } })),
    );
    // Without a domain the site's address is the load balancer's URL; with one it is its own.
    expect(repeatedChildAttributes(parts[0])).toEqual(['siteUrl']);
    expect(repeatedChildAttributes(parts[1])).toEqual([]);
  });

  test('errors from the parts name the part and the field', () => {
    expect(() => synthStack((stack) => build(stack, { props: { webServers: { minSize: 3, desiredCapacity: 3, maxSize: 2 } } }))).toThrow(
      /wordpress\/web-servers: minSize 3 is greater than maxSize 2/,
    );
    expect(() => synthStack((stack) => build(stack, { props: { database: { instanceClass: 'db.micro' } } }))).toThrow(
      /wordpress\/database: instanceClass "db.micro"/,
    );
    expect(() => synthStack((stack) => build(stack, { props: { wordpressVersion: 'nightly' } }))).toThrow(
      /wordpress: wordpressVersion "nightly" is not a WordPress release/,
    );
  });

  test('WordPress brings its own: the "-web" target group whose health check accepts its redirects, its database names and group descriptions', () => {
    const json = synthStack((stack) => build(stack));
    const targetGroup = resourceAtPath(json, 'aws_lb_target_group', 'wordpress/load-balancer/target-group');
    expect(targetGroup).toMatchObject({ name: 'web-dev-web', port: 80 });
    expect(targetGroup.health_check).toMatchObject({ path: '/', matcher: '200,301,302', interval: 15, timeout: 5 });
    expect(onlyResourceOf(json, 'aws_db_instance')).toMatchObject({ db_name: 'wordpress', username: 'wpadmin' });
    expect(group(json, 'database').description).toBe('Database: MySQL from the web servers only');
    expect(group(json, 'file-system').description).toBe('File system: NFS from the web servers only');
  });

  test('loadBalancer.healthCheck, deregistrationDelaySeconds and stickiness reach the target group; database names can be changed', () => {
    const json = synthStack((stack) =>
      build(stack, {
        props: {
          loadBalancer: { healthCheck: { path: '/wp-login.php' }, deregistrationDelaySeconds: 10, stickiness: true },
          database: { databaseName: 'blog', masterUsername: 'blogadmin' },
        },
      }),
    );
    const targetGroup = onlyResourceOf(json, 'aws_lb_target_group');
    expect(targetGroup.health_check).toMatchObject({ path: '/wp-login.php', matcher: '200,301,302' });
    expect(targetGroup).toMatchObject({ deregistration_delay: '10', stickiness: { type: 'lb_cookie', enabled: true } });
    expect(onlyResourceOf(json, 'aws_db_instance')).toMatchObject({ db_name: 'blog', username: 'blogadmin' });
  });
});
