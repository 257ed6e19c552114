import { TerraformPlan } from '../../harness/plan-json';
import {
  changeKind,
  PolicyFinding,
  renderMarkdown,
  renderText,
  SUMMARY_MARKER,
  summarizePlans,
  summaryMarker,
  summarizeStackPlan,
} from '../../harness/plan-summary';

type Changes = Pick<TerraformPlan, 'resource_changes'>;

function planOf(...changes: [address: string, actions: string[], mode?: 'managed' | 'data'][]): Changes {
  return {
    resource_changes: changes.map(([address, actions, mode = 'managed']) => {
      const [type, name] = address.replace(/^data\./, '').split('.');
      return { address, mode, type, name, change: { actions } };
    }),
  };
}

const MIXED = planOf(
  ['aws_vpc.network', ['no-op']],
  ['aws_subnet.public-a', ['create']],
  ['aws_subnet.public-b', ['create']],
  ['aws_security_group.web', ['update']],
  ['aws_instance.bastion', ['delete', 'create']],
  ['aws_launch_template.web', ['create', 'delete']],
  ['aws_eip.old', ['delete']],
  ['data.aws_region.current', ['read'], 'data'],
);

describe('plan summary', () => {
  test("counts replacements in add and destroy, like terraform's Plan line, and separately", () => {
    const summary = summarizeStackPlan('dev', MIXED);
    expect(summary).toMatchObject({ stack: 'dev', add: 4, change: 1, destroy: 3, replace: 2 });
  });

  test('groups counts by resource type and leaves out unchanged resources and data reads', () => {
    const summary = summarizeStackPlan('dev', MIXED);
    expect(summary.byType).toEqual({
      aws_eip: { add: 0, change: 0, destroy: 1, replace: 0 },
      aws_instance: { add: 1, change: 0, destroy: 1, replace: 1 },
      aws_launch_template: { add: 1, change: 0, destroy: 1, replace: 1 },
      aws_security_group: { add: 0, change: 1, destroy: 0, replace: 0 },
      aws_subnet: { add: 2, change: 0, destroy: 0, replace: 0 },
    });
    expect(summary.changes.map((c) => c.address)).not.toContain('aws_vpc.network');
    expect(summary.changes.map((c) => c.address)).not.toContain('data.aws_region.current');
  });

  test('a plan with only no-op changes or no resource_changes has nothing to do', () => {
    expect(summarizeStackPlan('prod', planOf(['aws_vpc.network', ['no-op']]))).toMatchObject({
      add: 0,
      change: 0,
      destroy: 0,
      replace: 0,
      changes: [],
    });
    expect(summarizeStackPlan('prod', {})).toMatchObject({ add: 0, change: 0, destroy: 0, byType: {} });
  });

  test('forgotten resources are listed but counted as neither added nor destroyed', () => {
    const summary = summarizeStackPlan('dev', planOf(['aws_s3_bucket.old', ['forget']]));
    expect(summary).toMatchObject({ add: 0, change: 0, destroy: 0 });
    expect(summary.changes).toEqual([{ address: 'aws_s3_bucket.old', type: 'aws_s3_bucket', kind: 'forget' }]);
  });

  test('unknown actions are an error naming them', () => {
    expect(() => changeKind(['teleport'])).toThrow(/unknown terraform change actions \[teleport\]/);
  });

  test('totals add up every stack', () => {
    const summary = summarizePlans([
      { stack: 'dev', plan: MIXED },
      { stack: 'dev-website', plan: planOf(['aws_s3_bucket.site', ['create']]) },
    ]);
    expect(summary.totals).toEqual({ add: 5, change: 1, destroy: 3, replace: 2 });
  });

  test('markdown starts with the hidden marker and has a row per stack', () => {
    const markdown = renderMarkdown(
      summarizePlans([
        { stack: 'dev', plan: MIXED },
        { stack: 'prod', plan: planOf(['aws_vpc.network', ['no-op']]) },
      ]),
    );
    expect(markdown.startsWith(`${SUMMARY_MARKER}\n`)).toBe(true);
    expect(markdown).toContain('| `dev` | 4 | 1 | 3 | 2 |');
    expect(markdown).toContain('| `prod` | 0 | 0 | 0 | 0 |');
    expect(markdown).toContain('<code>prod</code>: no changes');
    expect(markdown).toContain('**Total: 4 to add, 1 to change, 3 to destroy (2 replaced).** :warning: This plan destroys resources.');
  });

  test('a marker key gives each environment its own comment marker', () => {
    const markdown = renderMarkdown(summarizePlans([{ stack: 'prod', plan: {} }]), { markerKey: 'prod' });
    expect(markdown.split('\n')[0]).toBe('<!-- aws-web-stack:plan-summary:prod -->');
    expect(summaryMarker('prod')).not.toBe(summaryMarker('dev'));
    expect(summaryMarker('a b')).toBe('<!-- aws-web-stack:plan-summary:a_b -->');
  });

  test('markdown lists updated, replaced and destroyed addresses but not plain creations', () => {
    const markdown = renderMarkdown(summarizePlans([{ stack: 'dev', plan: MIXED }]));
    expect(markdown).toContain('! ~ aws_security_group.web (update)');
    expect(markdown).toContain('- -/+ aws_instance.bastion (replace)');
    expect(markdown).toContain('- - aws_eip.old (delete)');
    expect(markdown).not.toContain('aws_subnet.public-a');
    expect(markdown).toContain('| `aws_subnet` | 2 | 0 | 0 | 0 |');
  });

  test('markdown shows policy findings errors first, with pipes escaped', () => {
    const findings: PolicyFinding[] = [
      { stack: 'dev', level: 'warning', ruleId: 'WS-VPC1', resource: 'dev/network', message: 'no flow logs | enable them' },
      { stack: 'prod', level: 'error', ruleId: 'WS-S3-2', message: 'bucket is public' },
    ];
    const markdown = renderMarkdown(summarizePlans([{ stack: 'dev', plan: MIXED }], findings), {
      title: 'Plan for dev',
      subtitle: 'commit abc123',
    });
    expect(markdown).toContain('## Plan for dev\n\ncommit abc123');
    expect(markdown).toContain('### Policy findings: 1 errors, 1 warnings, 0 notes');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| error') || line.startsWith('| warning'));
    expect(rows).toEqual([
      '| error | `prod` | `WS-S3-2` |  | bucket is public |',
      '| warning | `dev` | `WS-VPC1` | `dev/network` | no flow logs \\| enable them |',
    ]);
  });

  test('markdown says so when there are no policy findings', () => {
    expect(renderMarkdown(summarizePlans([{ stack: 'dev', plan: MIXED }]))).toContain('No policy findings.');
  });

  test('text output has one line per stack, per-type details and the destroyed addresses', () => {
    const text = renderText(
      summarizePlans(
        [
          { stack: 'dev', plan: MIXED },
          { stack: 'prod', plan: {} },
        ],
        [{ stack: 'dev', level: 'error', ruleId: 'WS-1', resource: 'dev/db', message: 'not encrypted' }],
      ),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('dev    4 to add, 1 to change, 3 to destroy (2 replaced)');
    expect(lines).toContain('         aws_instance: -/+1');
    expect(lines).toContain('         aws_subnet: +2');
    expect(lines).toContain('         - aws_eip.old (destroyed)');
    expect(lines).toContain('         -/+ aws_instance.bastion (replaced)');
    expect(lines).toContain('prod   no changes');
    expect(lines).toContain('total  4 to add, 1 to change, 3 to destroy (2 replaced)');
    expect(lines).toContain('  ERROR WS-1 dev dev/db: not encrypted');
  });
});
