// npm run deploy as a user runs it: the real terraform runner calling a fake terraform binary
// whose `show -json` prints a plan with changes, and, for the question, a real pseudo-terminal
// (util-linux `script`) around a deploy process reading its answer from it.
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TERRAFORM_BINARY_ENV } from '../../../harness/terraform-cli';
import { deployedCommit } from '../../../scripts/change/deployed-revision';
import { deploy } from '../../../scripts/deploy';
import { createRepo } from '../../support/git-repo';
import { tinyApp } from '../../support/tiny-app';
import { planned, planWith } from './plans';

const root = path.resolve(__dirname, '..', '..', '..');
const FAKE_TERRAFORM = path.join(root, '__tests__', 'support', 'fake-terraform.js');
const SWC_REGISTER = path.join(root, '__tests__', 'support', 'swc-register.js');

interface Scene {
  readonly repo: ReturnType<typeof createRepo>;
  readonly outdir: string;
  readonly env: Record<string, string>;
  /** `<stack> <command>` for each terraform command run, in order. */
  commands(): string[];
}

/** A scratch repository to deploy from, and a fake terraform that shows `plans` (stack -> plan). */
function scene(plans: Record<string, object>): Scene {
  const repo = createRepo('deploy-confirm-');
  repo.commit('app', tinyApp('alpha'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-confirm-work-'));
  const showDir = path.join(work, 'show');
  fs.mkdirSync(showDir);
  for (const [stack, plan] of Object.entries(plans)) fs.writeFileSync(path.join(showDir, `${stack}.json`), JSON.stringify(plan));
  const log = path.join(work, 'terraform.log');
  const env = { [TERRAFORM_BINARY_ENV]: FAKE_TERRAFORM, FAKE_TERRAFORM_LOG: log, FAKE_TERRAFORM_SHOW_DIR: showDir };
  return {
    repo,
    outdir: path.join(work, 'out'),
    env,
    commands: () =>
      (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ').slice(0, 2).join(' ')),
  };
}

const applies = (s: Scene) => s.commands().filter((command) => command.endsWith(' apply'));
const replaceDatabase = planWith(
  planned('create', 'aws_instance.web'),
  planned('replace', 'aws_db_instance.wordpress_database', ['db_name']),
);

describe('npm run deploy with a plan that changes something', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('a stateful replacement is not applied with --auto-approve; the stacks before it are, and no revision is recorded', async () => {
    const s = scene({ dev: replaceDatabase });
    Object.assign(process.env, s.env);
    const log: string[] = [];
    await expect(
      deploy(
        { environment: 'dev', dryRun: false, outdir: s.outdir, autoApprove: true },
        { log: (line) => log.push(line), repo: s.repo.dir },
      ),
    ).rejects.toThrow(/^Stack dev was not applied: its plan would replace aws_db_instance\.wordpress_database, forced by db_name/);
    expect(applies(s)).toEqual(['state apply', 'account apply']);
    expect(s.commands()).toContain('dev show');
    expect(log.join('')).toContain(
      '  Stateful resources replaced or destroyed (their data is lost):\n    replace aws_db_instance.wordpress_database, forced by db_name\n',
    );
    expect(deployedCommit(s.repo.dir, 'dev')).toBeUndefined();
  });

  test('--allow-replace naming it lets the deploy apply every stack and record the revision', async () => {
    const s = scene({ dev: replaceDatabase });
    Object.assign(process.env, s.env);
    await deploy(
      { environment: 'dev', dryRun: false, outdir: s.outdir, autoApprove: true, allowReplace: ['aws_db_instance.wordpress_database'] },
      { log: () => undefined, repo: s.repo.dir },
    );
    expect(applies(s)).toEqual(['state apply', 'account apply', 'dev apply', 'dev-website apply']);
    expect(deployedCommit(s.repo.dir, 'dev')).toBe(s.repo.git('rev-parse', 'HEAD'));
  });

  /** Runs `npm run deploy -- <args>` (the script's main) in a process of its own, from the scratch repository. */
  function deployProcess(s: Scene, args: string[], options: { terminal: boolean; answer?: string }) {
    const program = `require(${JSON.stringify(path.join(root, 'scripts', 'deploy.ts'))}).main(${JSON.stringify(args)}).then((code) => process.exit(code))`;
    const node = [process.execPath, '-r', SWC_REGISTER, '-e', program];
    const quoted = node.map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
    // `script` gives the deploy a pseudo-terminal as stdin and stdout; what the test writes to
    // script's stdin is typed on that terminal.
    const [command, commandArgs] = options.terminal ? ['script', ['-qec', quoted, '/dev/null']] : [node[0], node.slice(1)];
    return new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(command as string, commandArgs as string[], {
        cwd: s.repo.dir,
        env: { ...process.env, ...s.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        // Answer once the question is on the screen, as a person would.
        if (options.answer !== undefined && output.includes("Only 'yes' applies: ")) {
          child.stdin.write(`${options.answer}\n`);
          options = { ...options, answer: undefined };
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('close', (code) => resolve({ code, output }));
      if (!options.terminal) child.stdin.end();
    });
  }

  test('on a terminal it asks before the stack that changes something, naming what it destroys; "no" applies nothing more', async () => {
    const s = scene({ dev: planWith(planned('create', 'aws_instance.web'), planned('destroy', 'aws_instance.bastion')) });
    const { code, output } = await deployProcess(s, ['dev', '--outdir', s.outdir], { terminal: true, answer: 'no' });
    expect(output).toContain("Apply stack dev? It would destroy aws_instance.bastion. Only 'yes' applies: ");
    expect(output).toContain('Stack dev was not applied (the answer was "no", not "yes")');
    expect(code).toBe(1);
    // state and account change nothing, so they were applied without a question; dev and its website were not.
    expect(applies(s)).toEqual(['state apply', 'account apply']);
    expect(deployedCommit(s.repo.dir, 'dev')).toBeUndefined();
  });

  test('on a terminal, "yes" applies the stack and the deploy goes on', async () => {
    const s = scene({ dev: planWith(planned('create', 'aws_instance.web')) });
    const { code, output } = await deployProcess(s, ['dev', '--outdir', s.outdir], { terminal: true, answer: 'yes' });
    expect(output).toContain("Apply stack dev? Only 'yes' applies: ");
    expect(code).toBe(0);
    expect(applies(s)).toEqual(['state apply', 'account apply', 'dev apply', 'dev-website apply']);
    expect(deployedCommit(s.repo.dir, 'dev')).toBe(s.repo.git('rev-parse', 'HEAD'));
  });

  test('without a terminal and without --auto-approve: one paragraph, exit code 2, nothing run', async () => {
    const s = scene({ dev: replaceDatabase });
    const { code, output } = await deployProcess(s, ['dev', '--outdir', s.outdir], { terminal: false });
    expect(output.trim()).toMatch(
      /^npm run deploy -- dev asks before it applies each stack, and its standard input is not a terminal, so it cannot ask\. .*--auto-approve.*--allow-replace <address>\.$/,
    );
    expect(code).toBe(2);
    expect(s.commands()).toEqual([]);
    expect(fs.existsSync(s.outdir)).toBe(false);
  });
});

test('the pseudo-terminal tool is installed', () => {
  expect(execFileSync('script', ['--version'], { encoding: 'utf8' })).toMatch(/util-linux/);
});
