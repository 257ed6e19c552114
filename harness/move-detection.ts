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
 * metadata dropped, its own logical name and construct path, the path segments that differ
 * between the two sides (in the `a/b`, `a-b` and `a_b` forms names and tags are built from),
 * and the logical names inside references to other resources (`${aws_x.<name>.id}`).
 */
export function normalizeBody(body: Json, ownName: string, path: string | undefined, moved: readonly string[]): Json {
  const forms = moved.length === 0 ? [] : [moved.join('/'), moved.join('-'), moved.join('_')].filter((form) => form.length > 0);
  const patterns = [...new Set(forms)]
    .sort((x, y) => y.length - x.length)
    .map((form) => new RegExp(`(?<![A-Za-z0-9])${escape(form)}(?![A-Za-z0-9])`, 'g'));
  const normalizeString = (text: string): string => {
    let result = text.split(ownName).join('<self>');
    if (path) result = result.split(path).join('<path>');
    // Inside an expression, the logical name after each resource type (`aws_x.<name>.id`).
    if (result.includes('${'))
      result = result.replace(/(?<![\w.-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+)\.[A-Za-z_][\w-]*(?=[.[])/g, '$1.<name>');
    for (const pattern of patterns) result = result.replace(pattern, '<moved>');
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

const stableJson = (value: Json): string =>
  JSON.stringify(value, (_key, inner) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

/** Whether two resource bodies match apart from what derives from their addresses. */
export function sameConfiguration(
  from: { name: string; body: Record<string, any> },
  to: { name: string; body: Record<string, any> },
): boolean {
  const fromPath = constructPath(from.body);
  const toPath = constructPath(to.body);
  const segments = fromPath && toPath ? differingSegments(fromPath, toPath) : { from: [], to: [] };
  return (
    stableJson(normalizeBody(from.body, from.name, fromPath, segments.from)) ===
    stableJson(normalizeBody(to.body, to.name, toPath, segments.to))
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
