// Pure references in a synthesized stack's configuration: an attribute written as exactly
// `${aws_vpc.main.id}` (or a list of such) takes the referenced resource's value. The state
// builder copies the referenced stand-in into the referring attribute, so both sides see the
// same id and Terraform plans no change where the two revisions agree. Anything richer (a
// function call, a template with text around the reference) is left to the feedback passes,
// where Terraform evaluates it against the state.

/** A resource attribute reference: `aws_db_instance.db.master_user_secret[0].secret_arn`. */
export interface Traversal {
  /** The referenced resource instance, `aws_db_instance.db` or `aws_subnet.a[0]`. */
  readonly address: string;
  /** The attribute path inside it: names and list indexes. */
  readonly path: readonly (string | number)[];
}

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const STEP = `(?:\\.${NAME}|\\[\\d+\\]|\\["[^"\\]]*"\\])`;
const PURE_REFERENCE = new RegExp(`^\\$\\{((?:data\\.)?${NAME}\\.${NAME}(?:\\[(?:\\d+|"[^"\\]]*")\\])?)((?:${STEP})*)\\}$`);

/** The traversal a string holds when it is exactly one reference to a resource attribute, else undefined. */
export function pureReference(value: unknown): Traversal | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PURE_REFERENCE.exec(value);
  if (!match) return undefined;
  const [, address, rest] = match;
  // local.x, var.x, each.value and friends are not resources.
  if (/^(local|var|each|count|path|self|terraform|module)\./.test(address)) return undefined;
  const path = [...rest.matchAll(new RegExp(STEP, 'g'))].map(([step]) => {
    if (step.startsWith('.')) return step.slice(1);
    const inner = step.slice(1, -1);
    return /^\d+$/.test(inner) ? Number(inner) : JSON.parse(inner);
  });
  return { address, path };
}

/** The value at `path` below `value`, or undefined when a step is missing. */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * Evaluates a configured value made only of pure references and literals: a reference string,
 * or a list of them. `lookup` gives a referenced attribute's value (undefined when it cannot).
 * Returns undefined when any part cannot be evaluated this way.
 */
export function evaluatePureReferences(value: unknown, lookup: (traversal: Traversal) => unknown): unknown {
  const traversal = pureReference(value);
  if (traversal) return lookup(traversal);
  if (Array.isArray(value) && value.some((item) => pureReference(item) !== undefined)) {
    const items = value.map((item) => (typeof item === 'string' && !item.includes('${') ? item : evaluatePureReferences(item, lookup)));
    return items.some((item) => item === undefined) ? undefined : items;
  }
  return undefined;
}

/**
 * Every resource attribute path the configuration reads, by resource address, found in every
 * expression of the stack (resources, outputs, locals): `aws_db_instance.db.master_user_secret[0].secret_arn`
 * gives `aws_db_instance.db` -> ["master_user_secret", 0, "secret_arn"]. The same as a plan's
 * `relevant_attributes`, which a plan cut out of a batch does not carry.
 */
export function readPaths(stack: unknown): Map<string, (string | number)[][]> {
  const found = new Map<string, (string | number)[][]>();
  const pattern = /(?<![\w.-])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_]\w*|\[\d+\])+)/g;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return;
      for (const [, type, name, rest] of value.matchAll(pattern)) {
        const path = [...rest.matchAll(/\.([A-Za-z_]\w*)|\[(\d+)\]/g)].map(([, key, index]) => (key !== undefined ? key : Number(index)));
        const address = `${type}.${name}`;
        found.set(address, [...(found.get(address) ?? []), path]);
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(stack);
  return found;
}
