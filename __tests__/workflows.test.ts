import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { config } from '../config/environments';
import { createRepo } from './support/git-repo';

const root = path.resolve(__dirname, '..');
const workflowsDir = path.join(root, '.github', 'workflows');
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>);
const environments = Object.keys(config.environments);

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly environment?: string;
  readonly needs?: string | string[];
  readonly container?: unknown;
  readonly strategy?: { matrix?: Record<string, unknown> };
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const files = fs
  .readdirSync(workflowsDir)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
const source = (file: string) => fs.readFileSync(path.join(workflowsDir, file), 'utf8');
const workflow = (file: string) => parse(source(file)) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps);

/** The npm script each `npm …` command in a run block needs: `npm run x` needs x, `npm test` needs test. */
function npmScriptsRun(run: string): string[] {
  const needed: string[] = [];
  for (const match of run.matchAll(/\bnpm\s+(?:(?:run|run-script)\s+(?:--?[\w-]+\s+)*([\w:.-]+)|(test|start|stop|restart)\b)/g)) {
    needed.push(match[1] ?? match[2]);
  }
  return needed;
}

describe('GitHub Actions workflows', () => {
  test('there is a plan workflow and an apply workflow', () => {
    expect(files).toEqual(expect.arrayContaining(['apply.yml', 'plan.yml']));
  });

  test.each(files)('%s is valid against the GitHub Actions workflow schema', (file) => {
    expect(validateWorkflow(source(file)).errors).toEqual([]);
  });

  test('the schema check catches a broken workflow', () => {
    const broken = 'name: x\non: push\njobs:\n  a:\n    permissions:\n      contents: raed\n    steps:\n      - run: echo\n';
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  test.each(files)('every npm script %s runs exists in package.json', (file) => {
    const needed = steps(file).flatMap((step) => (step.run ? npmScriptsRun(step.run) : []));
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  test('the npm command finder reads run, flags and test', () => {
    expect(npmScriptsRun('npm ci && npm test\nnpm run --silent plan -- dev\nnpm run synth')).toEqual(['test', 'plan', 'synth']);
  });

  test.each(files)('every action in %s is pinned to an exact version or commit', (file) => {
    const uses = steps(file).flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((use) => !/^[\w.-]+\/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(use))).toEqual([]);
  });

  test.each(files)('%s grants only contents: read at the top and widens per job', (file) => {
    expect(workflow(file).permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow(file).jobs)) {
      expect(job.permissions).toBeDefined();
    }
  });

  test('plan runs on pull requests: tests and synth, then a plan per environment with least permissions', () => {
    const plan = workflow('plan.yml');
    expect(Object.keys(plan.on)).toEqual(['pull_request']);
    const runs = plan.jobs.test.steps.map((step) => step.run ?? '');
    // The same set-up and test command as CI (.ci/run: npm run setup, npm ci, npm test), in Debian 12.
    expect(runs).toEqual(expect.arrayContaining(['bash .ci/run', 'npm run synth']));
    expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toMatch(/npm run setup[\s\S]*npm ci --no-audit --no-fund\nnpm test\n/);
    expect(plan.jobs.test.container).toEqual({ image: 'node:20-bookworm', options: '--privileged' });
    expect(plan.jobs.test.permissions).toEqual({ contents: 'read' });
    expect(plan.jobs.plan.needs).toBe('test');
    expect(plan.jobs.plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    expect(plan.jobs.plan.strategy?.matrix?.environment).toEqual(environments);
    expect(plan.jobs.plan.steps.map((step) => step.run)).toContain('npm run plan -- "$PLAN_ENVIRONMENT"');
  });

  test('credentials come from OIDC with a role ARN from repository variables, never from keys', () => {
    for (const file of files) {
      const credentials = steps(file).filter((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(credentials.length).toBeGreaterThan(0);
      for (const step of credentials) {
        expect(step.with?.['role-to-assume']).toMatch(/^\$\{\{ vars\.AWS_(PLAN|APPLY)_ROLE_ARN \}\}$/);
        expect(Object.keys(step.with ?? {}).filter((key) => /access-key|secret|session-token/.test(key))).toEqual([]);
      }
    }
    expect(source('plan.yml')).toContain('vars.AWS_PLAN_ROLE_ARN');
    expect(source('plan.yml') + source('apply.yml')).not.toMatch(/secrets\.AWS/);
  });

  test('plan uploads the plans, writes the job summary and updates its marked comment instead of adding one', () => {
    const planSteps = workflow('plan.yml').jobs.plan.steps;
    const upload = planSteps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('cdktf.out/plans/${{ matrix.environment }}');
    expect(planSteps.some((step) => step.run?.includes('>> "$GITHUB_STEP_SUMMARY"'))).toBe(true);
    const script = String(planSteps.find((step) => step.uses?.startsWith('actions/github-script@'))?.with?.script);
    expect(script).toContain('body?.startsWith(marker)');
    expect(script).toContain('updateComment');
    expect(script).toContain('createComment');
  });

  test('apply runs on pushes to main, one protected environment per job, dev before prod', () => {
    const apply = workflow('apply.yml');
    expect(apply.on).toEqual({ push: { branches: ['main'] } });
    expect(
      Object.values(apply.jobs)
        .map((job) => job.environment)
        .sort(),
    ).toEqual([...environments].sort());
    for (const [name, job] of Object.entries(apply.jobs)) {
      // contents: write pushes the tag deployed/<env>; the annotated tag needs an author.
      expect(job.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
      expect(job.steps.map((step) => step.run)).toContain(`npm run apply -- ${job.environment} --auto-approve`);
      expect(job.steps.some((step) => step.run?.includes('git config user.email'))).toBe(true);
      expect([name, job.environment]).toEqual([job.environment, job.environment]);
    }
    expect(apply.jobs.prod.needs).toBe('dev');
  });

  test('the change check runs for every environment with no credentials, so for forks too, against deployed/<env> or the pull request base', () => {
    const changes = workflow('plan.yml').jobs.changes;
    expect(changes.if).toBeUndefined();
    expect(changes.needs).toBeUndefined();
    expect(changes.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(changes.strategy?.matrix?.environment).toEqual(environments);
    expect(changes.steps.filter((step) => step.uses?.startsWith('aws-actions/'))).toEqual([]);
    // The base revision and the tags must be in the clone.
    expect(changes.steps.find((step) => step.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    const runs = changes.steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('git rev-parse --verify --quiet "refs/tags/deployed/$PLAN_ENVIRONMENT"');
    expect(runs).toContain('CHANGE_BASE=deployed');
    expect(runs).toContain('CHANGE_BASE=$PULL_REQUEST_BASE');
    expect(source('plan.yml')).toContain('PULL_REQUEST_BASE: ${{ github.event.pull_request.base.sha }}');
    expect(runs).toContain('npm run --silent plan -- "$PLAN_ENVIRONMENT" --offline --base "$CHANGE_BASE"');
    expect(runs).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const comment = changes.steps.find((step) => step.uses?.startsWith('actions/github-script@'));
    expect(comment?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(String(comment?.with?.script)).toContain('updateComment');
    // The credentialed plan stays.
    expect(workflow('plan.yml').jobs.plan.steps.map((step) => step.run)).toContain('npm run plan -- "$PLAN_ENVIRONMENT"');
  });

  test("the change check's base choice runs as written: the tag when it exists, else the pull request's base", () => {
    const choose = workflow('plan.yml').jobs.changes.steps.find((step) => step.name?.startsWith('Choose the base'))!.run!;
    const repo = createRepo('workflow-base-');
    const first = repo.commit('first', { 'a.txt': 'a' });
    const run = () => {
      const envFile = path.join(repo.dir, '..', `${path.basename(repo.dir)}.env`);
      fs.writeFileSync(envFile, '');
      execFileSync('bash', ['-e', '-c', choose], {
        cwd: repo.dir,
        env: { ...process.env, GITHUB_ENV: envFile, PLAN_ENVIRONMENT: 'prod', PULL_REQUEST_BASE: first },
      });
      return fs.readFileSync(envFile, 'utf8');
    };
    expect(run()).toMatch(
      new RegExp(`^CHANGE_BASE=${first}\nCHANGE_BASE_LABEL=the pull request's base \\(${first.slice(0, 7)}\\); no deployed/prod tag\n$`),
    );
    repo.git('tag', 'deployed/prod', first);
    expect(run()).toMatch(new RegExp(`^CHANGE_BASE=deployed\nCHANGE_BASE_LABEL=deployed/prod \\(${first.slice(0, 7)}\\)\n$`));
  });
});
