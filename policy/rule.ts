import type { StackView } from './stack-view';

/** What a rule concluded about one resource. */
export enum Compliance {
  COMPLIANT = 'COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  /** The rule does not look at this resource (wrong kind, or the setting does not apply here). */
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

/** A NON_COMPLIANT result that says what exactly is wrong, for the finding's message. */
export interface NonCompliance {
  readonly compliance: Compliance.NON_COMPLIANT;
  /** The offending value or element, such as `ingress 0.0.0.0/0 to port 22`. */
  readonly detail: string;
}

export type RuleResult = Compliance | NonCompliance;

/** One resource of the synthesized Terraform JSON. */
export interface SynthesizedResource {
  /** Terraform type, such as `aws_s3_bucket`. */
  readonly type: string;
  /** Terraform logical name, the key under `resource.<type>`. */
  readonly name: string;
  /** `<type>.<name>`, as Terraform prints it. */
  readonly address: string;
  /** The resource body as synthesized, with `${...}` references for values known only at apply. */
  readonly config: Readonly<Record<string, any>>;
  /** Construct path recorded by CDKTF, when there is one. */
  readonly constructPath?: string;
}

/** What a rule may know beyond the resource itself. */
export interface RuleContext {
  /** Every resource and data source of the same stack, for rules that look across resources. */
  readonly stack: StackView;
  /** Production stacks get the stricter settings (deletion protection). */
  readonly production: boolean;
  /** Names of the buckets that hold Terraform state (from the app's S3 backends and options). */
  readonly stateBucketNames: ReadonlySet<string>;
  /** Ports an internet-facing load balancer's group may open to the world. */
  readonly publicWebPorts: readonly number[];
  /** The AWS account the stack must deploy into, when one is configured. */
  readonly accountId?: string;
  /** The prefix every account-wide name starts with (`<prefix>` or `<prefix>-...`), when one is configured. */
  readonly namePrefix?: string;
}

/**
 * A check of one synthesized resource: a pure function of the resource and its stack.
 * When a value it must judge is a Terraform expression it cannot evaluate, it throws
 * `UnresolvedValueError` (see `values.ts`) rather than guess, and the pack reports an error.
 */
export interface PolicyRule {
  /** Class-like name, such as `S3BucketPublicAccessBlock`; the pack gives it a stable ID. */
  readonly name: string;
  /** Terraform resource types the rule looks at; others are NOT_APPLICABLE without a call. */
  readonly resourceTypes: readonly string[];
  check(resource: SynthesizedResource, context: RuleContext): RuleResult;
}

/** Shorthand for a NON_COMPLIANT result with a detail. */
export function nonCompliant(detail: string): NonCompliance {
  return { compliance: Compliance.NON_COMPLIANT, detail };
}

/** Combines several results: the first NON_COMPLIANT wins, then COMPLIANT, else NOT_APPLICABLE. */
export function worstOf(results: readonly RuleResult[]): RuleResult {
  const failed = results.find((r) => r !== Compliance.COMPLIANT && r !== Compliance.NOT_APPLICABLE);
  if (failed) return failed;
  return results.includes(Compliance.COMPLIANT) ? Compliance.COMPLIANT : Compliance.NOT_APPLICABLE;
}
