// Typed values for the stand-in state: a value shaped to its cty type, empty collections for
// computed ones, paths created on demand, and the sensitivity marks Terraform compares.
import { CtyType } from './provider-schema';

type Path = readonly (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The cty type Terraform gives a JSON value written in configuration (an object literal is an object). */
export function impliedType(value: unknown): CtyType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(impliedType)];
  if (isObject(value)) return ['object', Object.fromEntries(Object.entries(value).map(([key, item]) => [key, impliedType(item)]))];
  return 'dynamic';
}

/** Whether a state value is already a dynamically-typed value in the state's form. */
export function isDynamicWrapper(value: unknown): boolean {
  return isObject(value) && Object.keys(value).length === 2 && 'value' in value && 'type' in value;
}

/**
 * A value of cty type `type` with every object key present (null where the plan has none). A
 * dynamically-typed attribute (terraform_data's input) is kept in the state with its type beside
 * it, as Terraform writes it; a bare object there fails "invalid key ... in dynamically-typed value".
 */
export function typed(value: unknown, type: CtyType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'dynamic') return isDynamicWrapper(value) ? value : { value, type: impliedType(value) };
  if (!Array.isArray(type)) return value;
  const [kind, inner] = type;
  if ((kind === 'list' || kind === 'set') && Array.isArray(value)) return value.map((item) => typed(item, inner as CtyType));
  if (kind === 'map' && isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typed(item, inner as CtyType)]));
  if (kind === 'object' && isObject(value)) {
    return Object.fromEntries(
      Object.entries(inner as Record<string, CtyType>).map(([key, innerType]) => [key, typed(value[key], innerType)]),
    );
  }
  return value;
}

/** A state step: an attribute name or a list index. */
type SensitiveStep = { type: 'get_attr'; value: string } | { type: 'index'; value: { value: number; type: 'number' } };

/**
 * The paths a plan's `after_sensitive` marks, in the state's form. Terraform compares marks as
 * part of a value: a state without them plans an update that changes nothing visible.
 */
export function sensitivePaths(marks: unknown, path: SensitiveStep[] = []): SensitiveStep[][] {
  if (marks === true) return [path];
  if (Array.isArray(marks)) {
    return marks.flatMap((mark, index) => sensitivePaths(mark, [...path, { type: 'index', value: { value: index, type: 'number' } }]));
  }
  if (isObject(marks)) {
    return Object.entries(marks).flatMap(([key, mark]) => sensitivePaths(mark, [...path, { type: 'get_attr', value: key }]));
  }
  return [];
}

/** [] for a list or set, {} for a map, null for anything else. */
export function emptyCollection(type: CtyType): unknown {
  if (!Array.isArray(type)) return null;
  if (type[0] === 'list' || type[0] === 'set') return [];
  return type[0] === 'map' ? {} : null;
}

/** `value` (of cty type `type`) with `path` present, creating list elements and objects on the way. */
export function ensurePath(value: unknown, type: CtyType, path: Path, leaf: (type: CtyType, name: string) => unknown, name = ''): unknown {
  if (path.length === 0) return value ?? leaf(type, name);
  const [step, ...rest] = path;
  if (!Array.isArray(type)) return value;
  const [kind, inner] = type;
  if ((kind === 'list' || kind === 'set') && typeof step === 'number') {
    const items = Array.isArray(value) ? [...value] : [];
    while (items.length <= step) items.push(typed({}, inner as CtyType));
    items[step] = ensurePath(items[step], inner as CtyType, rest, leaf, name);
    return items;
  }
  if (kind === 'object' && typeof step === 'string') {
    const shape = inner as Record<string, CtyType>;
    const object = (isObject(value) ? { ...value } : (typed({}, type) as Record<string, unknown>)) ?? {};
    object[step] = ensurePath(object[step], shape[step], rest, leaf, step);
    return object;
  }
  if (kind === 'map' && typeof step === 'string') {
    const map = isObject(value) ? { ...value } : {};
    map[step] = ensurePath(map[step], inner as CtyType, rest, leaf, step);
    return map;
  }
  return value;
}
