import { RuleContext } from '../../rule';
import { blocks, list, UnresolvedValueError } from '../../values';

/** A policy statement in one shape, whether written as JSON or as `aws_iam_policy_document`. */
export interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** `*` for everyone, else the listed principals (`AWS:arn...`, `Service:...`). */
  readonly principals: '*' | readonly string[];
  /** Conditions as `test variable values`, such as `Bool aws:SecureTransport false`. */
  readonly conditions: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

function strings(value: unknown): string[] {
  return list(value).map(String);
}

function fromJson(document: any): Statement[] {
  return list(document?.Statement).map((s: any) => {
    const principal = s.Principal;
    let principals: Statement['principals'] = [];
    if (principal === '*' || (principal && typeof principal === 'object' && strings(principal.AWS).includes('*'))) {
      principals = '*';
    } else if (principal && typeof principal === 'object') {
      principals = Object.entries(principal).flatMap(([kind, ids]) => strings(ids).map((id) => `${kind}:${id}`));
    }
    const conditions = Object.entries(s.Condition ?? {}).flatMap(([test, byVariable]) =>
      Object.entries(byVariable as Record<string, unknown>).map(([variable, values]) => ({ test, variable, values: strings(values) })),
    );
    return {
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(s.Action),
      resources: strings(s.Resource),
      principals,
      conditions,
    };
  });
}

function fromDocumentDataSource(config: Record<string, any>): Statement[] {
  return blocks(config.statement).map((s) => {
    const principalBlocks = blocks(s.principals);
    const everyone = principalBlocks.some((p) => (p.type === '*' || p.type === 'AWS') && strings(p.identifiers).includes('*'));
    return {
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(s.actions),
      resources: strings(s.resources),
      principals: everyone ? '*' : principalBlocks.flatMap((p) => strings(p.identifiers).map((id) => `${p.type}:${id}`)),
      conditions: blocks(s.condition).map((c) => ({ test: String(c.test), variable: String(c.variable), values: strings(c.values) })),
    };
  });
}

/**
 * The statements of a policy attribute. JSON text is parsed (references inside its strings are
 * fine); a reference to an `aws_iam_policy_document` data source in the same stack is followed.
 * Anything else (`jsonencode(...)`, a variable) cannot be judged and throws.
 */
export function statementsOf(value: unknown, attribute: string, context: RuleContext): Statement[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') throw new UnresolvedValueError(attribute, value);
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) {
    try {
      return fromJson(JSON.parse(trimmed));
    } catch {
      throw new UnresolvedValueError(attribute, value);
    }
  }
  const whole = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+)\.(json|minified_json)\}$/.exec(trimmed);
  const document = whole ? context.stack.find(whole[1]) : undefined;
  if (document) return fromDocumentDataSource(document.config);
  throw new UnresolvedValueError(attribute, value);
}

/** True when `pattern` (an IAM action or resource) matches everything. */
export function isWildcard(pattern: string): boolean {
  return pattern === '*' || pattern === '*:*';
}
