import { changeCount } from '../../harness/plan-steps';

const line = (message: object) => JSON.stringify(message);

describe('changeCount', () => {
  test("adds up the change summary of a plan's -json stream", () => {
    const stream = [
      line({ type: 'version', terraform: '1.11.4' }),
      line({ type: 'planned_change', change: { action: 'update' } }),
      line({ type: 'change_summary', changes: { add: 1, change: 2, import: 0, remove: 3, operation: 'plan' } }),
      '',
    ].join('\n');
    expect(changeCount(stream)).toBe(6);
    expect(changeCount(line({ type: 'change_summary', changes: { add: 0, change: 0, import: 0, remove: 0, operation: 'plan' } }))).toBe(0);
  });

  test('is undefined without a summary, so a cut-off stream is not taken for an empty plan', () => {
    expect(changeCount([line({ type: 'version' }), 'not json'].join('\n'))).toBeUndefined();
  });
});
