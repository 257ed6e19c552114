import * as fs from 'fs';
import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { Annotations, App, Aspects, IAspect, S3Backend, TerraformStack, Token } from 'cdktf';
// Not re-exported by the package root, but the same hook TerraformAsset uses to write files
// during synthesis; cdktf is pinned, so this internal path is stable for us.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { WebStackError } from '../core/errors';
import { applySuppressions, evaluate, Finding } from './engine';
import { PolicyPack } from './pack';
import { jsonReport, REPORT_FILE, SARIF_FILE, sarifReport, StackPolicyResult } from './report';
import { rememberResolvedJson, takeResolvedJson } from './resolved-json';
import { RuleContext } from './rule';
import { StackJson, StackView } from './stack-view';
import { suppressionsWithin } from '../core/suppressions';
import { blocks } from './values';
import { webStackRulePack } from './web-stack-pack';

export interface PolicyChecksOptions {
  /**
   * The rules to apply.
   *
   * @default webStackRulePack
   */
  readonly pack?: PolicyPack;
  /**
   * Apply the production-only rules (deletion protection on load balancers and databases).
   *
   * @default - true when the stack's AWS provider tags resources with `Environment` "prod" or "production"
   */
  readonly production?: boolean;
  /**
   * Buckets that hold Terraform state and get the state-bucket rules.
   *
   * @default - the buckets named by S3 backends of any stack in the app
   */
  readonly stateBucketNames?: readonly string[];
  /**
   * Ports a security group of an internet-facing load balancer may open to 0.0.0.0/0 and ::/0.
   *
   * @default PolicyChecks.DEFAULT_PUBLIC_WEB_PORTS
   */
  readonly publicWebPorts?: readonly number[];
  /**
   * The AWS account the stack deploys into: every AWS provider must list it in
   * `allowed_account_ids`.
   *
   * @default - none: only when some provider of the stack sets allowed_account_ids must all of them
   */
  readonly accountId?: string;
  /**
   * The project's name prefix: account-wide names (IAM, trails, log groups, topics, buckets)
   * must equal it or start with `<prefix>-`.
   *
   * @default - none: names are not checked
   */
  readonly namePrefix?: string;
  /**
   * Write `policy-report.json` and `policy-report.sarif` beside each synthesized stack.
   *
   * @default true
   */
  readonly writeReports?: boolean;
}

const PRODUCTION_ENVIRONMENTS = ['prod', 'production'];
const REPORT_WRITER_ID = 'policy-report';

function isProduction(json: StackJson): boolean {
  return blocks(json.provider?.aws).some((provider) =>
    blocks(provider.default_tags).some((defaults) =>
      PRODUCTION_ENVIRONMENTS.includes(String(defaults.tags?.Environment ?? '').toLowerCase()),
    ),
  );
}

function backendBucketNames(stack: TerraformStack): string[] {
  return App.of(stack)
    .node.findAll()
    .filter((c): c is S3Backend => c instanceof S3Backend)
    .map((backend) => (backend.toTerraform() as any).terraform?.backend?.s3?.bucket)
    .filter((bucket): bucket is string => typeof bucket === 'string' && !Token.isUnresolved(bucket));
}

/**
 * True when every aspect on the stack and the constructs in it is a PolicyChecks, which reads and
 * annotates but changes no resource: then the stack's JSON stays what it is once aspects start.
 */
export function onlyPolicyAspects(stack: TerraformStack): boolean {
  return stack.node.findAll().every((construct) => Aspects.of(construct).all.every((aspect) => aspect instanceof PolicyChecks));
}

/**
 * The rule pack as a CDKTF aspect. When it reaches a stack it reads the stack's Terraform JSON
 * as it will be written, runs every rule over every resource, applies the suppressions, and
 * attaches each open finding to the resource's construct as an annotation: errors fail
 * `cdktf synth` and `app.synth()`, warnings are printed. A stack validation repeats the errors
 * so that `Testing.synth(stack, true)`, which ignores annotations, fails too. The findings,
 * suppressed ones included, are written beside the stack as JSON and SARIF.
 *
 * @example
 * Aspects.of(stack).add(new PolicyChecks());
 */
export class PolicyChecks implements IAspect {
  /** Web ports a load balancer may serve to everyone. */
  public static readonly DEFAULT_PUBLIC_WEB_PORTS: readonly number[] = [80, 443];

  public readonly pack: PolicyPack;
  private readonly options: PolicyChecksOptions;
  private readonly results = new Map<string, StackPolicyResult>();
  private readonly annotated = new WeakMap<IConstruct, Set<string>>();
  private readonly prepared = new WeakSet<TerraformStack>();

  constructor(options: PolicyChecksOptions = {}) {
    this.options = options;
    this.pack = options.pack ?? webStackRulePack;
  }

  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) {
      this.checkStack(node);
    }
  }

  /** What the last synthesis found in `stack`, or undefined before it has been synthesized. */
  public resultOf(stack: TerraformStack): StackPolicyResult | undefined {
    return this.results.get(stack.node.path);
  }

  private checkStack(stack: TerraformStack): void {
    // Drop what an earlier, unfinished synthesis left, so this resolution is fresh.
    takeResolvedJson(stack);
    const json = stack.toTerraform() as StackJson;
    const production = this.options.production ?? isProduction(json);
    const context: RuleContext = {
      stack: new StackView(json),
      production,
      stateBucketNames: new Set(this.options.stateBucketNames ?? backendBucketNames(stack)),
      publicWebPorts: this.options.publicWebPorts ?? PolicyChecks.DEFAULT_PUBLIC_WEB_PORTS,
      accountId: this.options.accountId,
      namePrefix: this.options.namePrefix,
    };
    const raw = evaluate(context.stack, this.pack.rules, context);
    const suppressions = suppressionsWithin(stack).map((s) => ({ ruleId: s.ruleId, reason: s.reason, scopePath: s.scope.node.path }));
    const findings = applySuppressions(raw, suppressions, this.pack.ruleIds);
    const result: StackPolicyResult = { stackName: stack.node.id, production, findings };
    this.results.set(stack.node.path, result);
    this.annotate(stack, findings);
    this.prepare(stack);
    // After prepare(), whose report writer is a construct too: the tree is as the synthesizer sees
    // it. Unless another aspect may still change it: this one runs on the stack itself, before the
    // aspects of the constructs inside.
    if (onlyPolicyAspects(stack)) rememberResolvedJson(stack, json);
  }

  private annotate(stack: TerraformStack, findings: readonly Finding[]): void {
    const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
    for (const finding of findings) {
      if (finding.suppressedBy) continue;
      const target = (finding.constructPath && byPath.get(finding.constructPath)) || stack;
      // Aspects run again on every synthesis of the same tree; say each thing once.
      const said = this.annotated.get(target) ?? new Set<string>();
      this.annotated.set(target, said);
      if (said.has(finding.message)) continue;
      said.add(finding.message);
      if (finding.severity === 'error') {
        Annotations.of(target).addError(finding.message);
      } else {
        Annotations.of(target).addWarning(finding.message);
      }
    }
  }

  private prepare(stack: TerraformStack): void {
    if (this.prepared.has(stack)) return;
    this.prepared.add(stack);
    stack.node.addValidation({
      validate: () => {
        // Under `cdktf synth` the CLI prints every annotation and then fails on the errors;
        // failing here would stop the app before the warnings and the report are written.
        if (process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined) return [];
        const result = this.resultOf(stack);
        return (result?.findings ?? [])
          .filter((f) => !f.suppressedBy && f.severity === 'error')
          .map((f) => `${f.constructPath ?? stack.node.path}: ${f.message}`);
      },
    });
    // With a second PolicyChecks on the same stack, the first one writes the report.
    if ((this.options.writeReports ?? true) && !stack.node.tryFindChild(REPORT_WRITER_ID)) {
      new PolicyReportWriter(stack, REPORT_WRITER_ID, () => this.resultOf(stack), this.pack);
    }
  }
}

/** Writes a stack's reports during synthesis, into the stack's folder beside `cdk.tf.json`. */
class PolicyReportWriter extends Construct {
  constructor(stack: TerraformStack, id: string, result: () => StackPolicyResult | undefined, pack: PolicyPack) {
    super(stack, id);
    addCustomSynthesis(this, {
      onSynthesize: (session) => {
        const current = result();
        if (!current) return;
        const directory = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        fs.mkdirSync(directory, { recursive: true });
        fs.writeFileSync(path.join(directory, REPORT_FILE), `${JSON.stringify(jsonReport(current), null, 2)}\n`);
        fs.writeFileSync(path.join(directory, SARIF_FILE), `${JSON.stringify(sarifReport(current, pack.ruleDocs), null, 2)}\n`);
      },
    });
  }
}

/**
 * Checks `stack` against the rule pack at every synthesis: errors fail it, warnings print, and
 * reports are written beside the stack. Returns the aspect, whose `resultOf(stack)` gives the
 * findings after a synthesis. Called again on the same stack without options, it returns the
 * checks already there.
 *
 * @example
 * enablePolicyChecks(this);
 * suppress(websiteBucket, 'WS-S3-1', 'S3 website hosting needs a publicly readable bucket');
 */
export function enablePolicyChecks(stack: TerraformStack, options: PolicyChecksOptions = {}): PolicyChecks {
  const existing = Aspects.of(stack).all.find((aspect): aspect is PolicyChecks => aspect instanceof PolicyChecks);
  if (existing) {
    if (Object.keys(options).length > 0) {
      throw new WebStackError(
        `enablePolicyChecks: policy checks are already enabled on stack "${stack.node.id}" (every BaseStack enables them); give the options where they are first enabled, or pass none to get the existing checks`,
      );
    }
    return existing;
  }
  const checks = new PolicyChecks(options);
  Aspects.of(stack).add(checks);
  return checks;
}
