import { missingNameProblems, subnetZoneProblems } from '../../../constructs/private/database-placement';

describe('missingNameProblems', () => {
  test('names each of databaseName and masterUsername that is missing, in that order', () => {
    expect(missingNameProblems({}).map((problem) => problem.field)).toEqual(['databaseName', 'masterUsername']);
    expect(missingNameProblems({ databaseName: 'wordpress' }).map((problem) => problem.field)).toEqual(['masterUsername']);
    expect(missingNameProblems({})[0].message).toMatch(/^is required: RDS cannot change it later without replacing the instance/);
  });

  test('both given: no problem', () => {
    expect(missingNameProblems({ databaseName: 'wordpress', masterUsername: 'wpadmin' })).toEqual([]);
  });
});

describe('subnetZoneProblems', () => {
  test('fewer than two zones is refused, with the count', () => {
    expect(subnetZoneProblems({})).toEqual([
      { field: 'subnetIds', message: 'has 0 zone(s); a DB subnet group needs subnets in at least two availability zones' },
    ]);
    expect(subnetZoneProblems({ 'eu-west-1a': 'subnet-a' })[0].message).toMatch(/^has 1 zone\(s\)/);
  });

  test('two zones or more: no problem', () => {
    expect(subnetZoneProblems({ 'eu-west-1a': 'subnet-a', 'eu-west-1b': 'subnet-b' })).toEqual([]);
  });
});
