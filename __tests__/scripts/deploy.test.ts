import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { deploy, DeployError, deployOrder, parseArguments, stackCommands } from '../../scripts/deploy';

describe('npm run deploy -- <environment>', () => {
  const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));

  test('order: state, account, the environment, then its website', () => {
    const loaded = loadConfig(config);
    expect(deployOrder(loaded, 'dev')).toEqual(['state', 'account', 'dev', 'dev-website']);
    expect(deployOrder(loaded, 'prod')).toEqual(['state', 'account', 'prod', 'prod-website']);
    const { account: _account, ...project } = config.project;
    const draft = structuredClone({ ...config, project }) as any;
    delete draft.environments.dev.website;
    expect(deployOrder(loadConfig(draft), 'dev')).toEqual(['state', 'dev']);
  });

  test('runs init, plan into a file and apply of that plan in each stack directory, in order', async () => {
    const calls: string[] = [];
    const log: string[] = [];
    const deployed = await deploy(
      { environment: 'dev', dryRun: false, outdir: outdir() },
      async (args, cwd) => {
        expect(fs.existsSync(path.join(cwd, 'cdk.tf.json'))).toBe(true);
        calls.push(`${path.basename(cwd)}: ${args[0]}`);
      },
      (line) => log.push(line),
    );
    expect(deployed).toEqual(['state', 'account', 'dev', 'dev-website']);
    expect(calls).toEqual(deployed.flatMap((stack) => stackCommands().map((args) => `${stack}: ${args[0]}`)));
    expect(stackCommands()[2]).toEqual(['apply', '-input=false', '-no-color', '-lock-timeout=5m', 'deploy.tfplan']);
    expect(log[0]).toBe('Deploying dev: state -> account -> dev -> dev-website\n');
  });

  test('--dry-run prints every command and runs none', async () => {
    const log: string[] = [];
    await deploy(
      parseArguments(['prod', '--dry-run', '--outdir', outdir()]),
      async () => {
        throw new Error('must not run');
      },
      (line) => log.push(line),
    );
    const commands = log.filter((line) => line.includes('terraform '));
    expect(commands).toHaveLength(4 * stackCommands().length);
    expect(commands[0]).toMatch(/stacks\/state && terraform init -input=false/);
    expect(commands.at(-1)).toMatch(/stacks\/prod-website && terraform apply .* deploy\.tfplan\)/);
  });

  test('a failing stack stops the deploy and names the stack and how to resume', async () => {
    const ran: string[] = [];
    await expect(
      deploy(
        { environment: 'dev', dryRun: false, outdir: outdir() },
        async (args, cwd) => {
          ran.push(path.basename(cwd));
          if (path.basename(cwd) === 'dev' && args[0] === 'plan') throw new Error('boom');
        },
        () => undefined,
      ),
    ).rejects.toThrow(/terraform plan failed for stack "dev" .* run the same command again\. boom/);
    expect(ran).not.toContain('dev-website');
  });

  test('arguments: one environment, known options only, each error with the usage', () => {
    expect(parseArguments(['dev']).dryRun).toBe(false);
    expect(() => parseArguments([])).toThrow(/No environment given\. Usage: npm run deploy -- <environment>/);
    expect(() => parseArguments(['dev', 'prod'])).toThrow(DeployError);
    expect(() => parseArguments(['dev', '--yes'])).toThrow(/Unknown option "--yes"/);
    expect(() => parseArguments(['dev', '--outdir'])).toThrow(/^--outdir needs a directory\. Usage: npm run deploy -- /);
    expect(parseArguments(['dev', '--outdir=/tmp/x', '--dry-run'])).toEqual({ environment: 'dev', dryRun: true, outdir: '/tmp/x' });
    expect(() => deployOrder(loadConfig(config), 'staging')).toThrow(/Unknown environment "staging"; known environments are dev, prod/);
  });
});
