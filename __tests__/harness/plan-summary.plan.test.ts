import { countByType, TerraformPlan } from '../../harness/plan-json';
import { renderMarkdown, renderText, summarizePlans, summarizeStackPlan } from '../../harness/plan-summary';
import { summaryFixture } from '../support/plan-fixtures';
import { fixturePlan } from '../support/plans';

let plan: TerraformPlan;

beforeAll(async () => {
  // A two-zone network (plan-fixtures.ts).
  plan = await fixturePlan(summaryFixture, 'summary');
});

describe('plan summary of a real terraform plan', () => {
  test('a first plan adds every planned resource and changes or destroys nothing', () => {
    const planned = Object.values(countByType(plan)).reduce((a, b) => a + b, 0);
    const summary = summarizeStackPlan('summary', plan);
    expect(summary).toMatchObject({ add: planned, change: 0, destroy: 0, replace: 0 });
    expect(summary.changes.every((change) => change.kind === 'create')).toBe(true);
  });

  test('per-type counts match the planned resources of each type', () => {
    const summary = summarizeStackPlan('summary', plan);
    const adds = Object.fromEntries(Object.entries(summary.byType).map(([type, counts]) => [type, counts.add]));
    expect(adds).toEqual(countByType(plan));
    expect(adds.aws_subnet).toBe(4);
  });

  test('the same plan with one resource replaced and one updated counts them as such', () => {
    const changes = plan.resource_changes ?? [];
    const vpc = changes.find((change) => change.type === 'aws_vpc')!;
    const gateway = changes.find((change) => change.type === 'aws_internet_gateway')!;
    const edited = {
      resource_changes: changes.map((change) =>
        change === vpc
          ? { ...change, change: { ...change.change, actions: ['delete', 'create'] } }
          : change === gateway
            ? { ...change, change: { ...change.change, actions: ['update'] } }
            : change,
      ),
    };
    const before = summarizeStackPlan('summary', plan);
    const after = summarizeStackPlan('summary', edited);
    expect(after).toMatchObject({ add: before.add - 1, change: 1, destroy: 1, replace: 1 });
    expect(after.byType.aws_vpc).toEqual({ add: 1, change: 0, destroy: 1, replace: 1 });
    expect(renderMarkdown(summarizePlans([{ stack: 'summary', plan: edited }]))).toContain(`- -/+ ${vpc.address} (replace)`);
  });

  test('the rendered summaries carry the stack line', () => {
    const summary = summarizePlans([{ stack: 'summary', plan }]);
    const add = summary.totals.add;
    expect(renderMarkdown(summary)).toContain(`| \`summary\` | ${add} | 0 | 0 | 0 |`);
    expect(renderText(summary).split('\n')[0]).toBe(`summary  ${add} to add, 0 to change, 0 to destroy`);
  });
});
