import { TerraformState } from '../../harness/base-state';
import { ProviderSchemas } from '../../harness/provider-schema';
import { fillRevisionReads } from '../../harness/revision-reads';

const AWS = 'registry.terraform.io/hashicorp/aws';
const schemas: ProviderSchemas = {
  [AWS]: {
    aws_lb: {
      version: 0,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          arn: { type: 'string', computed: true },
          dns_name: { type: 'string', computed: true },
          zone_id: { type: 'string', computed: true },
          name: { type: 'string', optional: true, computed: true },
          customer_owned_ipv4_pool: { type: 'string', optional: true },
          subnets: { type: ['set', 'string'], optional: true, computed: true },
        },
      },
    },
  },
};

/** The base's state of one load balancer whose dns_name the base read (so it has a stand-in) and whose zone_id it did not. */
function baseState(name = 'web_alb_1234'): TerraformState {
  return {
    version: 4,
    terraform_version: '1.11.0',
    serial: 1,
    lineage: 'x',
    outputs: {},
    check_results: null,
    resources: [
      {
        mode: 'managed',
        type: 'aws_lb',
        name,
        provider: `provider["${AWS}"]`,
        instances: [
          {
            schema_version: 0,
            attributes: {
              id: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dev-web/0',
              arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dev-web/0',
              dns_name: 'dev-web-base.eu-west-1.elb.amazonaws.com',
              zone_id: null,
              name: 'dev-web',
              customer_owned_ipv4_pool: null,
              subnets: null,
            },
            sensitive_attributes: [],
          },
        ],
      },
    ],
  };
}

const context = { region: 'eu-west-1', account: '123456789012' };
const alias = (lb: string) => ({
  resource: {
    aws_route53_record: {
      site: {
        alias: [{ name: `\${aws_lb.${lb}.dns_name}`, zone_id: `\${aws_lb.${lb}.zone_id}`, evaluate_target_health: true }],
        records: ['${aws_lb.' + lb + '.customer_owned_ipv4_pool}'],
      },
    },
  },
});
const attributes = (state: TerraformState) => state.resources[0].instances[0].attributes;

describe('fillRevisionReads', () => {
  test('gives a computed attribute only the current revision reads a stand-in, and keeps what the base state set', () => {
    const base = baseState();
    const filled = attributes(fillRevisionReads(base, alias('web_alb_1234'), schemas, context));
    expect(typeof filled.zone_id).toBe('string');
    expect(filled.zone_id).not.toBe('');
    // Set by the base: unchanged.
    expect(filled.dns_name).toBe('dev-web-base.eu-west-1.elb.amazonaws.com');
    expect(filled.name).toBe('dev-web');
    // Read but not computed: AWS has no value either when the configuration sets none.
    expect(filled.customer_owned_ipv4_pool).toBeNull();
    // Computed but nobody reads it: stays null, so no stand-in can fail the provider's validation.
    expect(filled.subnets).toBeNull();
    // The base state itself is not changed.
    expect(attributes(base).zone_id).toBeNull();
  });

  test('the same stand-in on every run, and nothing for a resource the revision does not read', () => {
    const once = attributes(fillRevisionReads(baseState(), alias('web_alb_1234'), schemas, context));
    const again = attributes(fillRevisionReads(baseState(), alias('web_alb_1234'), schemas, context));
    expect(again.zone_id).toBe(once.zone_id);
    expect(attributes(fillRevisionReads(baseState(), alias('other_alb'), schemas, context)).zone_id).toBeNull();
  });

  test('reads of a resource moved by a moved block fill the state under its old address', () => {
    const current = { ...alias('web_load-balancer_9876'), moved: [{ from: 'aws_lb.web_alb_1234', to: 'aws_lb.web_load-balancer_9876' }] };
    expect(typeof attributes(fillRevisionReads(baseState(), current, schemas, context)).zone_id).toBe('string');
  });
});
