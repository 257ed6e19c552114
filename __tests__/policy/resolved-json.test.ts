import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { buildApp } from '../../main';
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
