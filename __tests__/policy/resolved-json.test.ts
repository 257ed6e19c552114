import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { buildApp } from '../../main';
import { PolicyPack } from '../../policy/pack';
import { enablePolicyChecks } from '../../policy/policy-checks';
import { rememberResolvedJson, takeResolvedJson } from '../../policy/resolved-json';
import { projectConfig } from '../support/project';

describe('one resolution pass for the pack and the synthesizer', () => {
  test("the project's stacks are resolved once per synthesis, and cdk.tf.json is what a fresh resolution gives", () => {
    // GIVEN the project's app, counting full resolutions of a stack
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'resolved-json-'));
    const app = buildApp(projectConfig, outdir);
    const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    const resolve = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    // WHEN it synthesizes
    app.synth();
    const calls = resolve.mock.calls.length;
    resolve.mockRestore();
    // THEN the pack's resolution was the only one, and what was written matches a fresh one
    expect(calls).toBe(stacks.length);
    for (const stack of stacks) {
      const written = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
      expect(written).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
    }
  });

  test('the pack hands its JSON on only when no other aspect can change the stack after it ran', () => {
    // GIVEN a stack that takes the pack's JSON, as BaseStack does, with an aspect on a construct in it
    class TakingStack extends TerraformStack {
      public override toTerraform(): any {
        return takeResolvedJson(this) ?? super.toTerraform();
      }
    }
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'resolved-json-'));
    const app = new App({ outdir });
    const stack = new TakingStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    enablePolicyChecks(stack, { pack: new PolicyPack([]), writeReports: false });
    const parameter = new SsmParameter(stack, 'parameter', { name: 'parameter', type: 'String', value: 'original' });
    Aspects.of(parameter).add({ visit: (node) => node instanceof SsmParameter && (node.value = 'changed by an aspect') });
    // WHEN the app synthesizes: the pack runs on the stack, before the aspect on the parameter
    app.synth();
    // THEN what is written has the aspect's change
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
    expect(json.resource.aws_ssm_parameter.parameter.value).toBe('changed by an aspect');
  });

  test('the remembered JSON is handed out once, and not after the tree or the overrides changed', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const json = { resource: {} };
    rememberResolvedJson(stack, json);
    expect(takeResolvedJson(stack)).toBe(json);
    expect(takeResolvedJson(stack)).toBeUndefined();
    rememberResolvedJson(stack, json);
    new S3Bucket(stack, 'late', {});
    expect(takeResolvedJson(stack)).toBeUndefined();
    rememberResolvedJson(stack, json);
    stack.addOverride('terraform.required_version', '>= 1.10');
    expect(takeResolvedJson(stack)).toBeUndefined();
  });
});
