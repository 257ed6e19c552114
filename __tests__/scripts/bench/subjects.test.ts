import { execFileSync } from 'child_process';
import * as path from 'path';
import { CHANGE_BASE, chooseSubjects, PLAN_ENVIRONMENT, subjects } from '../../../scripts/bench/subjects';
import { parseArguments } from '../../../scripts/plan/options';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the change-check row of the bench', () => {
  const all = subjects(ROOT);
  const change = all.find((s) => s.key === 'change')!;

  test('runs the offline change check of the planned environment against the fixed base, judged against the offline plan', () => {
    const spec = change.spec('/tmp/out', {});
    expect([spec.file, ...spec.args.slice(0, 3)]).toEqual(['npm', 'run', '--silent', 'plan']);
    // The arguments after `--` are what scripts/plan.ts parses: the same command a user types.
    const options = parseArguments(spec.args.slice(spec.args.indexOf('--') + 1));
    expect(options).toMatchObject({
      environment: PLAN_ENVIRONMENT,
      offline: true,
      outdir: '/tmp/out',
      base: { kind: 'git-ref', ref: CHANGE_BASE },
    });
    expect(change.floor).toBe('plan');
    expect(change.targets).toEqual({ maxRatioToFloor: 3 });
    // The warm-up synthesizes the base into its cache, so the timed runs are a second run.
    expect(change.noWarmUp).toBeFalsy();
  });

  test('its base is a commit this clone has', () => {
    const commit = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${CHANGE_BASE}^{commit}`], { cwd: ROOT, encoding: 'utf8' });
    expect(commit.trim()).toMatch(/^[0-9a-f]{40}$/);
  });

  test('--only change measures the offline plan it is judged against', () => {
    expect(chooseSubjects(all, ['change']).map((s) => s.key)).toEqual(['plan', 'change']);
  });
});

describe('the change-edit row of the bench', () => {
  const all = subjects(ROOT);
  const edit = all.find((s) => s.key === 'change-edit')!;

  test('runs the same check against the changed base directory, judged against the offline plan with the same target', () => {
    const spec = edit.spec('/tmp/out', { changedBase: '/tmp/changed-base' });
    const options = parseArguments(spec.args.slice(spec.args.indexOf('--') + 1));
    expect(options).toMatchObject({
      environment: PLAN_ENVIRONMENT,
      offline: true,
      outdir: '/tmp/out',
      base: { kind: 'directory', dir: '/tmp/changed-base' },
    });
    expect(edit.floor).toBe('plan');
    expect(edit.targets).toEqual({ maxRatioToFloor: 3 });
  });

  test('refuses to run without its base, which the bench prepares only when the row is chosen', () => {
    expect(() => edit.spec('/tmp/out', {})).toThrow('the changed base was not prepared');
    expect(chooseSubjects(all, ['change-edit']).map((s) => s.key)).toEqual(['plan', 'change-edit']);
  });
});
