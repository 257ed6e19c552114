import { replaceOnlineDataSources, standInLocal } from '../../harness/offline-stand-ins';

describe('offline stand-ins for data sources that call AWS', () => {
  test('the Beanstalk platform lookup becomes a local, and every reference to it reads the local', () => {
    const stack = {
      data: {
        aws_elastic_beanstalk_solution_stack: {
          platform_1A: { name_regex: '^64bit Amazon Linux 2023 .* running Node\\.js 22$', most_recent: true },
        },
        aws_iam_policy_document: { doc: { statement: [] } },
      },
      resource: {
        aws_elastic_beanstalk_environment: {
          env: { solution_stack_name: '${data.aws_elastic_beanstalk_solution_stack.platform_1A.name}' },
        },
      },
    };
    const { stack: rewritten, replaced } = replaceOnlineDataSources(stack);
    expect(replaced).toEqual(['data.aws_elastic_beanstalk_solution_stack.platform_1A']);
    const local = standInLocal('aws_elastic_beanstalk_solution_stack', 'platform_1A', 'name');
    expect(rewritten.resource.aws_elastic_beanstalk_environment.env.solution_stack_name).toBe(`\${local.${local}}`);
    expect(rewritten.locals[local]).toBe('offline stand-in for ^64bit Amazon Linux 2023 .* running Node\\.js 22$');
    // Data sources that plan offline stay.
    expect(Object.keys(rewritten.data)).toEqual(['aws_iam_policy_document']);
    // The input is not changed.
    expect(stack.data.aws_elastic_beanstalk_solution_stack.platform_1A).toBeDefined();
  });

  test('a stack without such data sources is returned as it is', () => {
    const stack = { resource: { terraform_data: { x: {} } } };
    expect(replaceOnlineDataSources(stack)).toEqual({ stack, replaced: [] });
  });
});
