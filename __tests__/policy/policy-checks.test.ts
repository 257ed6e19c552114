import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Construct } from 'constructs';
import { AnnotationMetadataEntryType, App, Aspects, Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { enablePolicyChecks, PolicyChecks } from '../../policy/policy-checks';
import { PolicyPack } from '../../policy/pack';
import { PackRule } from '../../policy/pack-rule';
import { REPORT_FILE, SARIF_FILE } from '../../policy/report';
import { suppress } from '../../core/suppressions';
import { webStackRules } from '../../policy/web-stack-pack';
import { checkStack, openOf } from './support';

/** An unencrypted file system (error WS-EFS-1) inside a wrapper construct. */
function unencryptedFileSystem(scope: Construct): { wrapper: Construct; fileSystem: EfsFileSystem } {
  const wrapper = new Construct(scope, 'storage');
  return { wrapper, fileSystem: new EfsFileSystem(wrapper, 'files', {}) };
}

function annotationsOf(construct: Construct, type: AnnotationMetadataEntryType): string[] {
  return construct.node.metadata.filter((m) => m.type === type).map((m) => String(m.data));
}

function appWithStack(build: (stack: TerraformStack) => void): { app: App; stack: TerraformStack; checks: PolicyChecks; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-app-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'dev');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  stack.addOverride('terraform.required_version', '>= 1.10');
  build(stack);
  const checks = enablePolicyChecks(stack);
  return { app, stack, checks, outdir };
}

describe('suppressions', () => {
  test('a suppression with a reason on the resource excuses its finding', () => {
    const checked = checkStack((stack) =>
      suppress(unencryptedFileSystem(stack).fileSystem, 'WS-EFS-1', 'Holds only public cache files, nothing secret'),
    );
    expect(openOf(checked, 'WS-EFS-1')).toEqual([]);
    const finding = checked.findings.find((f) => f.ruleId === 'WS-EFS-1');
    expect(finding?.suppressedBy).toEqual({ reason: 'Holds only public cache files, nothing secret', scopePath: 'test/storage/files' });
    expect(checked.open.filter((f) => f.ruleId.startsWith('WS-SUPPRESS'))).toEqual([]);
  });

  test('a suppression on a parent construct covers the resources inside it, not their siblings', () => {
    const checked = checkStack((stack) => {
      suppress(unencryptedFileSystem(stack).wrapper, 'WS-EFS-1', 'Scratch storage for the build cache only');
      new EfsFileSystem(stack, 'other', {});
    });
    expect(openOf(checked, 'WS-EFS-1')).toEqual(['WS-EFS-1 aws_efs_file_system.other']);
  });

  test('a suppression without a reason is an error and excuses nothing', () => {
    const checked = checkStack((stack) => suppress(unencryptedFileSystem(stack).fileSystem, 'WS-EFS-1', 'because'));
    expect(openOf(checked, 'WS-SUPPRESS-1')).toEqual(['WS-SUPPRESS-1 test/storage/files']);
    expect(checked.open.find((f) => f.ruleId === 'WS-SUPPRESS-1')).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(
        /suppression of WS-EFS-1 on test\/storage\/files has reason "because"; give a reason of at least 10 characters/,
      ),
    });
    expect(openOf(checked, 'WS-EFS-1')).toHaveLength(1);
  });

  test('an empty reason is an error too', () => {
    const checked = checkStack((stack) => suppress(unencryptedFileSystem(stack).fileSystem, 'WS-EFS-1', '   '));
    expect(openOf(checked, 'WS-SUPPRESS-1')).toHaveLength(1);
  });

  test('a suppression that excuses nothing is a warning on its construct', () => {
    const checked = checkStack((stack) => {
      const group = new CloudwatchLogGroup(stack, 'logs', { name: 'kept', retentionInDays: 30 });
      suppress(group, 'WS-LOGS-1', 'Audit logs must be kept without expiry');
    });
    expect(checked.open.filter((f) => f.ruleId === 'WS-SUPPRESS-2')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        constructPath: 'test/logs',
        message: expect.stringMatching(/suppression of WS-LOGS-1 on test\/logs excuses no finding/),
      }),
    ]);
    const logs = checked.stack.node.findChild('logs') as Construct;
    expect(annotationsOf(logs, AnnotationMetadataEntryType.WARN)).toEqual([expect.stringMatching(/^\[WS-SUPPRESS-2\]/)]);
  });

  test('a suppression naming an unknown rule is an error', () => {
    const checked = checkStack((stack) => suppress(unencryptedFileSystem(stack).fileSystem, 'WS-EFS-9', 'A reason that is long enough'));
    expect(openOf(checked, 'WS-SUPPRESS-3')).toEqual(['WS-SUPPRESS-3 test/storage/files']);
  });
});

describe('annotations and synthesis', () => {
  test('an error finding is an error annotation on the resource, a warning finding a warning', () => {
    const checked = checkStack((stack) => {
      unencryptedFileSystem(stack);
      new CloudwatchLogGroup(stack, 'logs', { name: 'forever' });
    });
    const files = checked.stack.node.findChild('storage').node.findChild('files') as Construct;
    expect(annotationsOf(files, AnnotationMetadataEntryType.ERROR)).toEqual([
      expect.stringMatching(
        /^\[WS-EFS-1\] aws_efs_file_system\.storage_files_\w+: EFS file systems are encrypted at rest\. Found: encrypted is not true\. Fix: /,
      ),
    ]);
    expect(annotationsOf(checked.stack.node.findChild('logs') as Construct, AnnotationMetadataEntryType.WARN)).toEqual([
      expect.stringMatching(/^\[WS-LOGS-1\]/),
    ]);
  });

  test('synthesizing twice does not repeat annotations', () => {
    const checked = checkStack((stack) => unencryptedFileSystem(stack));
    Testing.synth(checked.stack);
    const files = checked.stack.node.findChild('storage').node.findChild('files') as Construct;
    expect(annotationsOf(files, AnnotationMetadataEntryType.ERROR)).toHaveLength(1);
  });

  test('an unsuppressed error fails app.synth() with the rule ID and the construct path', () => {
    const { app } = appWithStack((stack) => unencryptedFileSystem(stack));
    expect(() => app.synth()).toThrow(/dev\/storage\/files: \[WS-EFS-1\]/);
  });

  test('an unsuppressed error fails Testing.synth with validations, which ignores annotations', () => {
    const { stack } = appWithStack((s) => unencryptedFileSystem(s));
    expect(() => Testing.synth(stack, true)).toThrow(/WS-EFS-1/);
  });

  test('warnings and suppressed errors do not fail synthesis', () => {
    const { app, outdir } = appWithStack((stack) => {
      suppress(unencryptedFileSystem(stack).fileSystem, 'WS-EFS-1', 'Holds only public cache files, nothing secret');
      new CloudwatchLogGroup(stack, 'logs', { name: 'forever' });
    });
    expect(() => app.synth()).not.toThrow();
    expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'))).toBe(true);
  });

  test('under cdktf synth (errors left to the CLI) the errors reach the manifest, which makes the CLI fail', () => {
    const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    try {
      const { app, outdir } = appWithStack((stack) => unencryptedFileSystem(stack));
      app.synth();
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
      expect(manifest.stacks.dev.annotations).toEqual([
        expect.objectContaining({
          constructPath: 'dev/storage/files',
          level: AnnotationMetadataEntryType.ERROR,
          message: expect.stringMatching(/^\[WS-EFS-1\]/),
        }),
      ]);
      expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', REPORT_FILE))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
    }
  });
});

describe('reports', () => {
  function synthesizedReports() {
    const { app, outdir } = appWithStack((stack) => {
      suppress(unencryptedFileSystem(stack).fileSystem, 'WS-EFS-1', 'Holds only public cache files, nothing secret');
      new CloudwatchLogGroup(stack, 'logs', { name: 'forever' });
    });
    app.synth();
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'dev', file), 'utf8'));
    return { json: read(REPORT_FILE), sarif: read(SARIF_FILE) };
  }

  test('policy-report.json beside cdk.tf.json lists open and suppressed findings with a summary', () => {
    const { json } = synthesizedReports();
    expect(json).toMatchObject({
      tool: 'web-stack-policy',
      formatVersion: 1,
      stack: 'dev',
      production: false,
      summary: { errors: 0, warnings: 1, suppressed: 1 },
    });
    expect(json.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'WS-EFS-1',
          severity: 'error',
          status: 'suppressed',
          constructPath: 'dev/storage/files',
          suppression: { reason: 'Holds only public cache files, nothing secret', constructPath: 'dev/storage/files' },
        }),
        expect.objectContaining({
          ruleId: 'WS-LOGS-1',
          severity: 'warning',
          status: 'open',
          resource: 'aws_cloudwatch_log_group.logs',
          suppression: null,
        }),
      ]),
    );
    expect(json.findings).toHaveLength(2);
  });

  test('policy-report.sarif is SARIF 2.1.0 with every rule, results at the stack file, and suppressions with their justification', () => {
    const { sarif } = synthesizedReports();
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('web-stack-policy');
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const rule of webStackRules) expect(ruleIds).toContain(rule.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['WS-SUPPRESS-1', 'WS-SUPPRESS-2', 'WS-SUPPRESS-3']));
    const efs = run.results.find((r: { ruleId: string }) => r.ruleId === 'WS-EFS-1');
    expect(run.tool.driver.rules[efs.ruleIndex].id).toBe('WS-EFS-1');
    expect(efs).toMatchObject({
      level: 'error',
      suppressions: [{ kind: 'inSource', justification: 'Holds only public cache files, nothing secret' }],
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'stacks/dev/cdk.tf.json', uriBaseId: 'CDKTF_OUT' } },
          logicalLocations: [{ kind: 'resource', fullyQualifiedName: expect.stringMatching(/^aws_efs_file_system\./) }],
        },
      ],
    });
    const logs = run.results.find((r: { ruleId: string }) => r.ruleId === 'WS-LOGS-1');
    expect(logs.level).toBe('warning');
    expect(logs.suppressions).toBeUndefined();
  });

  test('a stack whose open error fails the synthesis gets neither a report nor a cdk.tf.json', () => {
    // GIVEN a stack with an unsuppressed error
    const { app, outdir } = appWithStack((stack) => unencryptedFileSystem(stack));
    // WHEN the synthesis fails on it
    expect(() => app.synth()).toThrow(/WS-EFS-1/);
    // THEN nothing of the stack was written
    for (const file of [REPORT_FILE, SARIF_FILE, 'cdk.tf.json'])
      expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', file))).toBe(false);
  });

  test('the reports come with every synthesis through the stack synthesizer, not only the first', () => {
    // GIVEN a stack with checks synthesized once
    const { app, outdir } = appWithStack((stack) => new CloudwatchLogGroup(stack, 'logs', { name: 'forever' }));
    app.synth();
    const report = path.join(outdir, 'stacks', 'dev', REPORT_FILE);
    const first = fs.readFileSync(report, 'utf8');
    // WHEN the reports are removed and the app synthesizes again
    fs.rmSync(report);
    app.synth();
    // THEN they are written again, the same
    expect(fs.readFileSync(report, 'utf8')).toBe(first);
  });

  test('checks added by hand with Aspects.of(stack).add still fail on errors, but warn that they write no report', () => {
    // GIVEN a PolicyChecks added as a plain aspect, not through enablePolicyChecks
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-app-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'dev');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    stack.addOverride('terraform.required_version', '>= 1.10');
    const checks = new PolicyChecks();
    Aspects.of(stack).add(checks);
    // WHEN the app synthesizes
    app.synth();
    // THEN the stack is checked, the warning says how to get reports, and none is written
    expect(checks.resultOf(stack)).toBeDefined();
    expect(annotationsOf(stack, AnnotationMetadataEntryType.WARN)).toEqual([
      expect.stringMatching(/no policy report is written; enable the checks with enablePolicyChecks\(stack\)/),
    ]);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', REPORT_FILE))).toBe(false);
    const { app: failing } = appWithStack(() => undefined);
    const failingStack = failing.node.findChild('dev') as TerraformStack;
    Aspects.of(failingStack).add(new PolicyChecks());
    unencryptedFileSystem(failingStack);
    expect(() => failing.synth()).toThrow(/WS-EFS-1/);
  });

  test('the pack checks the JSON the synthesizer wrote: each synthesis resolves the stack once, not once more for the pack', () => {
    // GIVEN a stack that counts how often it is turned into Terraform JSON
    class CountingStack extends TerraformStack {
      public calls = 0;
      public override toTerraform(): any {
        this.calls++;
        return super.toTerraform();
      }
    }
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-app-'));
    const app = new App({ outdir });
    const stack = new CountingStack(app, 'dev');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    stack.addOverride('terraform.required_version', '>= 1.10');
    new CloudwatchLogGroup(stack, 'logs', { name: 'forever' });
    const checks = enablePolicyChecks(stack);
    // WHEN the app synthesizes
    app.synth();
    // THEN the stack was resolved once, and the pack still found the warning in what was written
    expect(stack.calls).toBe(1);
    expect(checks.resultOf(stack)?.findings.map((f) => f.ruleId)).toEqual(['WS-LOGS-1']);
  });

  test('under cdktf synth --hcl, which writes cdk.tf instead of JSON, the stack is still checked and reported', () => {
    // GIVEN a stack created as `cdktf synth --hcl` has cdktf create it (SYNTH_HCL_OUTPUT)
    const previous = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-app-'));
      const app = new App({ outdir, hclOutput: true });
      const stack = new TerraformStack(app, 'dev');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      stack.addOverride('terraform.required_version', '>= 1.10');
      new CloudwatchLogGroup(stack, 'logs', { name: 'forever' });
      enablePolicyChecks(stack);
      // WHEN the app synthesizes
      app.synth();
      // THEN the HCL was written, and the report beside it has the warning
      expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf'))).toBe(true);
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'dev', REPORT_FILE), 'utf8'));
      expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['WS-LOGS-1']);
    } finally {
      if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = previous;
    }
  });

  test('writeReports false writes no report', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-app-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'dev');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    stack.addOverride('terraform.required_version', '>= 1.10');
    enablePolicyChecks(stack, { writeReports: false });
    app.synth();
    expect(fs.existsSync(path.join(outdir, 'stacks', 'dev', REPORT_FILE))).toBe(false);
  });
});

describe('enabling the checks', () => {
  test('enabling twice on a stack returns the same checks; different options the second time are refused', () => {
    const { stack, checks } = appWithStack(() => undefined);
    expect(enablePolicyChecks(stack)).toBe(checks);
    expect(() => enablePolicyChecks(stack, { production: true })).toThrow(
      /policy checks are already enabled on stack "dev" \(every BaseStack enables them\)/,
    );
  });

  test('a rule that fails on an unexpected value is an error finding naming the rule, not a crash', () => {
    const broken: PackRule = {
      ...webStackRules.find((r) => r.id === 'WS-EFS-1')!,
      rule: {
        name: 'Broken',
        resourceTypes: ['aws_efs_file_system'],
        check: () => {
          throw new TypeError('boom');
        },
      },
    };
    const checked = checkStack((stack) => new EfsFileSystem(stack, 'files', { encrypted: true }), { pack: new PolicyPack([broken]) });
    expect(checked.open).toEqual([
      expect.objectContaining({
        ruleId: 'WS-EFS-1',
        severity: 'error',
        message: expect.stringMatching(/cannot judge .*the rule failed: boom/),
      }),
    ]);
  });
});
