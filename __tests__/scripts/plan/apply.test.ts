import { deployedCommit } from '../../../scripts/change/deployed-revision';
import { applyPlans, prepareApply } from '../../../scripts/plan/apply';
import { parseArguments, PlanError } from '../../../scripts/plan/options';
import { createRepo } from '../../support/git-repo';
import { tinyApp } from '../../support/tiny-app';
import { planned, planWith } from '../deploy/plans';

describe('npm run apply (plan --apply): confirmed like a deploy', () => {
  const plans = (devPlan: ReturnType<typeof planWith>) =>
    ['state', 'dev', 'dev-website'].map((stack) => ({
      stack,
      stackDir: `/stacks/${stack}`,
      plan: (stack === 'dev' ? devPlan : planWith()) as any,
    }));
  const scratch = () => {
    const repo = createRepo('apply-repo-');
    repo.commit('app', tinyApp('alpha'));
    return repo;
  };

  test('--auto-approve belongs to --apply', () => {
    expect(parseArguments(['prod', '--apply', '--auto-approve'])).toMatchObject({ apply: true, autoApprove: true });
    expect(() => parseArguments(['prod', '--auto-approve'])).toThrow(/--auto-approve answers the question --apply asks/);
    expect(() => parseArguments(['prod', '--auto-approve'])).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  test('without a terminal and without --auto-approve it is refused before anything is planned (exit code 2)', () => {
    const options = parseArguments(['prod', '--apply']);
    expect(() => prepareApply(options, undefined)).toThrow(PlanError);
    expect(() => prepareApply(options, undefined)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => prepareApply(options, undefined)).toThrow(
      /^npm run apply -- prod asks before it applies each stack, and its standard input is not a terminal/,
    );
    expect(prepareApply(parseArguments(['prod']), undefined)).toBeUndefined();
  });

  test('a stateful replacement stops the apply even with --auto-approve; --allow-replace lets it through and the revision is recorded', async () => {
    const repo = scratch();
    const risky = planWith(planned('replace', 'aws_efs_file_system.files', ['performance_mode']));
    const applied: string[] = [];
    const apply = async (stackDir: string) => {
      applied.push(stackDir);
      return { stdout: '', stderr: '' };
    };
    const refused = parseArguments(['dev', '--apply', '--auto-approve']);
    await expect(applyPlans(plans(risky), refused, prepareApply(refused, undefined, repo.dir)!, () => undefined, apply)).rejects.toThrow(
      /^Stack dev was not applied: its plan would replace aws_efs_file_system\.files, forced by performance_mode.*npm run apply -- dev --allow-replace aws_efs_file_system\.files/,
    );
    expect(applied).toEqual(['/stacks/state']);
    expect(deployedCommit(repo.dir, 'dev')).toBeUndefined();

    applied.length = 0;
    const allowed = parseArguments(['dev', '--apply', '--auto-approve', '--allow-replace', 'aws_efs_file_system.files']);
    await applyPlans(plans(risky), allowed, prepareApply(allowed, undefined, repo.dir)!, () => undefined, apply);
    expect(applied).toEqual(['/stacks/state', '/stacks/dev', '/stacks/dev-website']);
    expect(deployedCommit(repo.dir, 'dev')).toBe(repo.git('rev-parse', 'HEAD'));
  });

  test('on a terminal a "no" applies nothing from that stack on', async () => {
    const repo = scratch();
    const options = parseArguments(['dev', '--apply']);
    const applied: string[] = [];
    const questions: string[] = [];
    const prompt = async (question: string) => {
      questions.push(question);
      return 'no';
    };
    await expect(
      applyPlans(
        plans(planWith(planned('destroy', 'aws_instance.bastion'))),
        options,
        prepareApply(options, prompt, repo.dir)!,
        () => undefined,
        async (dir) => {
          applied.push(dir);
          return { stdout: '', stderr: '' };
        },
      ),
    ).rejects.toThrow(/^Stack dev was not applied \(the answer was "no", not "yes"\)/);
    expect(questions).toEqual(["Apply stack dev? It would destroy aws_instance.bastion. Only 'yes' applies: "]);
    expect(applied).toEqual(['/stacks/state']);
  });
});
