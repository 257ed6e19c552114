import { resolveGroupSize } from '../../constructs/web-servers';
import { projectConfig } from '../support/project';
import {
  ConfiguredResource,
  configuredResources,
  plannedResource,
  plannedResources,
  referencedResource,
  referencesOf,
  TerraformPlan,
} from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';
import { bastionlessFixture, withBastionFixture, projectFixture } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

/** Every resource address an attribute refers to, however deep in blocks and maps the references sit. */
function addressesIn(resource: ConfiguredResource, attribute: string): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'references' && Array.isArray(value)) {
          value.forEach((reference: string) => found.add(reference.split('.').slice(0, 2).join('.')));
        } else {
          visit(value);
        }
      }
    }
  };
  visit(resource.expressions[attribute]);
  return [...found];
}

function typesIn(resource: ConfiguredResource, attribute: string): string[] {
  return [...new Set(addressesIn(resource, attribute).map((address) => address.split('.')[0]))].sort();
}

/** The configured alarm whose planned name ends with `suffix`. */
function alarmNamed(plan: TerraformPlan, name: string): ConfiguredResource {
  const planned = plannedResources(plan, 'aws_cloudwatch_metric_alarm').find((alarm) => alarm.values.alarm_name === name);
  if (!planned) {
    throw new Error(`no alarm named ${name}`);
  }
  return configuredResources(plan, 'aws_cloudwatch_metric_alarm').find((alarm) => alarm.address === planned.address)!;
}

describe('operations of the dev environment, planned offline', () => {
  const loaded = projectConfig;
  const settings = loaded.environments.dev;
  const name = `${loaded.project.name}-dev`;
  let app: SynthesizedApp;
  let plan: TerraformPlan;

  beforeAll(async () => {
    app = fixtureApp(projectFixture);
    plan = await fixturePlan(projectFixture, 'dev');
  });

  test('one alarm topic, with an e-mail subscription per configured address on it', () => {
    const [topic] = plannedResources(plan, 'aws_sns_topic');
    expect(plannedResources(plan, 'aws_sns_topic')).toHaveLength(1);
    expect(topic.values.name).toBe(`${name}-alarms`);
    const subscriptions = configuredResources(plan, 'aws_sns_topic_subscription');
    expect(subscriptions.map((s) => plannedResource(plan, s.address).values.endpoint).sort()).toEqual(
      [...settings.operations.alarmEmails].sort(),
    );
    for (const subscription of subscriptions) {
      expect(plannedResource(plan, subscription.address).values.protocol).toBe('email');
      expect(referencedResource(plan, subscription, 'topic_arn').address).toBe(topic.address);
    }
  });

  test('every alarm notifies that topic when it fires and when it recovers', () => {
    const [topic] = plannedResources(plan, 'aws_sns_topic');
    const alarms = configuredResources(plan, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((alarm) => plannedResource(plan, alarm.address).values.alarm_name).sort()).toEqual(
      [
        'database-cpu',
        'database-free-storage',
        'database-freeable-memory',
        'health-check-failing',
        'in-service-instances',
        'target-5xx',
        'unhealthy-hosts',
      ].map((key) => `${name}-${key}`),
    );
    for (const alarm of alarms) {
      expect({ alarm: alarm.address, actions: referencesOf(alarm, 'alarm_actions') }).toEqual({
        alarm: alarm.address,
        actions: [topic.address],
      });
      expect(referencesOf(alarm, 'ok_actions')).toEqual([topic.address]);
    }
  });

  test('the alarms watch the WordPress load balancer, database and Auto Scaling group', () => {
    expect(typesIn(alarmNamed(plan, `${name}-target-5xx`), 'dimensions')).toEqual(['aws_lb', 'aws_lb_target_group']);
    expect(typesIn(alarmNamed(plan, `${name}-unhealthy-hosts`), 'dimensions')).toEqual(['aws_lb', 'aws_lb_target_group']);
    for (const key of ['database-cpu', 'database-free-storage', 'database-freeable-memory']) {
      expect(typesIn(alarmNamed(plan, `${name}-${key}`), 'dimensions')).toEqual(['aws_db_instance']);
    }
    const inService = alarmNamed(plan, `${name}-in-service-instances`);
    expect(typesIn(inService, 'dimensions')).toEqual(['aws_autoscaling_group']);
    expect(plannedResource(plan, inService.address).values).toMatchObject({
      threshold: resolveGroupSize(settings.wordpress.webServers).minSize,
      comparison_operator: 'LessThanThreshold',
    });
    const asg = plannedResource(plan, addressesIn(inService, 'dimensions')[0]);
    // The alarm needs the group to publish its in-service count.
    expect(asg.values.enabled_metrics).toEqual(expect.arrayContaining(['GroupInServiceInstances']));
  });

  test('the schedule invokes the health check function hourly, with the permission for that rule', () => {
    const [rule] = configuredResources(plan, 'aws_cloudwatch_event_rule');
    expect(plannedResource(plan, rule.address).values.schedule_expression).toBe('rate(1 hour)');
    const [target] = configuredResources(plan, 'aws_cloudwatch_event_target');
    expect(referencedResource(plan, target, 'rule').address).toBe(rule.address);
    const fn = referencedResource(plan, target, 'arn');
    expect(fn.type).toBe('aws_lambda_function');
    const [permission] = configuredResources(plan, 'aws_lambda_permission');
    expect(plannedResource(plan, permission.address).values).toMatchObject({
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
    });
    expect(referencedResource(plan, permission, 'function_name').address).toBe(fn.address);
    expect(referencedResource(plan, permission, 'source_arn').address).toBe(rule.address);
    expect(referencedResource(plan, alarmNamed(plan, `${name}-health-check-failing`), 'dimensions').address).toBe(fn.address);
    // The alarm's threshold of 2 per hour counts on each failed check being retried twice.
    const [retries] = configuredResources(plan, 'aws_lambda_function_event_invoke_config');
    expect(referencedResource(plan, retries, 'function_name').address).toBe(fn.address);
    expect(plannedResource(plan, retries.address).values.maximum_retry_attempts).toBe(2);
    expect(plannedResource(plan, alarmNamed(plan, `${name}-health-check-failing`).address).values).toMatchObject({
      metric_name: 'Errors',
      statistic: 'Sum',
      period: 3600,
      threshold: settings.operations.healthCheck.errorThreshold,
    });
  });

  test('the health check function requests the load balancer, logs with a retention and may do nothing else', () => {
    const [fnConfig] = configuredResources(plan, 'aws_lambda_function').filter(
      (fn) => plannedResource(plan, fn.address).values.function_name === `${name}-health-check`,
    );
    const fn = plannedResource(plan, fnConfig.address);
    expect(fn.values).toMatchObject({ runtime: 'nodejs22.x', handler: 'index.handler' });
    expect(typesIn(fnConfig, 'environment')).toEqual(['aws_lb']);
    const logGroup = plannedResources(plan, 'aws_cloudwatch_log_group').find(
      (group) => group.values.name === `/aws/lambda/${name}-health-check`,
    )!;
    expect(logGroup.values.retention_in_days).toBe(settings.operations.logRetentionDays);
    const role = referencedResource(plan, fnConfig, 'role');
    const policies = configuredResources(plan, 'aws_iam_role_policy').filter((policy) =>
      referencesOf(policy, 'role').includes(role.address),
    );
    expect(policies).toHaveLength(1);
    expect(addressesIn(policies[0], 'policy')).toEqual([logGroup.address]);
    const attachments = configuredResources(plan, 'aws_iam_role_policy_attachment').filter((attachment) =>
      referencesOf(attachment, 'role').includes(role.address),
    );
    expect(attachments).toHaveLength(0);
  });

  test('flow logs record the VPC into their own log group through their own role', () => {
    const [flowLog] = configuredResources(plan, 'aws_flow_log');
    expect(plannedResource(plan, flowLog.address).values).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    expect(referencedResource(plan, flowLog, 'vpc_id').type).toBe('aws_vpc');
    const logGroup = referencedResource(plan, flowLog, 'log_destination');
    expect(logGroup.values).toMatchObject({
      name: `/vpc/${name}/flow-logs`,
      retention_in_days: settings.operations.flowLogs.retentionDays,
    });
    const role = referencedResource(plan, flowLog, 'iam_role_arn');
    expect(JSON.parse(role.values.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    const [policy] = configuredResources(plan, 'aws_iam_role_policy').filter((p) => referencesOf(p, 'role').includes(role.address));
    expect(addressesIn(policy, 'policy')).toEqual([logGroup.address]);
  });

  test('the dashboard graphs the function, load balancer, database and Auto Scaling group', () => {
    const [dashboard] = configuredResources(plan, 'aws_cloudwatch_dashboard');
    expect(plannedResource(plan, dashboard.address).values.dashboard_name).toBe(name);
    expect(typesIn(dashboard, 'dashboard_body')).toEqual([
      'aws_autoscaling_group',
      'aws_db_instance',
      'aws_lambda_function',
      'aws_lb',
      'aws_lb_target_group',
    ]);
  });

  test('prod checks every five minutes and keeps flow logs for its configured retention', () => {
    const prod = app.stackJson('prod');
    const rules = Object.values(prod.resource.aws_cloudwatch_event_rule) as { schedule_expression: string }[];
    expect(rules.map((rule) => rule.schedule_expression)).toEqual(['rate(5 minutes)']);
    const groups = Object.values(prod.resource.aws_cloudwatch_log_group) as { name: string; retention_in_days: number }[];
    expect(groups.find((group) => group.name === '/vpc/web-stack-prod/flow-logs')?.retention_in_days).toBe(
      loaded.environments.prod.operations.flowLogs.retentionDays,
    );
  });
});

/** Planned security group ingress rules that let port 22 in, from any source. */
function ingressRulesOpening22(plan: TerraformPlan): Record<string, any>[] {
  return plannedResources(plan, 'aws_vpc_security_group_ingress_rule')
    .map((rule) => rule.values)
    .filter((rule) => rule.ip_protocol === '-1' || (rule.from_port <= 22 && rule.to_port >= 22));
}

/** Planned inbound network ACL rules that admit port 22 from outside the VPC. */
function aclRulesAdmitting22(plan: TerraformPlan, vpcCidr: string): Record<string, any>[] {
  return plannedResources(plan, 'aws_network_acl_rule')
    .map((rule) => rule.values)
    .filter((rule) => !rule.egress && rule.cidr_block !== vpcCidr)
    .filter((rule) => rule.protocol === '-1' || (rule.from_port <= 22 && rule.to_port >= 22));
}

describe('a bastion-less environment, planned offline', () => {
  const loaded = bastionlessFixture.config;
  let plan: TerraformPlan;

  beforeAll(async () => {
    plan = await fixturePlan(bastionlessFixture, 'dev');
  });

  test('plans no bastion: no standalone instance, no SSH outputs', () => {
    expect(plannedResources(plan, 'aws_instance')).toHaveLength(0);
    expect(Object.keys(plan.planned_values.outputs ?? {})).not.toEqual(expect.arrayContaining(['bastion_public_ip']));
    expect(Object.keys(plan.planned_values.outputs ?? {})).not.toContain('bastion_ssh_command');
  });

  test('no security group rule opens port 22, from any source', () => {
    expect(plannedResources(plan, 'aws_vpc_security_group_ingress_rule').length).toBeGreaterThan(0);
    expect(ingressRulesOpening22(plan)).toEqual([]);
    // Nor through the older rule resources or inline blocks.
    expect(plannedResources(plan, 'aws_security_group_rule')).toEqual([]);
    for (const group of plannedResources(plan, 'aws_security_group')) {
      expect({ group: group.values.tags?.Name, ingress: group.values.ingress ?? [] }).toEqual({
        group: group.values.tags?.Name,
        ingress: [],
      });
    }
    expect(plannedResources(plan, 'aws_security_group').map((group) => group.values.tags?.Name)).not.toContain(
      `${loaded.project.name}-dev-ssh-from-bastion`,
    );
  });

  test('no network ACL rule admits port 22 from outside the VPC', () => {
    expect(plannedResources(plan, 'aws_network_acl_rule').filter((rule) => !rule.values.egress).length).toBeGreaterThan(0);
    expect(aclRulesAdmitting22(plan, loaded.environments.dev.network.cidrBlock)).toEqual([]);
  });

  test('with the bastion enabled, the same checks do find SSH rules', async () => {
    const withBastion = withBastionFixture.config;
    const enabled = await fixturePlan(withBastionFixture, 'dev');
    expect(ingressRulesOpening22(enabled).length).toBeGreaterThan(0);
    expect(aclRulesAdmitting22(enabled, withBastion.environments.dev.network.cidrBlock).map((rule) => rule.cidr_block)).toEqual(
      withBastion.environments.dev.bastion.sshCidrs,
    );
  });

  test('the web servers keep the Session Manager policy, the way in without SSH', () => {
    const attachments = plannedResources(plan, 'aws_iam_role_policy_attachment').map((attachment) => attachment.values);
    expect(
      attachments
        .filter((attachment) => attachment.policy_arn === 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore')
        .map((a) => a.role),
    ).toContain(`${loaded.project.name}-dev-web`);
  });
});
