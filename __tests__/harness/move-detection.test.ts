import { ResourceChange } from '../../harness/changes';
import { differingSegments, markLikelyMoves, moveCode, sameConfiguration } from '../../harness/move-detection';

const body = (path: string, extra: Record<string, unknown>) => ({ '//': { metadata: { path, uniqueId: 'x' } }, ...extra });
const change = (address: string, action: ResourceChange['actions'][number], stateful = true): ResourceChange => ({
  address,
  type: address.split('.')[0],
  actions: [action],
  forcing: [],
  stateful,
  stack: 'dev',
});

describe('differingSegments', () => {
  test('cuts the common head and tail of two construct paths', () => {
    expect(differingSegments('dev/wordpress/database/Resource', 'dev/wordpress/db/Resource')).toEqual({ from: ['database'], to: ['db'] });
    expect(differingSegments('dev/a/Resource', 'dev/b/c/Resource')).toEqual({ from: ['a'], to: ['b', 'c'] });
  });
});

describe('sameConfiguration', () => {
  test('matches apart from the logical name, the construct path, names built from the moved segment and referenced logical names', () => {
    const from = body('dev/wordpress/file-system/Resource', {
      creation_token: 'web-stack-dev-file-system',
      tags: { Name: 'dev/wordpress/file-system' },
      kms_key_id: '${aws_kms_key.wordpress_file-system_key_1234.arn}',
      encrypted: true,
    });
    const to = body('dev/wordpress/uploads/Resource', {
      creation_token: 'web-stack-dev-uploads',
      tags: { Name: 'dev/wordpress/uploads' },
      kms_key_id: '${aws_kms_key.wordpress_uploads_key_9876.arn}',
      encrypted: true,
    });
    expect(sameConfiguration({ name: 'wordpress_file-system_AB', body: from }, { name: 'wordpress_uploads_CD', body: to })).toBe(true);
  });

  test('a rename to or from a common word (db) matches whole segments only, not the type names and values holding it', () => {
    const database = (segment: string, extra: Record<string, unknown> = {}) =>
      body(`dev/wordpress/${segment}/Resource`, {
        identifier: `web-stack-dev-${segment}`,
        instance_class: 'db.t4g.micro',
        db_subnet_group_name: `\${aws_db_subnet_group.wordpress_${segment}_subnets_12.name}`,
        tags: { Name: `dev/wordpress/${segment}`, Role: 'db' },
        ...extra,
      });
    const old = { name: 'wordpress_database_AB', body: database('database') };
    const renamed = { name: 'wordpress_db_CD', body: database('db') };
    expect(sameConfiguration(old, renamed)).toBe(true);
    expect(sameConfiguration(renamed, old)).toBe(true);
    const resized = { name: 'wordpress_db_CD', body: database('db', { instance_class: 'db.t4g.small' }) };
    expect(sameConfiguration(old, resized)).toBe(false);
    // A value the rename does not explain still differs.
    const retagged = { name: 'wordpress_db_CD', body: database('db', { tags: { Name: 'dev/wordpress/db', Role: 'database' } }) };
    expect(sameConfiguration(old, retagged)).toBe(false);
  });

  test('any other difference is not a move', () => {
    const from = body('dev/a/Resource', { encrypted: true, performance_mode: 'generalPurpose' });
    const to = body('dev/b/Resource', { encrypted: true, performance_mode: 'maxIO' });
    expect(sameConfiguration({ name: 'a', body: from }, { name: 'b', body: to })).toBe(false);
  });
});

describe('markLikelyMoves', () => {
  const base = {
    resource: {
      aws_db_instance: { old: body('dev/wordpress/database/Resource', { db_name: 'wordpress' }) },
      aws_s3_bucket: { gone: body('dev/gone', { bucket: 'x' }) },
    },
  };
  const current = {
    resource: {
      aws_db_instance: { new: body('dev/wordpress/db/Resource', { db_name: 'wordpress' }) },
      aws_s3_bucket: { other: body('dev/other', { bucket: 'y' }) },
    },
  };

  test('pairs a destroy with the one matching create of its type and marks both, undeclared', () => {
    const marked = markLikelyMoves(
      [
        change('aws_db_instance.old', 'destroy'),
        change('aws_db_instance.new', 'create'),
        change('aws_s3_bucket.gone', 'destroy'),
        change('aws_s3_bucket.other', 'create'),
      ],
      base,
      current,
    );
    const move = { from: 'aws_db_instance.old', to: 'aws_db_instance.new', declared: false };
    expect(marked[0].moved).toEqual(move);
    expect(marked[1].moved).toEqual(move);
    expect(marked[2].moved).toBeUndefined();
    expect(marked[3].moved).toBeUndefined();
  });

  test('two equal candidates are no move: the check cannot tell which one it is', () => {
    const twins = { resource: { aws_db_instance: { a: body('dev/a', { db_name: 'w' }), b: body('dev/b', { db_name: 'w' }) } } };
    const from = { resource: { aws_db_instance: { old: body('dev/old', { db_name: 'w' }) } } };
    const marked = markLikelyMoves(
      [change('aws_db_instance.old', 'destroy'), change('aws_db_instance.a', 'create'), change('aws_db_instance.b', 'create')],
      from,
      twins,
    );
    expect(marked.every((item) => item.moved === undefined)).toBe(true);
  });
});

describe('moveCode', () => {
  test('prints the CDKTF call on the new resource and the equivalent moved block', () => {
    const code = moveCode({ from: 'aws_db_instance.old', to: 'aws_db_instance.new' }, 'dev/wordpress/db/Resource');
    expect(code.cdktf).toBe("<new resource> (the construct at dev/wordpress/db/Resource).moveFromId('aws_db_instance.old');");
    expect(code.terraform).toBe('moved {\n  from = aws_db_instance.old\n  to   = aws_db_instance.new\n}');
  });
});
