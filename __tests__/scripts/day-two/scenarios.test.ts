import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSynthesizedApp } from '../../../harness/synth';
import { DAY_TWO_SCENARIOS, synthesizeScenario } from '../../../scripts/day-two/scenarios';

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
    expect(before).toHaveLength(9);
    expect(addresses(lostJson)).toEqual(expect.arrayContaining(renamed));
    expect(addresses(lostJson).filter((a) => a.includes('.wordpress_database_'))).toEqual([]);
    expect(lostJson.moved).toBeUndefined();
    expect(
      lostJson.resource.aws_db_instance[renamed.find((a) => a.startsWith('aws_db_instance.'))!.split('.')[1]]['//'].metadata.path,
    ).toBe('dev/wordpress/db/Resource');
    expect(new Set(keptJson.moved.map((block: { from: string; to: string }) => `${block.from} -> ${block.to}`))).toEqual(
      new Set(before.map((address, index) => `${address} -> ${renamed[index]}`)),
    );
  });
});
