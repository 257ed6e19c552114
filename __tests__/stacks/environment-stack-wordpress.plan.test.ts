import * as fs from 'fs';
import { projectConfig } from '../support/project';
import * as path from 'path';
import { configuredResources, PlannedResource, plannedResources, referencesOf, TerraformPlan } from '../../harness/plan-json';
import { Database } from '../../constructs/database';
import { resolveGroupSize, WebServers } from '../../constructs/web-servers';
import { projectFixture } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

const loaded = projectConfig;
const WORLD = ['0.0.0.0/0', '::/0'];

/** Every planned security group rule with the name of the group it belongs to. */
interface Rule {
  readonly address: string;
  readonly direction: 'ingress' | 'egress';
  readonly group: string;
  readonly values: Record<string, any>;
  /** Name of the group the rule admits, when it references one. */
  readonly peerGroup?: string;
}

function rulesOf(plan: TerraformPlan): Rule[] {
  const groupNames = new Map(plannedResources(plan, 'aws_security_group').map((group) => [group.address, String(group.values.tags?.Name)]));
  const planned = new Map(plannedResources(plan).map((resource) => [resource.address, resource]));
  const rules: Rule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const configured of configuredResources(plan, `aws_vpc_security_group_${direction}_rule`)) {
      const [groupAddress] = referencesOf(configured, 'security_group_id');
      const [peerAddress] = referencesOf(configured, 'referenced_security_group_id');
      const group = groupNames.get(groupAddress);
      if (group === undefined) {
        throw new Error(`${configured.address} does not reference a planned security group (${groupAddress})`);
      }
      rules.push({
        address: configured.address,
        direction,
        group,
        values: (planned.get(configured.address) as PlannedResource).values,
        peerGroup: peerAddress === undefined ? undefined : groupNames.get(peerAddress),
      });
    }
  }
  return rules;
}

/** Whether a rule's port range includes `port`; protocol -1 includes every port. */
function covers(rule: Rule, port: number): boolean {
  if (rule.values.ip_protocol === '-1') {
    return true;
  }
  return rule.values.from_port <= port && port <= rule.values.to_port;
}

describe.each(['dev', 'prod'])('WordPress in the %s stack, planned offline', (environment) => {
  const settings = loaded.environments[environment];
  const wordpress = settings.wordpress;
  // The configuration leaves web server and database defaults to the constructs; apply them the same way.
  const database = {
    ...wordpress.database,
    instanceClass: wordpress.database.instanceClass ?? Database.DEFAULT_INSTANCE_CLASS,
    allocatedStorageGiB: wordpress.database.allocatedStorageGiB ?? Database.DEFAULT_ALLOCATED_STORAGE_GIB,
    maxAllocatedStorageGiB:
      wordpress.database.maxAllocatedStorageGiB ??
      Math.max(
        wordpress.database.allocatedStorageGiB ?? Database.DEFAULT_ALLOCATED_STORAGE_GIB,
        Database.DEFAULT_MAX_ALLOCATED_STORAGE_GIB,
      ),
    multiAz: wordpress.database.multiAz ?? false,
    deletionProtection: wordpress.database.deletionProtection ?? false,
    skipFinalSnapshot: wordpress.database.skipFinalSnapshot ?? false,
    backupRetentionDays: wordpress.database.backupRetentionDays ?? Database.DEFAULT_BACKUP_RETENTION_DAYS,
  };
  const webServers = {
    instanceType: wordpress.webServers.instanceType ?? WebServers.DEFAULT_INSTANCE_TYPE,
    ...resolveGroupSize(wordpress.webServers),
  };
  const name = `${loaded.project.name}-${environment}`;
  let plan: TerraformPlan;

  beforeAll(async () => {
    plan = await fixturePlan(projectFixture, environment);
  });

  /** The one resource of a type inside the WordPress construct (its Terraform name starts with the construct ID). */
  const only = (type: string) => {
    const found = plannedResources(plan, type).filter((resource) => resource.name.startsWith('wordpress_'));
    expect(found.map((resource) => resource.address)).toHaveLength(1);
    return found[0].values;
  };

  test('plans every part: ALB, target group, listener, launch template, ASG and policy, RDS and its subnet group, EFS with backups and a mount target per zone', () => {
    for (const type of [
      'aws_lb',
      'aws_lb_target_group',
      'aws_launch_template',
      'aws_autoscaling_group',
      'aws_autoscaling_policy',
      'aws_db_instance',
      'aws_db_subnet_group',
      'aws_efs_file_system',
    ]) {
      only(type);
    }
    expect(plannedResources(plan, 'aws_iam_role').map((role) => role.values.name)).toContain(`${name}-web`);
    expect(plannedResources(plan, 'aws_iam_instance_profile').map((profile) => profile.values.name)).toContain(`${name}-web`);
    expect(plannedResources(plan, 'aws_lb_listener').length).toBeGreaterThanOrEqual(1);
    expect(plannedResources(plan, 'aws_efs_backup_policy')).toHaveLength(1);
    const zones = Object.keys(settings.network.availabilityZones);
    expect(plannedResources(plan, 'aws_efs_mount_target')).toHaveLength(zones.length);
    for (const suffix of ['alb', 'web', 'db', 'efs']) {
      expect(plannedResources(plan, 'aws_security_group').map((group) => group.values.tags?.Name)).toContain(`${name}-${suffix}`);
    }
  });

  test('the database: MySQL 8.4, encrypted gp3 with an autoscaling limit, managed password, private, Multi-AZ and deletion protection as configured', () => {
    const db = only('aws_db_instance');
    expect(db).toMatchObject({
      engine: 'mysql',
      engine_version: '8.4',
      instance_class: database.instanceClass,
      storage_type: 'gp3',
      storage_encrypted: true,
      allocated_storage: database.allocatedStorageGiB,
      max_allocated_storage: database.maxAllocatedStorageGiB,
      manage_master_user_password: true,
      publicly_accessible: false,
      multi_az: database.multiAz,
      deletion_protection: database.deletionProtection,
      skip_final_snapshot: database.skipFinalSnapshot,
      backup_retention_period: database.backupRetentionDays,
    });
    expect(db.password ?? null).toBeNull();
  });

  test('the web tier: launch template with IMDSv2, no public IP and the configured type; ASG sized as configured with ELB checks', () => {
    const template = only('aws_launch_template');
    expect(template.instance_type).toBe(webServers.instanceType);
    expect(template.metadata_options[0]).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(template.network_interfaces[0].associate_public_ip_address).toBe('false');
    expect(template.block_device_mappings[0].ebs[0]).toMatchObject({ volume_type: 'gp3', encrypted: 'true' });
    const asg = only('aws_autoscaling_group');
    expect(asg).toMatchObject({
      min_size: webServers.minSize,
      desired_capacity: webServers.desiredCapacity,
      max_size: webServers.maxSize,
      health_check_type: 'ELB',
    });
    expect(asg.instance_refresh[0].strategy).toBe('Rolling');
  });

  test('the load balancer drops invalid headers and has deletion protection as configured', () => {
    expect(only('aws_lb')).toMatchObject({
      internal: false,
      drop_invalid_header_fields: true,
      enable_deletion_protection: wordpress.loadBalancer.deletionProtection,
    });
  });

  test('the EFS file system is encrypted and moves cold files to Infrequent Access', () => {
    const efs = only('aws_efs_file_system');
    expect(efs.encrypted).toBe(true);
    expect(efs.lifecycle_policy).toContainEqual(expect.objectContaining({ transition_to_ia: wordpress.fileSystem.transitionToIa }));
  });

  test('outputs: site URL, database endpoint, EFS id and ASG name, none of them sensitive', () => {
    const outputs = plan.configuration.root_module.outputs as Record<string, any>;
    for (const output of ['wordpress_site_url', 'wordpress_db_endpoint', 'wordpress_file_system_id', 'wordpress_asg_name']) {
      expect(outputs[output]).toBeDefined();
      expect(outputs[output].sensitive ?? false).toBe(false);
    }
    expect(JSON.stringify(outputs)).not.toMatch(/master_user_secret|password/);
  });

  test('every security group rule is its own resource: no inline rules, no legacy rule resources', () => {
    expect(plannedResources(plan, 'aws_security_group_rule')).toHaveLength(0);
    for (const group of configuredResources(plan, 'aws_security_group')) {
      expect(group.expressions.ingress).toBeUndefined();
      expect(group.expressions.egress).toBeUndefined();
    }
    for (const rule of rulesOf(plan)) {
      expect(String(rule.values.description ?? '')).toMatch(/\S/);
    }
  });

  test('with a domain (prod): a DNS-validated certificate, HTTPS on 443, port 80 redirecting, an alias A record', () => {
    const listeners = plannedResources(plan, 'aws_lb_listener').map((l) => l.values);
    if (wordpress.domain === undefined) {
      expect(plannedResources(plan, 'aws_acm_certificate')).toHaveLength(0);
      return;
    }
    expect(plannedResources(plan, 'aws_acm_certificate').map((c) => c.values)).toEqual([
      expect.objectContaining({ domain_name: wordpress.domain.name, validation_method: 'DNS' }),
    ]);
    expect(plannedResources(plan, 'aws_acm_certificate_validation')).toHaveLength(1);
    expect(listeners.find((l) => l.port === 443)).toMatchObject({ protocol: 'HTTPS' });
    expect(listeners.find((l) => l.port === 80)?.default_action[0]).toMatchObject({
      type: 'redirect',
      redirect: [expect.objectContaining({ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' })],
    });
    const alias = plannedResources(plan, 'aws_route53_record').find(
      (r) => r.values.name === wordpress.domain!.name && r.values.type === 'A',
    );
    expect(alias?.values.zone_id).toBe(wordpress.domain.hostedZoneId);
  });

  test('walking every ingress rule: the world reaches only 80/443 on the ALB group, and 22 only from the configured CIDRs or the bastion', () => {
    const ingress = rulesOf(plan).filter((rule) => rule.direction === 'ingress');
    const worldOpen = ingress.filter((rule) => WORLD.includes(rule.values.cidr_ipv4 ?? rule.values.cidr_ipv6));
    const https = wordpress.loadBalancer.certificateArn !== undefined || wordpress.domain !== undefined;
    expect(worldOpen.map((rule) => `${rule.group}:${rule.values.from_port}`).sort()).toEqual(
      https ? [`${name}-alb:443`, `${name}-alb:80`] : [`${name}-alb:80`],
    );
    const ssh = ingress.filter((rule) => covers(rule, 22));
    expect(ssh.length).toBe(settings.bastion.enabled ? settings.bastion.sshCidrs.length + 1 : 0);
    for (const rule of ingress) {
      const source = rule.values.cidr_ipv4 ?? rule.values.cidr_ipv6;
      if (WORLD.includes(source)) {
        expect({ rule: rule.address, group: rule.group }).toEqual({ rule: rule.address, group: `${name}-alb` });
        expect(rule.values.ip_protocol).toBe('tcp');
        expect(rule.values.from_port).toBe(rule.values.to_port);
        expect([80, 443]).toContain(rule.values.from_port);
      }
      if (covers(rule, 22)) {
        expect(rule.values.from_port).toBe(22);
        expect(rule.values.to_port).toBe(22);
        if (rule.group === `${name}-bastion`) {
          expect(settings.bastion.sshCidrs).toContain(source);
        } else {
          expect(rule.group).toBe(`${name}-ssh-from-bastion`);
          expect(rule.peerGroup).toBe(`${name}-bastion`);
        }
      }
    }
  });

  test('least privilege inside the VPC: web takes 80 from the ALB only, MySQL from web and the setup function, NFS from web only', () => {
    const ingress = rulesOf(plan).filter((rule) => rule.direction === 'ingress');
    const into = (group: string) =>
      ingress
        .filter((rule) => rule.group === `${name}-${group}`)
        .map((rule) => `${rule.values.from_port}<-${rule.peerGroup ?? rule.values.cidr_ipv4}`);
    expect(into('web')).toEqual([`80<-${name}-alb`]);
    // The web servers, and the database setup function that creates their user.
    expect(into('db')).toEqual([`3306<-${name}-db-setup`, `3306<-${name}-web`]);
    expect(into('efs')).toEqual([`2049<-${name}-web`]);
  });

  test('the web servers carry the bastion SSH access group', () => {
    const template = configuredResources(plan, 'aws_launch_template').find((t) =>
      JSON.stringify(t.expressions.name ?? {}).includes(`${name}-web`),
    )!;
    const groups = (template.expressions.network_interfaces[0].security_groups.references as string[]).filter((r) => !r.endsWith('.id'));
    const names = groups.map(
      (address) => plannedResources(plan, 'aws_security_group').find((g) => g.address === address)!.values.tags?.Name,
    );
    expect(names.sort()).toEqual([`${name}-ssh-from-bastion`, `${name}-web`]);
  });
});

describe('secrets in the synthesized app', () => {
  test('no password, secret string or key appears anywhere in the synthesized JSON', () => {
    const app = fixtureApp(projectFixture);
    const offending: string[] = [];
    // Attribute names that would carry a secret value; manage_master_user_password is a switch.
    const secretKey = /password|passwd|secret_string|secret_binary|private_key|secret_key|access_key|^token$/i;
    const allowed = new Set(['manage_master_user_password']);
    const walk = (value: unknown, where: string) => {
      if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, `${where}[${index}]`));
      } else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          // Secrets are strings; settings such as a password policy's lengths and switches are not.
          if (secretKey.test(key) && !allowed.has(key) && typeof child === 'string' && child !== '') {
            offending.push(`${where}.${key}`);
          }
          walk(child, `${where}.${key}`);
        }
      }
    };
    for (const stack of app.stacks) {
      const json = app.stackJson(stack);
      walk(json, stack);
      const text = fs.readFileSync(path.join(app.stackDir(stack), 'cdk.tf.json'), 'utf8');
      // A password written into a wp-config define or an environment variable would show here.
      expect(text).not.toMatch(/DB_PASSWORD', '|MYSQL_PWD|--password=/);
      expect(Object.keys(json.resource ?? {})).not.toEqual(expect.arrayContaining(['aws_secretsmanager_secret_version']));
      expect(Object.keys(json.resource ?? {})).not.toEqual(expect.arrayContaining(['random_password']));
    }
    expect(offending).toEqual([]);
  });
});
