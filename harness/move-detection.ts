// Likely moves: a resource destroyed at one address and one of the same type created at
// another, whose synthesized configurations match apart from what derives from the address
// (construct path, logical name, names and tags built from the construct's id). Terraform plans
// that as destroy and create, which for a database or a bucket loses the data; a `moved` block
// (CDKTF `moveFromId`/`moveTo`) keeps the object. Configurations are compared, not planned
// values: inside a renamed subtree the planned values are unknown.
import { ResourceChange } from './changes';

type Json = unknown;

/** A stack's resource bodies by `type.name`, from its cdk.tf.json. */
export function resourceBodies(stack: Record<string, any> | undefined): Map<string, Record<string, any>> {
  const bodies = new Map<string, Record<string, any>>();
  for (const [type, resources] of Object.entries((stack?.resource ?? {}) as Record<string, Record<string, any>>)) {
    for (const [name, body] of Object.entries(resources)) bodies.set(`${type}.${name}`, body);
  }
  return bodies;
}

/** The construct path CDKTF records in a resource's `//` metadata, when it has one. */
export function constructPath(body: Record<string, any> | undefined): string | undefined {
  const path = body?.['//']?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}

/** The segments of `from` and `to` that differ, after their common head and tail are cut. */
export function differingSegments(from: string, to: string): { from: string[]; to: string[] } {
  const a = from.split('/');
  const b = to.split('/');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { from: a.slice(head, a.length - tail), to: b.slice(head, b.length - tail) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A resource body with what derives from its address replaced by placeholders: the `//`
 * metadata dropped, its own logical name and construct path, and the logical names inside
 * references to other resources (`${aws_x.<name>.id}`). The renamed path segments are left to
 * `sameConfiguration`, which compares both sides at once.
 */
export function normalizeBody(body: Json, ownName: string, path: string | undefined): Json {
  const normalizeString = (text: string): string => {
    let result = text.split(ownName).join('<self>');
    if (path) result = result.split(path).join('<path>');
    // Inside an expression, the logical name after each resource type (`aws_x.<name>.id`).
    if (result.includes('${'))
      result = result.replace(/(?<![\w.-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+)\.[A-Za-z_][\w-]*(?=[.[])/g, '$1.<name>');
    return result;
  };
  const visit = (value: Json): Json => {
    if (typeof value === 'string') return normalizeString(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, Json>)
          .filter(([key]) => key !== '//')
          .map(([key, inner]) => [key, visit(inner)]),
      );
    }
    return value;
  };
  return visit(body);
}

/** The `a/b`, `a-b` and `a_b` forms names and tags are built from, longest first. */
function segmentForms(segments: readonly string[]): string[] {
  const forms = segments.length === 0 ? [] : [segments.join('/'), segments.join('-'), segments.join('_')];
  return [...new Set(forms.filter((form) => form.length > 0))].sort((x, y) => y.length - x.length);
}

/**
 * Whether `to` is `from` with some of the renamed segment's occurrences renamed. Each occurrence
 * of an old form (a whole segment: not inside a longer word) may stand for the new form or for
 * itself, so after a rename to a common word (`db`), `aws_db_subnet_group` and `db.t4g.micro`
 * match themselves instead of becoming placeholders on one side only.
 */
function renamedString(from: string, to: string, fromForms: readonly string[], toForms: readonly string[]): boolean {
  if (from === to) return true;
  if (fromForms.length === 0 || toForms.length === 0) return false;
  const bounded = (form: string) => `(?<![A-Za-z0-9])${escape(form)}(?![A-Za-z0-9])`;
  const pieces = from.split(new RegExp(fromForms.map(bounded).join('|')));
  if (pieces.length === 1) return false;
  const either = `(?:${[...fromForms, ...toForms].map(escape).join('|')})`;
  return new RegExp(`^${pieces.map(escape).join(either)}$`).test(to);
}

/** Deep equality of two normalized bodies whose strings may differ by the rename. */
function sameUnderRename(from: Json, to: Json, fromForms: readonly string[], toForms: readonly string[]): boolean {
  if (typeof from === 'string' && typeof to === 'string') return renamedString(from, to, fromForms, toForms);
  if (Array.isArray(from) || Array.isArray(to)) {
    if (!Array.isArray(from) || !Array.isArray(to) || from.length !== to.length) return false;
    return from.every((item, index) => sameUnderRename(item, to[index], fromForms, toForms));
  }
  if (from !== null && to !== null && typeof from === 'object' && typeof to === 'object') {
    const a = from as Record<string, Json>;
    const b = to as Record<string, Json>;
    const keys = Object.keys(a).sort();
    if (keys.join('\n') !== Object.keys(b).sort().join('\n')) return false;
    return keys.every((key) => sameUnderRename(a[key], b[key], fromForms, toForms));
  }
  return from === to;
}

/** Whether two resource bodies match apart from what derives from their addresses. */
export function sameConfiguration(
  from: { name: string; body: Record<string, any> },
  to: { name: string; body: Record<string, any> },
): boolean {
  const fromPath = constructPath(from.body);
  const toPath = constructPath(to.body);
  const segments = fromPath && toPath ? differingSegments(fromPath, toPath) : { from: [], to: [] };
  return sameUnderRename(
    normalizeBody(from.body, from.name, fromPath),
    normalizeBody(to.body, to.name, toPath),
    segmentForms(segments.from),
    segmentForms(segments.to),
  );
}

/**
 * Marks likely moves in one stack's changes: each destroy whose configuration in the base
 * matches exactly one create of the same type in the current revision (and that create matches
 * no other destroy) gets `moved` on both, undeclared. Instances of count/for_each resources are
 * left alone: their configurations are shared.
 */
export function markLikelyMoves(
  changes: readonly ResourceChange[],
  baseStack: Record<string, any> | undefined,
  currentStack: Record<string, any> | undefined,
): ResourceChange[] {
  const baseBodies = resourceBodies(baseStack);
  const currentBodies = resourceBodies(currentStack);
  const single = (change: ResourceChange) => !change.address.includes('[');
  const destroyed = changes.filter((change) => change.actions.includes('destroy') && single(change) && baseBodies.has(change.address));
  const created = changes.filter((change) => change.actions.includes('create') && single(change) && currentBodies.has(change.address));
  const nameOf = (address: string) => address.slice(address.indexOf('.') + 1);
  const matches = new Map<string, string[]>();
  for (const from of destroyed) {
    for (const to of created) {
      if (from.type !== to.type) continue;
      const same = sameConfiguration(
        { name: nameOf(from.address), body: baseBodies.get(from.address)! },
        { name: nameOf(to.address), body: currentBodies.get(to.address)! },
      );
      if (same) matches.set(from.address, [...(matches.get(from.address) ?? []), to.address]);
    }
  }
  const moves = new Map<string, { from: string; to: string }>();
  for (const [from, targets] of matches) {
    if (targets.length !== 1) continue;
    const rivals = [...matches.values()].filter((candidates) => candidates.includes(targets[0]));
    if (rivals.length !== 1) continue;
    const move = { from, to: targets[0] };
    moves.set(from, move);
    moves.set(targets[0], move);
  }
  return changes.map((change) => {
    const move = moves.get(change.address);
    return move && !change.moved ? { ...change, moved: { ...move, declared: false } } : change;
  });
}

/** The code that keeps a moved resource: the CDKTF call and the equivalent Terraform `moved` block. */
export function moveCode(move: { from: string; to: string }, toPath?: string): { cdktf: string; terraform: string } {
  const where = toPath ? ` (the construct at ${toPath})` : '';
  return {
    cdktf: `<new resource>${where}.moveFromId('${move.from}');`,
    terraform: `moved {\n  from = ${move.from}\n  to   = ${move.to}\n}`,
  };
}
