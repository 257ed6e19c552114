import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { deploy, DeployError, DeployIo, deployOrder, parseArguments, stackCommands } from '../../scripts/deploy';
import { deployedCommit } from '../../scripts/change/deployed-revision';
import { createRepo } from '../support/git-repo';
import { tinyApp } from '../support/tiny-app';
import { planWith } from './deploy/plans';

const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));

/** A runner that records `<stack>: <command>` and shows each stack the plan in `plans` (empty otherwise). */
function fakeTerraform(plans: Record<string, object> = {}) {
  const calls: string[] = [];
  const run: DeployIo['run'] = async (args, cwd) => {
    expect(fs.existsSync(path.join(cwd, 'cdk.tf.json'))).toBe(true);
    calls.push(`${path.basename(cwd)}: ${args[0]}`);
    return { stdout: args[0] === 'show' ? JSON.stringify(plans[path.basename(cwd)] ?? planWith()) : '' };
  };
  return { calls, run, applied: () => calls.filter((call) => call.endsWith(': apply')).map((call) => call.split(':')[0]) };
}

/** A repository to record the deployed revision in (never this project's). */
const scratchRepo = () => {
  const repo = createRepo('deploy-repo-');
  repo.commit('app', tinyApp('alpha'));
  return repo;
};

describe('npm run deploy -- <environment>', () => {
  test('order: state, account, the environment, then its website', () => {
    const loaded = loadConfig(config);
    expect(deployOrder(loaded, 'dev')).toEqual(['state', 'account', 'dev', 'dev-website']);
    expect(deployOrder(loaded, 'prod')).toEqual(['state', 'account', 'prod', 'prod-website']);
    const { account: _account, ...project } = config.project;
    const draft = structuredClone({ ...config, project }) as any;
    delete draft.environments.dev.website;
    expect(deployOrder(loadConfig(draft), 'dev')).toEqual(['state', 'dev']);
  });

  test('runs init, plan into a file, show and apply of that plan in each stack directory, in order, then records the revision', async () => {
    const terraform = fakeTerraform();
    const log: string[] = [];
    const repo = scratchRepo();
    const deployed = await deploy(
      { environment: 'dev', dryRun: false, outdir: outdir(), autoApprove: true },
      { run: terraform.run, log: (line) => log.push(line), repo: repo.dir },
    );
    expect(deployed).toEqual(['state', 'account', 'dev', 'dev-website']);
    expect(terraform.calls).toEqual(deployed.flatMap((stack) => stackCommands().map((args) => `${stack}: ${args[0]}`)));
    expect(stackCommands()[3]).toEqual(['apply', '-input=false', '-no-color', '-lock-timeout=5m', 'deploy.tfplan']);
    expect(log[0]).toBe('Deploying dev: state -> account -> dev -> dev-website\n');
    expect(log).toContain('Stack dev: 0 to create, 0 to update in place, 0 to replace, 0 to destroy\n');
    expect(deployedCommit(repo.dir, 'dev')).toBe(repo.git('rev-parse', 'HEAD'));
  });

  test('--dry-run prints every command and runs none', async () => {
    const log: string[] = [];
    await deploy(parseArguments(['prod', '--dry-run', '--outdir', outdir()]), {
      run: async () => {
        throw new Error('must not run');
      },
      log: (line) => log.push(line),
      prompt: undefined,
    });
    const commands = log.filter((line) => line.includes('terraform '));
    expect(commands).toHaveLength(4 * stackCommands().length);
    expect(commands[0]).toMatch(/stacks\/state && terraform init -input=false/);
    expect(commands.at(-1)).toMatch(/stacks\/prod-website && terraform apply .* deploy\.tfplan\)/);
  });

  test('a failing stack stops the deploy and names the stack and how to resume; nothing is recorded', async () => {
    const ran: string[] = [];
    const repo = scratchRepo();
    await expect(
      deploy(
        { environment: 'dev', dryRun: false, outdir: outdir(), autoApprove: true },
        {
          run: async (args, cwd) => {
            ran.push(path.basename(cwd));
            if (path.basename(cwd) === 'dev' && args[0] === 'plan') throw new Error('boom');
            return { stdout: JSON.stringify(planWith()) };
          },
          log: () => undefined,
          repo: repo.dir,
        },
      ),
    ).rejects.toThrow(/terraform plan failed for stack "dev" .* run the same command again\. boom/);
    expect(ran).not.toContain('dev-website');
    expect(deployedCommit(repo.dir, 'dev')).toBeUndefined();
  });

  test('arguments: one environment, known options only, each error with the usage and exit code 2', () => {
    expect(parseArguments(['dev']).dryRun).toBe(false);
    expect(() => parseArguments([])).toThrow(/No environment given\. Usage: npm run deploy -- <environment>/);
    expect(() => parseArguments(['dev', 'prod'])).toThrow(DeployError);
    expect(() => parseArguments(['dev', '--yes'])).toThrow(/Unknown option "--yes"/);
    expect(() => parseArguments(['dev', '--yes'])).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => parseArguments(['dev', '--outdir'])).toThrow(/^--outdir needs a directory\. Usage: npm run deploy -- /);
    expect(parseArguments(['dev', '--outdir=/tmp/x', '--dry-run'])).toEqual({
      environment: 'dev',
      dryRun: true,
      outdir: '/tmp/x',
      autoApprove: false,
      allowReplace: [],
    });
    expect(
      parseArguments(['prod', '--auto-approve', '--allow-replace', 'aws_db_instance.a', '--allow-replace', 'aws_s3_bucket.b']),
    ).toMatchObject({
      autoApprove: true,
      allowReplace: ['aws_db_instance.a', 'aws_s3_bucket.b'],
    });
    expect(() => deployOrder(loadConfig(config), 'staging')).toThrow(/Unknown environment "staging"; known environments are dev, prod/);
  });
});
