// The day-2 scenarios for real: each change is synthesized, planned offline with the real AWS
// provider against a stand-in state of the unchanged environment (harness/change-revisions.ts,
// the change check's engine with the base state built once), and held to what
// scripts/day-two/scenarios.ts says it does, which is what docs/day-2.md prints.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResourceChange } from '../../../harness/changes';
import { checkRevisions } from '../../../harness/change-revisions';
import { readSynthesizedApp } from '../../../harness/synth';
import { scenarioOutcome, ScenarioOutcome } from '../../../scripts/day-two/outcome';
import { DAY_TWO_SCENARIOS, DayTwoScenario, synthesizeScenario } from '../../../scripts/day-two/scenarios';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'day-two-plan-'));
const outcomes = new Map<DayTwoScenario, ScenarioOutcome>();
const changesOf = new Map<DayTwoScenario, ResourceChange[]>();
const failures = new Map<DayTwoScenario, Error>();

beforeAll(async () => {
  // One base per environment, one check per stack: every revision of a stack against one state.
  const groups = new Map<string, DayTwoScenario[]>();
  for (const scenario of DAY_TWO_SCENARIOS) {
    const key = `${scenario.environment}/${scenario.stack}`;
    groups.set(key, [...(groups.get(key) ?? []), scenario]);
  }
  for (const [key, scenarios] of groups) {
    const [environment, stack] = key.split('/');
    const baseOut = path.join(root, environment, 'base');
    if (!fs.existsSync(baseOut)) synthesizeScenario(scenarios[0], baseOut, false);
    const base = readSynthesizedApp(baseOut);
    const currents = scenarios.map((scenario, index) => {
      const out = path.join(root, environment, `${stack}-${index}`);
      synthesizeScenario(scenario, out, true);
      return readSynthesizedApp(out);
    });
    const checked = await checkRevisions(
      stack,
      base.stackDir(stack),
      currents.map((current) => current.stackDir(stack)),
      { workDir: path.join(root, `work-${environment}-${stack}`) },
    );
    scenarios.forEach((scenario, index) => {
      const result = checked[index];
      if ('error' in result) return void failures.set(scenario, result.error);
      changesOf.set(scenario, result.changes);
      outcomes.set(scenario, scenarioOutcome(stack, result.changes, base.stackJson(stack), currents[index].stackJson(stack)));
    });
  }
}, 1_800_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The changes of a scenario other than no-ops, for a failure message. */
function summary(scenario: DayTwoScenario): string {
  return (changesOf.get(scenario) ?? [])
    .filter((change) => !change.actions.includes('no-op') || change.moved)
    .map(
      (change) =>
        `${change.actions.join('/')} ${change.address}${change.forcing.length ? ` (forced by ${change.forcing.join(', ')})` : ''}`,
    )
    .join('\n');
}

describe('day-2 scenarios, planned against the unchanged environment', () => {
  test.each(DAY_TWO_SCENARIOS.map((scenario) => [scenario.change, scenario] as const))('%s', (_name, scenario) => {
    const failure = failures.get(scenario);
    if (failure) throw failure;
    const outcome = outcomes.get(scenario)!;
    // Every stateful resource of the stack: the listed action, or left alone.
    const expected = Object.fromEntries(Object.keys(outcome.stateful).map((where) => [where, scenario.stateful[where] ?? 'no-op']));
    for (const where of Object.keys(scenario.stateful)) expected[where] = scenario.stateful[where];
    expect({ stateful: outcome.stateful, changes: summary(scenario) }).toEqual({ stateful: expected, changes: summary(scenario) });
    for (const [type, actions] of Object.entries(scenario.notable)) {
      for (const action of actions) expect([type, outcome.byType[type] ?? []]).toEqual([type, expect.arrayContaining([action])]);
    }
    expect([scenario.change, outcome.flagged]).toEqual([scenario.change, scenario.flagged]);
  });

  test('the website domain change names the forcing attribute of the bucket it replaces', () => {
    const scenario = DAY_TWO_SCENARIOS.find((s) => s.change === 'Website domain changed')!;
    const bucket = changesOf.get(scenario)!.find((change) => change.type === 'aws_s3_bucket' && change.actions.includes('replace'));
    expect(bucket?.forcing).toContain('bucket');
  });

  test('the rename without moved blocks is recognized as a likely move, with the code that keeps it', () => {
    const scenario = DAY_TWO_SCENARIOS.find((s) => s.change === 'Database construct renamed, no moved block')!;
    const created = changesOf.get(scenario)!.find((change) => change.type === 'aws_db_instance' && change.actions.includes('create'));
    expect(created?.moved).toEqual({
      from: expect.stringMatching(/^aws_db_instance\.wordpress_database_/),
      to: expect.stringMatching(/^aws_db_instance\.wordpress_db_/),
      declared: false,
    });
  });
});
