import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, IAspect, Lazy, TerraformOutput, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { buildApp } from '../../main';
import { PolicyPack } from '../../policy/pack';
import { Compliance, PolicyRule } from '../../policy/rule';
import { enablePolicyChecks } from '../../policy/policy-checks';
import { takeResolvedJson } from '../../policy/resolved-json';
import { BaseStack } from '../../stacks/base-stack';
import {
  prepareStackKeepingResolution,
  synthesizeWithPreparedResolution,
  toTerraformWithPreparedResolution,
} from '../../stacks/prepared-resolution';
import { projectConfig } from '../support/project';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'prepared-resolution-'));
const written = (outdir: string, stack: TerraformStack) =>
  JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
const stacksOf = (app: App) => app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));

/** Sets every parameter in what it visits to "changed-by-aspect". */
class ChangeParameters implements IAspect {
  public visit(node: IConstruct): void {
    for (const construct of node.node.findAll()) if (construct instanceof SsmParameter) construct.value = 'changed-by-aspect';
  }
}

/** A rule pack that only records the value of every parameter it checks. */
function recordingPack(seen: string[]): PolicyPack {
  const rule: PolicyRule = {
    name: 'RecordParameters',
    resourceTypes: ['aws_ssm_parameter'],
    check: (resource) => {
      seen.push(resource.config.value);
      return Compliance.COMPLIANT;
    },
  };
  return new PolicyPack([{ id: 'WS-TEST-1', rule, severity: 'warning', description: 'records', why: 'test', fix: 'none' }]);
}
const parameter = (scope: TerraformStack, id: string, value: string) => new SsmParameter(scope, id, { name: id, type: 'String', value });

/** A stack wired to the kept resolution like BaseStack, with any aspects added before the policy pack. */
class WiredStack extends TerraformStack {
  constructor(scope: App, id: string, seen: string[], firstAspects: IAspect[] = []) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    for (const aspect of firstAspects) Aspects.of(this).add(aspect);
    enablePolicyChecks(this, { pack: recordingPack(seen), writeReports: false });
    const synthesize = this.synthesizer.synthesize.bind(this.synthesizer);
    this.synthesizer.synthesize = (session) => synthesizeWithPreparedResolution(this, session, () => synthesize(session));
  }

  public override prepareStack(): void {
    prepareStackKeepingResolution(this);
  }

  public override toTerraform(): any {
    return takeResolvedJson(this) ?? toTerraformWithPreparedResolution(this, () => super.toTerraform());
  }
}

describe('one resolution of each element per synthesis', () => {
  test('the project app builds and resolves every resource once per synth, and writes what a fresh resolution gives', () => {
    // GIVEN the project's app, counting how often resources build their configuration
    const outdir = tempDir();
    const app = buildApp(projectConfig, outdir);
    const resources = app.node.findAll().filter((c) => c instanceof TerraformResource).length;
    const build = jest.spyOn(TerraformResource.prototype, 'toTerraform');
    // WHEN it synthesizes
    app.synth();
    const calls = build.mock.calls.length;
    build.mockRestore();
    // THEN once each (cdktf alone builds each twice: preparing, then for the policy pack)
    expect(resources).toBeGreaterThan(100);
    expect(calls).toBe(resources);
    for (const stack of stacksOf(app)) expect(written(outdir, stack)).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
  });

  test('a cross-stack reference, which adds an output to the other stack while preparing, is written in full', () => {
    // GIVEN a stack whose parameter another stack reads
    const outdir = tempDir();
    const app = new App({ outdir });
    const origin = new BaseStack(app, 'origin', { region: 'eu-west-1', tags: {} });
    const source = parameter(origin, 'source', 'value');
    // and a value that depends on the constructs of the stack: its outputs, none until the reference
    const outputs = () => String(origin.node.findAll().filter((c) => TerraformOutput.isTerraformOutput(c)).length);
    parameter(origin, 'outputs', Lazy.stringValue({ produce: outputs }));
    const consumer = new BaseStack(app, 'consumer', { region: 'eu-west-1', tags: {} });
    parameter(consumer, 'copy', `${source.value}-copy`);
    // WHEN the app synthesizes
    app.synth();
    // THEN the origin has the output and the consumer reads it, as a fresh resolution has them
    const originJson = written(outdir, origin);
    const consumerJson = written(outdir, consumer);
    expect(Object.keys(originJson.output ?? {})).toHaveLength(1);
    expect(originJson.resource.aws_ssm_parameter.outputs.value).toBe('1');
    expect(consumerJson.resource.aws_ssm_parameter.copy.value).toMatch(/^\$\{data\.terraform_remote_state\..+\}-copy$/);
    expect(originJson).toEqual(JSON.parse(JSON.stringify(origin.toTerraform())));
    expect(consumerJson).toEqual(JSON.parse(JSON.stringify(consumer.toTerraform())));
  });

  test.each([
    ['on the stack (run before the policy pack)', true, 'changed-by-aspect'],
    ['on a construct in the stack (run after the policy pack)', false, 'original'],
  ])('a resource changed by an aspect %s: the pack checks it as it is then, and the change is written', (_where, onStack, packSees) => {
    // GIVEN a stack with an aspect that changes its parameter after preparing
    const outdir = tempDir();
    const app = new App({ outdir });
    const seen: string[] = [];
    const stack = new WiredStack(app, 'stack', seen, onStack ? [new ChangeParameters()] : []);
    const changing = parameter(stack, 'parameter', 'original');
    if (!onStack) Aspects.of(changing).add(new ChangeParameters());
    // WHEN the app synthesizes
    app.synth();
    // THEN the pack checked the parameter as it was when the pack ran, and the change is written
    expect(seen).toEqual([packSees]);
    expect(written(outdir, stack).resource.aws_ssm_parameter.parameter.value).toBe('changed-by-aspect');
  });

  test('a resolution kept by an unfinished synth is not used by another synthesis of the stack', () => {
    // GIVEN a prepared project stack whose parameter changes afterwards
    const stack = new BaseStack(Testing.app(), 'stack', { region: 'eu-west-1', tags: {} });
    const changing = parameter(stack, 'parameter', 'original');
    stack.prepareStack();
    changing.value = 'changed';
    // WHEN the stack is synthesized on its own (Testing.fullSynth brings its own session)
    const outdir = Testing.fullSynth(stack);
    // THEN what is written has the new value
    expect(written(outdir, stack).resource.aws_ssm_parameter.parameter.value).toBe('changed');
    // AND a later direct resolution too
    expect(stack.toTerraform().resource.aws_ssm_parameter.parameter.value).toBe('changed');
  });
});
