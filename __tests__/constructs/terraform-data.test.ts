import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct } from 'constructs';
import { DataResource, Testing, TerraformStack } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformData, TerraformDataProps } from '../../constructs/terraform-data';
import { onlyResourceOf, synthStack } from '../support/synth';

type Binding = new (scope: Construct, id: string, props: TerraformDataProps) => Construct;

/** The stack's Terraform JSON as cdktf writes it: key order and metadata kept. */
function stackJsonWith(binding: Binding, props: (stack: TerraformStack) => TerraformDataProps): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  new binding(stack, 'choice', props(stack));
  return JSON.stringify(stack.toTerraform());
}

/**
 * The validation errors of a stack holding one `terraform_data` of each binding, collected in a
 * `node` process whose PATH holds no terraform (an empty folder). A child process, because jest
 * gives each test file its own copy of process.env, which the shell cdktf starts never sees.
 */
function validationErrorsWithoutTerraform(): Record<'ours' | 'cdktf', string[]> {
  const script = `
    const { DataResource, Testing, TerraformStack } = require('cdktf');
    const { TerraformData } = require(${JSON.stringify(path.resolve(__dirname, '../../constructs/terraform-data.ts'))});
    const stack = new TerraformStack(Testing.app(), 'test');
    const ours = new TerraformData(stack, 'ours', { input: { a: 1 } });
    const cdktf = new DataResource(stack, 'cdktf', { input: { a: 1 } });
    process.stdout.write(JSON.stringify({ ours: ours.node.validate(), cdktf: cdktf.node.validate() }));
  `;
  const stdout = execFileSync(process.execPath, ['-r', require.resolve('../support/swc-register.js'), '-e', script], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'no-terraform-')) },
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

describe('TerraformData', () => {
  test("synthesizes byte for byte what cdktf's DataResource does, meta-arguments included", () => {
    // GIVEN the same configuration for both bindings, with every attribute and meta-argument the resource takes
    const props = (stack: TerraformStack): TerraformDataProps => {
      const bucket = new S3Bucket(stack, 'bucket', {});
      return {
        input: { runtime: 'Node.js 22', nested: { list: [1, 'two'] }, bucket: bucket.arn },
        triggersReplace: { version: 3 },
        dependsOn: [bucket],
        lifecycle: { createBeforeDestroy: true },
      };
    };
    // THEN the JSON is the same
    const ours = stackJsonWith(TerraformData, props);
    expect(ours).toBe(stackJsonWith(DataResource, props));
    expect(JSON.parse(ours).resource.terraform_data.choice).toMatchObject({
      input: { runtime: 'Node.js 22', nested: { list: [1, 'two'] } },
      triggers_replace: { version: 3 },
      lifecycle: { create_before_destroy: true },
    });
    // AND without attributes too
    expect(stackJsonWith(TerraformData, () => ({}))).toBe(stackJsonWith(DataResource, () => ({})));
  });

  test("synthesizes the same HCL as cdktf's DataResource", () => {
    const hclWith = (binding: Binding) => {
      const stack = new TerraformStack(Testing.app(), 'test');
      new binding(stack, 'choice', { input: { runtime: 'Node.js 22' }, triggersReplace: { version: 3 } });
      return Testing.synthHcl(stack);
    };
    const ours = hclWith(TerraformData);
    expect(ours).toContain('resource "terraform_data" "choice"');
    expect(ours).toBe(hclWith(DataResource));
  });

  test('adds no validation that needs terraform: none fails where terraform is not on PATH', () => {
    const errors = validationErrorsWithoutTerraform();
    // cdktf's DataResource fails there (so this test can fail: it sees what a missing terraform does)
    expect(errors.cdktf.join('\n')).toMatch(/Could not determine version of terraform/);
    expect(errors.ours).toEqual([]);
  });

  test('its id and output are references to the resource, for other resources to use', () => {
    const json = synthStack((stack) => {
      const data = new TerraformData(stack, 'choice', { input: { name: 'x' } });
      new S3Bucket(stack, 'bucket', { bucket: data.output.lookup('name'), tags: { Choice: data.id } });
    });
    const bucket = onlyResourceOf(json, 'aws_s3_bucket');
    expect(bucket.bucket).toBe('${terraform_data.choice.output["name"]}');
    expect(bucket.tags).toEqual({ Choice: '${terraform_data.choice.id}' });
  });
});
