import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSynthesizedApp } from '../../../harness/synth';
import { DAY_TWO_SCENARIOS, synthesizeScenario } from '../../../scripts/day-two/scenarios';

/** Construct paths below the stack of every resource of one synthesized stack. */
function constructPaths(json: Record<string, any>, stack: string): string[] {
  return Object.values(json.resource ?? {}).flatMap((byName: any) =>
    Object.values(byName).map((body: any) => String(body['//']?.metadata?.path ?? '').replace(`${stack}/`, '')),
  );
}

describe('the day-2 scenarios', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'day-two-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('have distinct names, and each flagged one replaces or destroys a stateful resource', () => {
    expect(new Set(DAY_TWO_SCENARIOS.map((s) => s.change)).size).toBe(DAY_TWO_SCENARIOS.length);
    for (const scenario of DAY_TWO_SCENARIOS) {
      const loses = Object.values(scenario.stateful).some((action) => ['replace', 'destroy', 'recreated'].includes(action));
      expect([scenario.change, loses]).toEqual([scenario.change, scenario.flagged]);
    }
  });

  test.each(DAY_TWO_SCENARIOS.map((scenario) => [scenario.change, scenario] as const))(
    '%s: synthesizes, changes its stack, and names stateful resources that exist',
    (_name, scenario) => {
      const dir = fs.mkdtempSync(path.join(root, 'scenario-'));
      synthesizeScenario(scenario, path.join(dir, 'base'), false);
      synthesizeScenario(scenario, path.join(dir, 'current'), true);
      const base = readSynthesizedApp(path.join(dir, 'base'));
      const current = readSynthesizedApp(path.join(dir, 'current'));
      expect(base.stacks).toEqual(expect.arrayContaining(current.stacks));
      expect(current.stacks).toContain(scenario.stack);
      // A boolean, not the JSON: a failure should not print two whole stacks.
      expect(JSON.stringify(current.stackJson(scenario.stack)) === JSON.stringify(base.stackJson(scenario.stack))).toBe(false);
      const known = new Set([
        ...constructPaths(base.stackJson(scenario.stack), scenario.stack),
        ...constructPaths(current.stackJson(scenario.stack), scenario.stack),
      ]);
      for (const where of Object.keys(scenario.stateful)) expect([where, known.has(where)]).toEqual([where, true]);
    },
  );

  test('the renamed database moves every resource below the construct, and with moved blocks keeps each one', () => {
    const [lost, kept] = DAY_TWO_SCENARIOS.filter((s) => s.change.startsWith('Database construct renamed'));
    const dir = fs.mkdtempSync(path.join(root, 'rename-'));
    synthesizeScenario(lost, path.join(dir, 'base'), false);
    synthesizeScenario(lost, path.join(dir, 'lost'), true);
    synthesizeScenario(kept, path.join(dir, 'kept'), true);
    const addresses = (json: Record<string, any>) =>
      Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName as object).map((name) => `${type}.${name}`));
    const before = addresses(readSynthesizedApp(path.join(dir, 'base')).stackJson('dev')).filter((a) => a.includes('.wordpress_database_'));
    const lostJson = readSynthesizedApp(path.join(dir, 'lost')).stackJson('dev');
    const keptJson = readSynthesizedApp(path.join(dir, 'kept')).stackJson('dev');
    const renamed = before.map((address) => address.replace('.wordpress_database_', '.wordpress_db_'));
    expect(before).toHaveLength(8);
    expect(addresses(lostJson)).toEqual(expect.arrayContaining(renamed));
    expect(addresses(lostJson).filter((a) => a.includes('.wordpress_database_'))).toEqual([]);
    expect(lostJson.moved).toBeUndefined();
    expect(new Set(keptJson.moved.map((block: { from: string; to: string }) => `${block.from} -> ${block.to}`))).toEqual(
      new Set(before.map((address, index) => `${address} -> ${renamed[index]}`)),
    );
  });
});
