import { ResourceChange } from '../../../harness/changes';
import { scenarioOutcome } from '../../../scripts/day-two/outcome';

const at = (path: string) => ({ '//': { metadata: { path: `dev/${path}` } } });

function change(address: string, actions: ResourceChange['actions'], extra: Partial<ResourceChange> = {}): ResourceChange {
  const type = address.slice(0, address.indexOf('.'));
  return { address, type, actions, forcing: [], stateful: ['aws_db_instance', 'aws_s3_bucket'].includes(type), stack: 'dev', ...extra };
}

describe('scenarioOutcome', () => {
  const base = { resource: { aws_db_instance: { db_old: at('site/database/Resource') }, aws_vpc: { net: at('network/Resource') } } };

  test('an in-place update and a no-op, by construct path; nothing refused', () => {
    const outcome = scenarioOutcome('dev', [change('aws_db_instance.db_old', ['update']), change('aws_vpc.net', ['no-op'])], base, base);
    expect(outcome).toEqual({
      stateful: { 'site/database/Resource': 'update' },
      byType: { aws_db_instance: ['update'], aws_vpc: ['no-op'] },
      flagged: false,
    });
  });

  test('a destroy at the old address and a create at the new one of the same construct are one recreation, and refused', () => {
    const current = { resource: { aws_db_instance: { db_new: at('site/database/Resource') }, aws_vpc: { net: at('network/Resource') } } };
    const outcome = scenarioOutcome(
      'dev',
      [change('aws_db_instance.db_old', ['destroy']), change('aws_db_instance.db_new', ['create']), change('aws_vpc.net', ['no-op'])],
      base,
      current,
    );
    expect(outcome.stateful).toEqual({ 'site/database/Resource': 'recreated' });
    expect(outcome.flagged).toBe(true);
  });

  test('a likely move found by the check (destroy and create of one configuration) is a recreation under the old path', () => {
    const current = { resource: { aws_db_instance: { db_new: at('site/db/Resource') } } };
    const hint = { from: 'aws_db_instance.db_old', to: 'aws_db_instance.db_new', declared: false };
    const outcome = scenarioOutcome(
      'dev',
      [change('aws_db_instance.db_old', ['destroy'], { moved: hint }), change('aws_db_instance.db_new', ['create'], { moved: hint })],
      base,
      current,
    );
    expect(outcome.stateful).toEqual({ 'site/database/Resource': 'recreated' });
  });

  test('a declared move is a move, not a change, named by its old path; a replacement is refused', () => {
    const current = { resource: { aws_db_instance: { db_new: at('site/db/Resource') } } };
    const moved = change('aws_db_instance.db_new', ['no-op'], {
      moved: { from: 'aws_db_instance.db_old', to: 'aws_db_instance.db_new', declared: true },
    });
    expect(scenarioOutcome('dev', [moved], base, current)).toMatchObject({
      stateful: { 'site/database/Resource': 'moved' },
      flagged: false,
    });
    const replaced = change('aws_db_instance.db_old', ['replace'], { forcing: ['db_name'] });
    expect(scenarioOutcome('dev', [replaced], base, base)).toMatchObject({
      stateful: { 'site/database/Resource': 'replace' },
      flagged: true,
    });
  });
});
