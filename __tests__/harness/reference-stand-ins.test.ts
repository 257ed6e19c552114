import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProviderSchemas } from '../../harness/provider-schema';
import { planWithPresets, presetReferences } from '../../harness/reference-stand-ins';
import { standInArn, standInId, standInValue } from '../../harness/state-stand-ins';

const AWS = 'registry.terraform.io/hashicorp/aws';
const schemas: ProviderSchemas = {
  [AWS]: {
    aws_cloudwatch_log_group: {
      version: 0,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          name: { type: 'string', optional: true },
          arn: { type: 'string', computed: true },
        },
      },
    },
    aws_lb: {
      version: 0,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          name: { type: 'string', optional: true, computed: true },
          arn_suffix: { type: 'string', computed: true },
          dns_name: { type: 'string', computed: true },
          security_groups: { type: ['set', 'string'], optional: true, computed: true },
        },
      },
    },
    aws_db_instance: {
      version: 2,
      block: {
        attributes: {
          id: { type: 'string', computed: true },
          identifier: { type: 'string', optional: true, computed: true },
          address: { type: 'string', computed: true },
          port: { type: 'number', optional: true, computed: true },
          master_user_secret: { type: ['list', ['object', { secret_arn: 'string', kms_key_id: 'string' }]], computed: true },
        },
      },
    },
    aws_launch_template: {
      version: 0,
      block: { attributes: { id: { type: 'string', computed: true }, latest_version: { type: 'number', computed: true } } },
    },
    aws_subnet: { version: 1, block: { attributes: { id: { type: 'string', computed: true } } } },
    aws_acm_certificate: {
      version: 0,
      block: {
        attributes: {
          domain_name: { type: 'string', optional: true },
          subject_alternative_names: { type: ['set', 'string'], optional: true, computed: true },
          domain_validation_options: {
            type: [
              'set',
              [
                'object',
                { domain_name: 'string', resource_record_name: 'string', resource_record_type: 'string', resource_record_value: 'string' },
              ],
            ],
            computed: true,
          },
        },
      },
    },
  },
};
const context = { region: 'eu-west-1', account: '111122223333' };

const stack = {
  locals: { database: '${aws_db_instance.db.address}:3306' },
  resource: {
    aws_cloudwatch_log_group: { logs: { name: 'flow-logs' } },
    aws_lb: { web: { name: '${var.prefix}-web', security_groups: ['sg-1'] } },
    aws_db_instance: { db: { identifier: 'shop', port: 3306 } },
    aws_launch_template: { web: {} },
    aws_subnet: { zone: { count: 2 } },
    aws_iam_role_policy: {
      flow: {
        policy: '{"Resource":["${aws_cloudwatch_log_group.logs.arn}","${aws_cloudwatch_log_group.logs.arn}:*"]}',
        depends_on: ['aws_cloudwatch_log_group.logs'],
      },
    },
    aws_lambda_invocation: {
      all: { input: '${jsonencode(aws_db_instance.db.master_user_secret)}' },
      setup: {
        input:
          '{"secret":"${aws_db_instance.db.master_user_secret[0].secret_arn}","host":"${aws_db_instance.db.address}","port":"${aws_db_instance.db.port}"}',
      },
    },
    aws_autoscaling_group: {
      web: {
        launch_template: { id: '${aws_launch_template.web.id}', version: '${aws_launch_template.web.latest_version}' },
        vpc_zone_identifier: '${aws_subnet.zone[*].id}',
        tags: '${merge({ Name = aws_launch_template.web.id }, var.tags)}',
      },
    },
    aws_cloudwatch_metric_alarm: { errors: { dimensions: { LoadBalancer: '${aws_lb.web.arn_suffix}' } } },
  },
};

describe('presetReferences', () => {
  const { stack: rewritten, presets } = presetReferences(stack, schemas, context);
  const logGroupArn = standInArn('aws_cloudwatch_log_group', 'flow-logs', context);

  test('replaces a reference to a value AWS computes by the stand-in the state will hold, in template text', () => {
    // GIVEN a policy that names a log group's ARN twice
    // THEN both references read the ARN the state builder gives that log group, once preset
    expect(rewritten.resource.aws_iam_role_policy.flow.policy).toBe(`{"Resource":["${logGroupArn}","${logGroupArn}:*"]}`);
    expect(presets.get('aws_cloudwatch_log_group.logs')).toEqual([{ path: ['arn'], value: logGroupArn }]);
    // AND depends_on, which names resources and not values, is left as it is
    expect(rewritten.resource.aws_iam_role_policy.flow.depends_on).toEqual(['aws_cloudwatch_log_group.logs']);
  });

  test('follows a path into a computed nested block, and a number becomes its digits', () => {
    const input = JSON.parse(rewritten.resource.aws_lambda_invocation.setup.input);
    const secretArn = standInValue('string', 'aws_db_instance', 'aws_db_instance.db', 'secret_arn', 'shop', context);
    expect(input).toEqual({
      secret: secretArn,
      host: standInValue('string', 'aws_db_instance', 'aws_db_instance.db', 'address', 'shop', context),
      // port is set by the resource: its value is known to the plan and the reference stays
      port: '${aws_db_instance.db.port}',
    });
    expect(presets.get('aws_db_instance.db')).toContainEqual({ path: ['master_user_secret', 0, 'secret_arn'], value: secretArn });
    expect(rewritten.resource.aws_autoscaling_group.web.launch_template).toEqual({
      id: standInId('aws_launch_template', 'aws_launch_template.web', 'web'),
      version: '0',
    });
  });

  test('inside a larger expression a reference becomes an HCL literal, and the rest of the expression stays', () => {
    const id = standInId('aws_launch_template', 'aws_launch_template.web', 'web');
    expect(rewritten.resource.aws_autoscaling_group.web.tags).toBe(`\${merge({ Name = "${id}" }, var.tags)}`);
  });

  test('rewrites locals too, since resources read them', () => {
    expect(rewritten.locals.database).toMatch(/^shop\.[0-9a-f]{8}\.eu-west-1\.offline\.invalid:3306$/);
  });

  test('a resource whose name is computed gets stand-ins named after its resource name', () => {
    const suffix = standInValue('string', 'aws_lb', 'aws_lb.web', 'arn_suffix', 'web', context);
    expect(rewritten.resource.aws_cloudwatch_metric_alarm.errors.dimensions.LoadBalancer).toBe(suffix);
    expect(presets.get('aws_lb.web')).toEqual([{ path: ['arn_suffix'], value: suffix }]);
  });

  test('keeps a reference it cannot stand in for: a resource with count, a computed collection, a value the resource sets', () => {
    expect(rewritten.resource.aws_autoscaling_group.web.vpc_zone_identifier).toBe('${aws_subnet.zone[*].id}');
    expect(rewritten.resource.aws_lambda_invocation.all.input).toBe('${jsonencode(aws_db_instance.db.master_user_secret)}');
    expect(presets.has('aws_subnet.zone')).toBe(false);
    expect(presets.get('aws_db_instance.db')!.map((preset) => preset.path[0])).not.toContain('port');
  });

  test("an ACM certificate's validation records, which the provider plans from its domains, are preset as a whole", () => {
    // GIVEN a validation record that looks its name up by domain, as cdktf writes it
    const lookup = (field: string) =>
      `\${{ for key, val in { for key, val in tolist(aws_acm_certificate.site.domain_validation_options): val.domain_name => val }: val.domain_name => val }["www.example.com"].${field}}`;
    const { stack: withCertificate, presets: certificatePresets } = presetReferences(
      {
        resource: {
          aws_acm_certificate: { site: { domain_name: 'example.com', subject_alternative_names: ['www.example.com'] } },
          aws_route53_record: { www: { name: lookup('resource_record_name'), type: lookup('resource_record_type') } },
        },
      },
      schemas,
      context,
    );
    // THEN the set holds one record per domain, and the lookup reads it from a literal
    const [options] = certificatePresets.get('aws_acm_certificate.site')!;
    expect(options.path).toEqual(['domain_validation_options']);
    expect(options.value).toEqual([
      expect.objectContaining({ domain_name: 'example.com', resource_record_type: 'CNAME' }),
      expect.objectContaining({ domain_name: 'www.example.com', resource_record_type: 'CNAME' }),
    ]);
    const www = (options.value as { domain_name: string; resource_record_name: string }[])[1];
    expect(www.resource_record_name).toMatch(/^_[0-9a-f]{32}\.www\.example\.com\.$/);
    expect(withCertificate.resource.aws_route53_record.www.name).toContain(
      `tolist([{ "domain_name" = "example.com", "resource_record_name" = "_`,
    );
    expect(withCertificate.resource.aws_route53_record.www.name).not.toContain('aws_acm_certificate.site');
  });

  test('leaves escaped interpolations and the stack it was given alone', () => {
    const { stack: escaped } = presetReferences(
      {
        resource: {
          aws_ssm_parameter: { p: { value: '$${aws_cloudwatch_log_group.logs.arn}' } },
          aws_cloudwatch_log_group: { logs: { name: 'l' } },
        },
      },
      schemas,
      context,
    );
    expect(escaped.resource.aws_ssm_parameter.p.value).toBe('$${aws_cloudwatch_log_group.logs.arn}');
    expect(stack.resource.aws_iam_role_policy.flow.policy).toContain('${aws_cloudwatch_log_group.logs.arn}');
  });
});

describe('planWithPresets', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presets-'));
    file = path.join(dir, 'cdk.tf.json');
    fs.writeFileSync(file, JSON.stringify(stack));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('plans the rewritten file, then puts the file back byte for byte', async () => {
    const original = fs.readFileSync(file, 'utf8');
    const { planned, presets } = await planWithPresets([{ file, context }], schemas, ['dev'], async () => fs.readFileSync(file, 'utf8'));
    expect(planned).not.toContain('${aws_cloudwatch_log_group.logs.arn}');
    expect(presets[0].size).toBeGreaterThan(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(original);
  });

  test('when the rewritten file does not plan, says so on stderr and plans the file as synthesized, with no presets', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const seen: string[] = [];
      const { planned, presets } = await planWithPresets([{ file, context }], schemas, ['dev'], async () => {
        seen.push(fs.readFileSync(file, 'utf8'));
        if (seen.length === 1) throw new Error('terraform plan failed:\nerror: Invalid expression');
        return 'as synthesized';
      });
      expect(planned).toBe('as synthesized');
      expect(seen[1]).toBe(JSON.stringify(stack));
      expect(presets).toEqual([new Map()]);
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toMatch(
        /^The base plan of dev with stand-ins for its references failed; planning as synthesized, .*First lines of the error: terraform plan failed: \| error: Invalid expression\n$/,
      );
    } finally {
      stderr.mockRestore();
    }
  });

  test('an error of the stack itself fails the plan as synthesized too, and is thrown', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(
        planWithPresets([{ file, context }], schemas, ['dev'], async () => {
          throw new Error('error: Unsupported argument');
        }),
      ).rejects.toThrow('Unsupported argument');
      expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(stack));
    } finally {
      stderr.mockRestore();
    }
  });
});
