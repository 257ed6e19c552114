import * as fs from 'fs';
import * as path from 'path';
import { BASE_INSTANCE_TYPE, CHANGED_LAUNCH_TEMPLATE, prepareChangedBase } from '../../../scripts/bench/change-base';
import { PLAN_ENVIRONMENT } from '../../../scripts/bench/subjects';
import { synthesizeProject } from '../../support/project';

describe('the changed base of the bench', () => {
  test("is the environment as synthesized, with only the web servers' instance type changed", () => {
    const base = prepareChangedBase(PLAN_ENVIRONMENT);
    try {
      const read = (root: string, stack: string) => JSON.parse(fs.readFileSync(path.join(root, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      const current = synthesizeProject().outdir;
      const before = read(current, PLAN_ENVIRONMENT);
      const after = read(base, PLAN_ENVIRONMENT);
      const [name] = Object.entries(after.resource.aws_launch_template as Record<string, any>)
        .filter(([, body]) => body['//'].metadata.path.includes(CHANGED_LAUNCH_TEMPLATE))
        .map(([key]) => key);
      expect(after.resource.aws_launch_template[name].instance_type).toBe(BASE_INSTANCE_TYPE);
      expect(before.resource.aws_launch_template[name].instance_type).not.toBe(BASE_INSTANCE_TYPE);
      after.resource.aws_launch_template[name].instance_type = before.resource.aws_launch_template[name].instance_type;
      expect(after).toEqual(before);
      // The environment's other stacks are there too, as the check reads them.
      expect(fs.readdirSync(path.join(base, 'stacks'))).toEqual(expect.arrayContaining([PLAN_ENVIRONMENT, `${PLAN_ENVIRONMENT}-website`]));
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
