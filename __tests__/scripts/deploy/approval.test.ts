import { ApplyRefused, approveStack, reviewText } from '../../../scripts/deploy/approval';
import { classifyPlan } from '../../../harness/changes';
import { planned, planWith } from './plans';

const COMMAND = 'npm run deploy -- prod';
const replaceDatabase = planWith(
  planned('create', 'aws_instance.web'),
  planned('update', 'aws_lb.main'),
  planned('replace', 'aws_db_instance.database', ['db_name']),
  planned('destroy', 'aws_instance.bastion'),
  planned('no-op', 'aws_vpc.main'),
);

describe('the confirmation before a stack is applied', () => {
  const run = (plan: ReturnType<typeof planWith>, options: Partial<Parameters<typeof approveStack>[3]> = {}) => {
    const log: string[] = [];
    const result = approveStack('prod', plan, COMMAND, { autoApprove: false, allowReplace: [], ...options }, (line) => log.push(line));
    return { result, log };
  };

  test('the review counts each action and names stateful losses first, with the forcing attribute', () => {
    const text = reviewText('prod', classifyPlan('prod', replaceDatabase), []);
    expect(text).toBe(
      [
        'Stack prod: 1 to create, 1 to update in place, 1 to replace, 1 to destroy',
        '  Stateful resources replaced or destroyed (their data is lost):',
        '    replace aws_db_instance.database, forced by db_name',
        '  Other replacements and destroys:',
        '    destroy aws_instance.bastion',
        '',
      ].join('\n'),
    );
    expect(reviewText('prod', classifyPlan('prod', replaceDatabase), ['aws_db_instance.database'])).toContain(
      'replace aws_db_instance.database, forced by db_name (allowed by --allow-replace)',
    );
  });

  test('a stateful replacement is refused even with --auto-approve, naming the address and the flag that allows it', async () => {
    const { result, log } = run(replaceDatabase, { autoApprove: true, prompt: async () => 'yes' });
    await expect(result).rejects.toThrow(ApplyRefused);
    await expect(result).rejects.toThrow(
      /^Stack prod was not applied: its plan would replace aws_db_instance\.database, forced by db_name, and the data in it would be lost\. .*name each address: npm run deploy -- prod --allow-replace aws_db_instance\.database\. --auto-approve does not accept a loss of data/,
    );
    expect(log[0]).toMatch(/^Stack prod: /);
  });

  test('a stateful destroy is refused too; naming one of two is not enough', async () => {
    const plan = planWith(planned('destroy', 'aws_efs_file_system.files'), planned('replace', 'aws_s3_bucket.site', ['bucket']));
    await expect(run(plan, { autoApprove: true, allowReplace: ['aws_s3_bucket.site'] }).result).rejects.toThrow(
      /its plan would destroy aws_efs_file_system\.files, and the data in it would be lost\. .*--allow-replace aws_efs_file_system\.files\./,
    );
  });

  test('--allow-replace for each stateful address lets --auto-approve apply', async () => {
    await expect(run(replaceDatabase, { autoApprove: true, allowReplace: ['aws_db_instance.database'] }).result).resolves.toBeUndefined();
  });

  test('on a terminal it asks, and the question names what would be replaced and destroyed; only "yes" applies', async () => {
    const questions: string[] = [];
    const ask = (answer: string) => async (question: string) => {
      questions.push(question);
      return answer;
    };
    const allowed = { allowReplace: ['aws_db_instance.database'] };
    await expect(run(replaceDatabase, { ...allowed, prompt: ask('yes') }).result).resolves.toBeUndefined();
    expect(questions[0]).toBe(
      "Apply stack prod? It would replace aws_db_instance.database, forced by db_name; destroy aws_instance.bastion. Only 'yes' applies: ",
    );
    for (const answer of ['no', 'y', 'YES ', '']) {
      await expect(run(replaceDatabase, { ...allowed, prompt: ask(answer) }).result).rejects.toThrow(
        /^Stack prod was not applied \(the answer was .*, not "yes"\)\. The stacks before it are applied; nothing after it ran\./,
      );
    }
  });

  test('a plan that changes no resource is applied without a question', async () => {
    const prompt = jest.fn(async () => 'no');
    await expect(run(planWith(planned('no-op', 'aws_vpc.main')), { prompt }).result).resolves.toBeUndefined();
    expect(prompt).not.toHaveBeenCalled();
  });

  test('with neither a terminal nor --auto-approve it refuses, naming both ways forward', async () => {
    await expect(run(planWith(planned('create', 'aws_instance.web'))).result).rejects.toThrow(
      /its standard input is not a terminal, so it cannot ask\. Run it in a terminal, or pass --auto-approve/,
    );
  });
});
