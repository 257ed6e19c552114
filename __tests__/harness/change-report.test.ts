import { ResourceChange } from '../../harness/changes';
import { renderReport, renderStack } from '../../harness/change-report';

const change = (address: string, action: ResourceChange['actions'][number], extra: Partial<ResourceChange> = {}): ResourceChange => ({
  address,
  type: address.split('.')[0],
  actions: [action],
  forcing: [],
  stateful: false,
  stack: 'dev',
  ...extra,
});

const changes = [
  change('aws_subnet.a', 'replace', { forcing: ['cidr_block'] }),
  change('aws_vpc.v', 'no-op'),
  change('aws_instance.web', 'update'),
  change('aws_db_instance.db', 'replace', { stateful: true, forcing: ['db_name'], blockedByPreventDestroy: true }),
  change('aws_route.r', 'create'),
  change('aws_s3_bucket.old', 'destroy', {
    stateful: true,
    moved: { from: 'aws_s3_bucket.old', to: 'aws_s3_bucket.new', declared: false },
  }),
  change('aws_s3_bucket.new', 'create', { stateful: true, moved: { from: 'aws_s3_bucket.old', to: 'aws_s3_bucket.new', declared: false } }),
];

describe('change report', () => {
  test('lists the stateful block first, then creates, updates, replacements with their forcing attributes, destroys and likely moves', () => {
    expect(renderStack({ stack: 'dev', side: 'both', changes }, [])).toBe(
      [
        'Stack dev',
        '  STATEFUL resources replaced or destroyed (their data is lost) (2):',
        '    ! aws_db_instance.db  (forced by db_name; blocked by prevent_destroy)',
        '    ! aws_s3_bucket.old  (moved? to aws_s3_bucket.new)',
        '  Create (2):',
        '    + aws_route.r',
        '    + aws_s3_bucket.new  (moved? from aws_s3_bucket.old)',
        '  Update in place (1):',
        '    ~ aws_instance.web',
        '  Replace (2):',
        '    -/+ aws_subnet.a  (forced by cidr_block)',
        '    -/+ aws_db_instance.db  (forced by db_name; blocked by prevent_destroy)',
        '  Destroy (1):',
        '    - aws_s3_bucket.old  (moved? to aws_s3_bucket.new)',
        '  Likely moves (moved?): destroyed at one address, created with the same configuration at another (1):',
        '    ? aws_s3_bucket.old -> aws_s3_bucket.new',
        "      keep the object with, in CDKTF: <new resource>.moveFromId('aws_s3_bucket.old');",
        '      or in Terraform: moved { from = aws_s3_bucket.old to   = aws_s3_bucket.new }',
      ].join('\n'),
    );
  });

  test('a stack with nothing to do says so, and one side only says which', () => {
    expect(renderStack({ stack: 'web', side: 'both', changes: [change('aws_vpc.v', 'no-op')] }, [])).toBe('Stack web\n  No changes.');
    expect(renderStack({ stack: 'web', side: 'base-only', changes: [change('aws_vpc.v', 'destroy')] }, [])).toMatch(
      /^Stack web \(only in the base: every resource is destroyed\)/,
    );
  });

  test('ends with the total and the stateful resources that fail the check, or with none', () => {
    const text = renderReport([{ stack: 'dev', side: 'both', changes }], []);
    expect(text).toContain('Total: 2 to create, 1 to update in place, 2 to replace, 1 to destroy.');
    expect(text).toContain(
      '2 stateful resources would be replaced or destroyed, losing data: dev: aws_db_instance.db, dev: aws_s3_bucket.old.',
    );
    const allowed = renderReport([{ stack: 'dev', side: 'both', changes }], ['aws_db_instance.db', 'aws_s3_bucket.old']);
    expect(allowed).toContain('! aws_db_instance.db  (forced by db_name; blocked by prevent_destroy; allowed by --allow-replace)');
    expect(allowed).toContain('No stateful resource is replaced or destroyed.');
  });
});
