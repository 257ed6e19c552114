import { projectConfig } from '../support/project';
import {
  configuredResources,
  countByType,
  plannedResources,
  referencedResource,
  referencesOf,
  TerraformPlan,
} from '../../harness/plan-json';
import { SynthesizedApp } from '../../harness/synth';
import { projectFixture } from '../support/plan-fixtures';
import { fixtureApp, fixturePlan } from '../support/plans';

const loaded = projectConfig;

describe.each(['dev', 'prod'])('environment stack %s, planned offline', (environment) => {
  const settings = loaded.environments[environment];
  const zones = Object.keys(settings.network.availabilityZones).sort();
  let app: SynthesizedApp;
  let plan: TerraformPlan;

  beforeAll(async () => {
    app = fixtureApp(projectFixture);
    plan = await fixturePlan(projectFixture, environment);
  });

  test('plans one VPC, an internet gateway, a public and a private subnet per zone', () => {
    const counts = countByType(plan);
    expect(counts.aws_vpc).toBe(1);
    expect(counts.aws_internet_gateway).toBe(1);
    const subnets = plannedResources(plan, 'aws_subnet');
    expect(subnets.map((s) => `${s.values.tags.Tier}:${s.values.availability_zone}:${s.values.cidr_block}`).sort()).toEqual(
      zones
        .flatMap((zone) => [
          `private:${zone}:${settings.network.availabilityZones[zone].privateCidr}`,
          `public:${zone}:${settings.network.availabilityZones[zone].publicCidr}`,
        ])
        .sort(),
    );
    expect(plannedResources(plan, 'aws_vpc')[0].values).toMatchObject({
      cidr_block: settings.network.cidrBlock,
      enable_dns_hostnames: true,
      enable_dns_support: true,
    });
  });

  test('NAT gateways and their Elastic IPs follow the NAT mode', () => {
    const expected = settings.network.natGateways === 'perAz' ? zones.length : settings.network.natGateways === 'single' ? 1 : 0;
    const nats = plannedResources(plan, 'aws_nat_gateway');
    expect(nats).toHaveLength(expected);
    const natEips = plannedResources(plan, 'aws_eip').filter((eip) => String(eip.values.tags.Name).includes('-nat-'));
    expect(natEips).toHaveLength(expected);
  });

  test('every private route table sends 0.0.0.0/0 to a NAT gateway, in its own zone when perAz', () => {
    const privateTables = plannedResources(plan, 'aws_route_table').filter((table) => /-private-/.test(table.values.tags.Name));
    expect(privateTables).toHaveLength(zones.length);
    const routes = configuredResources(plan, 'aws_route');
    for (const table of privateTables) {
      const zone = zones.find((z) => table.values.tags.Name.endsWith(z))!;
      const defaultRoutes = routes.filter((route) => referencesOf(route, 'route_table_id').includes(table.address));
      expect(defaultRoutes).toHaveLength(1);
      const nat = referencedResource(plan, defaultRoutes[0], 'nat_gateway_id');
      expect(nat.type).toBe('aws_nat_gateway');
      const natConfig = configuredResources(plan, 'aws_nat_gateway').find((n) => n.address === nat.address)!;
      const natSubnet = referencedResource(plan, natConfig, 'subnet_id');
      expect(natSubnet.values.tags.Tier).toBe('public');
      if (settings.network.natGateways === 'perAz') {
        expect(natSubnet.values.availability_zone).toBe(zone);
      }
    }
  });

  test('the public route table sends 0.0.0.0/0 to the internet gateway', () => {
    const publicRoute = configuredResources(plan, 'aws_route').find((route) => referencesOf(route, 'gateway_id').length === 1)!;
    expect(referencedResource(plan, publicRoute, 'gateway_id').type).toBe('aws_internet_gateway');
  });

  test('SSH reaches the bastion only from the configured CIDRs, and private instances only from the bastion', () => {
    const groups = Object.fromEntries(
      configuredResources(plan, 'aws_security_group').map((g) => [
        g.address,
        plannedResources(plan, 'aws_security_group').find((p) => p.address === g.address)!.values.tags?.Name,
      ]),
    );
    const sshRules = configuredResources(plan, 'aws_vpc_security_group_ingress_rule').filter((rule) => {
      const values = plannedResources(plan).find((r) => r.address === rule.address)!.values;
      return values.ip_protocol === '-1' || (values.from_port <= 22 && values.to_port >= 22);
    });
    const described = sshRules.map((rule) => {
      const values = plannedResources(plan).find((r) => r.address === rule.address)!.values;
      const group = groups[referencesOf(rule, 'security_group_id')[0]];
      const source = values.cidr_ipv4 ?? groups[referencesOf(rule, 'referenced_security_group_id')[0]];
      return `${group} <- ${source} ${values.ip_protocol}/${values.from_port}`;
    });
    const name = `${loaded.project.name}-${environment}`;
    expect(described.sort()).toEqual(
      [
        ...settings.bastion.sshCidrs.map((cidr) => `${name}-bastion <- ${cidr} tcp/22`),
        `${name}-ssh-from-bastion <- ${name}-bastion tcp/22`,
      ].sort(),
    );
  });

  test('the bastion launches from the SSM image parameter with IMDSv2 and an encrypted root volume, behind an EIP', () => {
    const [template] = plannedResources(plan, 'aws_launch_template').filter((t) => t.values.name.endsWith('-bastion'));
    expect(template.values.image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(template.values.metadata_options[0]).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(template.values.block_device_mappings[0].ebs[0]).toMatchObject({ encrypted: 'true', volume_type: 'gp3' });
    const instance = configuredResources(plan, 'aws_instance')[0];
    expect(referencedResource(plan, instance, 'subnet_id').values.tags.Tier).toBe('public');
    const eip = configuredResources(plan, 'aws_eip').find((e) => referencesOf(e, 'instance').length > 0)!;
    expect(referencedResource(plan, eip, 'instance').type).toBe('aws_instance');
    // Associating an address in a VPC needs an attached internet gateway; nothing else orders them.
    const gateway = configuredResources(plan, 'aws_internet_gateway')[0];
    expect(eip.depends_on).toEqual([gateway.address]);
    expect(Object.keys(plan.planned_values.outputs ?? {})).toEqual(
      expect.arrayContaining(['bastion_public_ip', 'bastion_ssh_command', 'vpc_id']),
    );
  });

  test('network ACLs cover both tiers and allow replies on ephemeral ports', () => {
    const rules = plannedResources(plan, 'aws_network_acl_rule').map((r) => r.values);
    expect(plannedResources(plan, 'aws_network_acl')).toHaveLength(2);
    expect(rules.filter((r) => !r.egress && r.from_port === 1024 && r.to_port === 65535 && r.cidr_block === '0.0.0.0/0')).toHaveLength(2);
    expect(rules.filter((r) => r.from_port === 22).map((r) => r.cidr_block)).toEqual(settings.bastion.sshCidrs);
  });

  test('the default security group is planned with no rules, and S3 goes through a gateway endpoint', () => {
    const [defaultGroup] = plannedResources(plan, 'aws_default_security_group');
    expect(defaultGroup.values.ingress).toEqual([]);
    expect(defaultGroup.values.egress).toEqual([]);
    const [endpoint] = plannedResources(plan, 'aws_vpc_endpoint');
    expect(endpoint.values).toMatchObject({ service_name: `com.amazonaws.${settings.region}.s3`, vpc_endpoint_type: 'Gateway' });
  });

  test('every taggable resource carries the project, environment and managed-by tags', () => {
    const tagged = plannedResources(plan).filter((r) => r.values.tags_all !== undefined);
    expect(tagged.length).toBeGreaterThan(10);
    for (const resource of tagged) {
      expect({ address: resource.address, tags: resource.values.tags_all }).toMatchObject({
        tags: { Project: loaded.project.name, Environment: environment, ManagedBy: 'cdktf' },
      });
    }
  });

  test('state lives in the S3 bucket under a per-environment key, encrypted and natively locked', () => {
    expect(app.stackJson(environment).terraform.backend).toEqual({
      s3: {
        bucket: loaded.project.stateBucket.name,
        key: `environments/${environment}/main.tfstate`,
        region: loaded.project.stateBucket.region,
        encrypt: true,
        use_lockfile: true,
      },
    });
  });
});
