// How enablePolicyChecks runs the pack on a real synthesis: around the stack's public
// synthesizer, over the cdk.tf.json it wrote (policy-checks.ts has the pack itself).
import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, IStackSynthesizer, ISynthesisSession, StackAnnotation, TerraformStack } from 'cdktf';
import { WebStackError } from '../core/errors';
import { jsonReport, REPORT_FILE, SARIF_FILE, sarifReport, StackPolicyResult } from './report';
import { RuleDoc } from './pack-rule';
import { StackJson } from './stack-view';

/** What the synthesizer needs of a PolicyChecks (policy-checks.ts), kept out of its public API. */
export interface Checker {
  readonly writeReports: boolean;
  readonly ruleDocs: readonly RuleDoc[];
  begin(stack: TerraformStack): void;
  end(stack: TerraformStack): void;
  /** `session` is the synthesis the check runs in, the same for every stack of one `App.synth()`. */
  check(stack: TerraformStack, json: StackJson, session?: ISynthesisSession): StackPolicyResult;
}
/** Under `cdktf synth`, which prints every annotation and then fails on the errors itself. */
export const continueOnErrors = () => process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;

/** `path: message` of every open error of a result. */
export function openErrors(stack: TerraformStack, result: StackPolicyResult | undefined): string[] {
  return (result?.findings ?? [])
    .filter((f) => !f.suppressedBy && f.severity === 'error')
    .map((f) => `${f.constructPath ?? stack.node.path}: ${f.message}`);
}

const ANNOTATION_LEVELS: readonly string[] = [
  AnnotationMetadataEntryType.INFO,
  AnnotationMetadataEntryType.WARN,
  AnnotationMetadataEntryType.ERROR,
];

/**
 * The stack's own synthesizer, then the policy pack over the `cdk.tf.json` it wrote. Installed on
 * the stack's public `synthesizer` by enablePolicyChecks, so every synthesis checks the stack and
 * writes its reports, and a consumer has nothing to call. The annotations it adds join the stack's
 * manifest entry, which cdktf has filled by then, so `cdktf synth` prints them. With an open error
 * the written file is removed, no report is written, and the synthesis fails.
 */
export class PolicySynthesizer implements IStackSynthesizer {
  constructor(
    private readonly inner: IStackSynthesizer,
    private readonly stack: TerraformStack,
    private readonly checker: Checker,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    const checker = this.checker;
    checker.begin(this.stack);
    try {
      this.inner.synthesize(session);
    } finally {
      checker.end(this.stack);
    }
    const manifest = session.manifest.forStack(this.stack);
    const written = path.join(session.outdir, manifest.synthesizedStackPath);
    // `cdktf synth --hcl` writes cdk.tf instead, which is not JSON: then the stack is resolved once more.
    const json = written.endsWith('.json') ? JSON.parse(fs.readFileSync(written, 'utf8')) : this.stack.toTerraform();
    const result = checker.check(this.stack, json as StackJson, session);
    this.addToManifest(manifest.annotations);
    const errors = openErrors(this.stack, result);
    if (errors.length > 0 && !continueOnErrors()) {
      fs.rmSync(written, { force: true });
      throw new WebStackError(`policy checks failed for stack "${this.stack.node.id}":\n  ${errors.join('\n  ')}`);
    }
    if (!checker.writeReports) return;
    const directory = path.join(session.outdir, manifest.workingDirectory);
    fs.writeFileSync(path.join(directory, REPORT_FILE), `${JSON.stringify(jsonReport(result), null, 2)}\n`);
    fs.writeFileSync(path.join(directory, SARIF_FILE), `${JSON.stringify(sarifReport(result, checker.ruleDocs), null, 2)}\n`);
  }

  /** The stack's annotations that the manifest entry lacks (those added after cdktf collected them), as cdktf lists them. */
  private addToManifest(annotations: StackAnnotation[]): void {
    const listed = new Set(annotations.map((a) => `${a.constructPath}\0${a.level}\0${a.message}`));
    for (const construct of this.stack.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (!ANNOTATION_LEVELS.includes(entry.type)) continue;
        const key = `${construct.node.path}\0${entry.type}\0${entry.data}`;
        if (listed.has(key)) continue;
        listed.add(key);
        annotations.push({
          constructPath: construct.node.path,
          level: entry.type as AnnotationMetadataEntryType,
          message: entry.data,
          stacktrace: entry.trace,
        });
      }
    }
  }
}
