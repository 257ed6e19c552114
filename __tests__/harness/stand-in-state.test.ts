import { standInContext } from '../../harness/stand-in-state';
import { STAND_IN_ACCOUNT } from '../../harness/state-stand-ins';

describe('standInContext', () => {
  test("takes the default AWS provider's region and pinned account", () => {
    const stack = {
      provider: {
        aws: [
          { alias: 'us-east-1', region: 'us-east-1' },
          { region: 'eu-west-1', allowed_account_ids: ['111122223333'] },
        ],
      },
    };
    expect(standInContext(stack)).toEqual({ region: 'eu-west-1', account: '111122223333' });
  });

  test('falls back to us-east-1 and the stand-in account when the stack names neither, or gives a reference', () => {
    expect(standInContext({})).toEqual({ region: 'us-east-1', account: STAND_IN_ACCOUNT });
    expect(standInContext({ provider: { aws: [{ region: '${var.region}' }] } })).toEqual({
      region: 'us-east-1',
      account: STAND_IN_ACCOUNT,
    });
  });
});
