import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { enablePolicyChecks } from '../../policy/policy-checks';

// The policy pack finds the app's state buckets (every stack's S3 backend) once per synthesis,
// not once per stack: a walk of the whole app for each of its stacks.
describe('state buckets', () => {
  test("the app's state buckets are found once per synthesis for all its stacks, and afresh at the next", () => {
    // The state bucket's errors go to the manifest, as under cdktf synth, instead of failing the synth.
    const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    try {
      // GIVEN an app of three checked stacks; the first keeps its state in bucket state-a
      const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'policy-app-')) });
      const stacks = ['first', 'second', 'third'].map((id) => {
        const stack = new TerraformStack(app, id);
        new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
        stack.addOverride('terraform.required_version', '>= 1.10');
        return stack;
      });
      new S3Backend(stacks[0], { bucket: 'state-a', key: 'first', region: 'eu-west-1' });
      new S3Bucket(stacks[1], 'a', { bucket: 'state-a' });
      const checks = stacks.map((stack) => enablePolicyChecks(stack));
      const stateFindings = () =>
        checks.flatMap((c, i) =>
          (c.resultOf(stacks[i])?.findings ?? []).filter((f) => f.ruleId === 'WS-STATE-1').map((f) => f.resourceAddress),
        );
      // WHEN the app synthesizes THEN its tree is walked once for the stacks (by cdktf) and once for the buckets
      const walks = jest.spyOn(app.node, 'findAll');
      app.synth();
      expect(walks).toHaveBeenCalledTimes(2);
      expect(stateFindings()).toEqual(['aws_s3_bucket.a']);
      // AND a stack with a backend, added before the next synthesis, is seen by it
      const fourth = new TerraformStack(app, 'fourth');
      new S3Backend(fourth, { bucket: 'state-c', key: 'fourth', region: 'eu-west-1' });
      new S3Bucket(stacks[1], 'c', { bucket: 'state-c' });
      app.synth();
      expect(stateFindings()).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.c']);
    } finally {
      if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
    }
  });
});
