// IAM's decision for a request, as the AWS edge stand-ins (aws-edges.js) make it from the
// instance role's inline policies in the synthesized stack. It follows IAM's evaluation logic for
// what those policies can express: an explicit Deny wins over any Allow; `*` and `?` in actions
// (case-insensitive, as IAM compares them) and in resources match; nothing allowed is denied.
// What it cannot evaluate (a Condition, NotAction, NotResource) fails the request, naming the
// statement, rather than being ignored: a stand-in that grants what AWS might refuse would let a
// broken policy pass the boot test.
'use strict';

const UNEVALUATED = ['Condition', 'NotAction', 'NotResource', 'NotPrincipal'];

function wildcard(pattern, caseInsensitive) {
  const source = String(pattern)
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}

const list = (value) => (value === undefined ? [] : [value].flat());

/**
 * Decides `action` on `resource` under `statements` (each an IAM policy statement).
 * Returns { allowed, reason }: reason names the deciding statement or why none decided.
 */
function authorize(statements, action, resource) {
  let allowedBy;
  let deniedBy;
  for (const [index, statement] of statements.entries()) {
    const name = statement.Sid ? `statement ${statement.Sid}` : `statement ${index + 1}`;
    const unmatchable = UNEVALUATED.filter((key) => key !== 'Condition' && statement[key] !== undefined);
    if (unmatchable.length > 0) {
      // It might apply to this request: the stand-in cannot tell, so the request fails.
      return { allowed: false, reason: `${name} has ${unmatchable.join(', ')}, which the stand-in cannot evaluate` };
    }
    const actionMatches = list(statement.Action).some((pattern) => wildcard(pattern, true).test(action));
    const resourceMatches = list(statement.Resource).some((pattern) => wildcard(pattern, false).test(resource));
    if (!actionMatches || !resourceMatches) continue;
    if (statement.Condition !== undefined) {
      // IAM would evaluate it against the request's context, which the stand-in does not model.
      return { allowed: false, reason: `${name} has a Condition, which the stand-in cannot evaluate` };
    }
    if (statement.Effect === 'Deny') deniedBy = deniedBy ?? name;
    else if (statement.Effect === 'Allow') allowedBy = allowedBy ?? name;
    else return { allowed: false, reason: `${name} has Effect ${JSON.stringify(statement.Effect)}` };
  }
  if (deniedBy) return { allowed: false, reason: `explicitly denied by ${deniedBy}` };
  if (allowedBy) return { allowed: true, reason: `allowed by ${allowedBy}` };
  return { allowed: false, reason: 'no statement allows it' };
}

module.exports = { authorize };
