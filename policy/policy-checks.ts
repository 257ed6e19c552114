import { IConstruct } from 'constructs';
import { Annotations, App, Aspects, IAspect, ISynthesisSession, S3Backend, TerraformStack, Token } from 'cdktf';
import { WebStackError } from '../core/errors';
import { applySuppressions, evaluate, Finding } from './engine';
import { PolicyPack } from './pack';
import { StackPolicyResult } from './report';
import { Checker, continueOnErrors, openErrors, PolicySynthesizer } from './policy-synthesizer';
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
   * Write `policy-report.json` and `policy-report.sarif` beside each synthesized stack (through
   * the stack's synthesizer, which enablePolicyChecks wraps).
   *
   * @default true
   */
  readonly writeReports?: boolean;
}

const PRODUCTION_ENVIRONMENTS = ['prod', 'production'];

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
 * The app's backend buckets, found once per synthesis: `App.synth()` hands the synthesizer of
 * every stack the same session, and the tree is complete by then, so the walk over every
 * construct of the app (about 4 ms for the app's six stacks) is done for the first stack only.
 * Another synthesis brings another session, and the buckets are found again.
 */
const bucketNamesBySession = new WeakMap<ISynthesisSession, string[]>();

/**
 * The rule pack, run over a stack's Terraform JSON: every rule over every resource, then the
 * suppressions; each open finding becomes an annotation on the resource's construct, errors fail
 * `cdktf synth` and `app.synth()`, warnings are printed, and the findings, suppressed ones
 * included, are written beside the stack as JSON and SARIF.
 *
 * Enable it with `enablePolicyChecks(stack)`. That wraps the stack's public `synthesizer`: once
 * cdktf has written the stack's `cdk.tf.json`, the pack checks what was written (so the stack is
 * resolved once for both), writes the reports, or removes the file and fails on an open error.
 * Where no synthesizer runs (`Testing.synth`), the pack works as an aspect on the stack's
 * `toTerraform()`, and a stack validation repeats the errors so that `Testing.synth(stack, true)`
 * fails too. Added by hand with `Aspects.of(stack).add`, it works only that way, and writes no
 * report (and warns so).
 *
 * @example
 * const checks = enablePolicyChecks(stack);
 */
/** What enablePolicyChecks' synthesizer needs of each PolicyChecks, kept out of its public API. */
const checkerOf = new WeakMap<PolicyChecks, Checker>();

export class PolicyChecks implements IAspect {
  /** Web ports a load balancer may serve to everyone. */
  public static readonly DEFAULT_PUBLIC_WEB_PORTS: readonly number[] = [80, 443];

  public readonly pack: PolicyPack;
  private readonly options: PolicyChecksOptions;
  private readonly results = new Map<string, StackPolicyResult>();
  private readonly annotated = new WeakMap<IConstruct, Set<string>>();
  private readonly prepared = new WeakSet<TerraformStack>();
  /** Stacks whose synthesizer is running and checks what it writes (see PolicySynthesizer). */
  private readonly checkedOnWrite = new WeakSet<TerraformStack>();

  constructor(options: PolicyChecksOptions = {}) {
    this.options = options;
    this.pack = options.pack ?? webStackRulePack;
    checkerOf.set(this, {
      writeReports: options.writeReports ?? true,
      ruleDocs: this.pack.ruleDocs,
      begin: (stack) => this.checkedOnWrite.add(stack),
      end: (stack) => this.checkedOnWrite.delete(stack),
      check: (stack, json, session) => this.checkStack(stack, json, session),
    });
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    this.prepare(node);
    // Under the synthesizer the check runs on what it writes; resolving the stack here as well
    // would resolve every element once more.
    if (!this.checkedOnWrite.has(node)) this.checkStack(node, node.toTerraform() as StackJson);
  }

  /** What the last synthesis found in `stack`, or undefined before it has been synthesized. */
  public resultOf(stack: TerraformStack): StackPolicyResult | undefined {
    return this.results.get(stack.node.path);
  }

  private checkStack(stack: TerraformStack, json: StackJson, session?: ISynthesisSession): StackPolicyResult {
    const production = this.options.production ?? isProduction(json);
    const context: RuleContext = {
      stack: new StackView(json),
      production,
      stateBucketNames: new Set(this.options.stateBucketNames ?? this.appBucketNames(stack, session)),
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
    return result;
  }

  private appBucketNames(stack: TerraformStack, session: ISynthesisSession | undefined): string[] {
    if (session === undefined) return backendBucketNames(stack);
    let names = bucketNamesBySession.get(session);
    if (names === undefined) {
      names = backendBucketNames(stack);
      bucketNamesBySession.set(session, names);
    }
    return names;
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
        // Under the synthesizer the check comes after this, and fails the synthesis itself.
        if (continueOnErrors() || this.checkedOnWrite.has(stack)) return [];
        return openErrors(stack, this.resultOf(stack));
      },
    });
    if ((this.options.writeReports ?? true) && !(stack.synthesizer instanceof PolicySynthesizer)) {
      // Too late for this synthesis: the stack's synthesizer is already running these aspects.
      Annotations.of(stack).addWarning(
        'PolicyChecks was added with Aspects.of(stack).add, so no policy report is written; enable the checks with enablePolicyChecks(stack), which also writes policy-report.json and policy-report.sarif',
      );
    }
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
  stack.synthesizer = new PolicySynthesizer(stack.synthesizer, stack, checkerOf.get(checks) as Checker);
  return checks;
}
