import type { SynthesizedResource } from './rule';

/**
 * Thrown by a rule when a value it must judge is a Terraform expression (a variable, a
 * function call, another resource's attribute) that only Terraform can evaluate. The pack turns
 * it into an error finding: a rule that cannot see the value must not pass it.
 */
export class UnresolvedValueError extends Error {
  constructor(
    public readonly attribute: string,
    public readonly value: unknown,
  ) {
    super(`${attribute} is ${JSON.stringify(value)}, which is only known to Terraform at plan time`);
    this.name = 'UnresolvedValueError';
  }
}

/** True for strings that hold a Terraform interpolation such as `${var.x}`. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

/** A nested block as a list: CDKTF writes single blocks as objects and repeated ones as arrays. */
export function blocks(value: unknown): Record<string, any>[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item) => item !== null && typeof item === 'object') as Record<string, any>[];
}

/** A list attribute as a list of values, whether written as a list or a single value. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A boolean attribute: `undefined` when absent, else true or false. Terraform accepts "true" and
 * "false" strings for booleans (launch templates even require them for EBS settings).
 */
export function booleanValue(value: unknown, attribute: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new UnresolvedValueError(attribute, value);
}

/** A number attribute: `undefined` when absent. Numeric strings count as numbers, as in Terraform. */
export function numberValue(value: unknown, attribute: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  throw new UnresolvedValueError(attribute, value);
}

/** A string attribute that must be a literal: `undefined` when absent. */
export function stringValue(value: unknown, attribute: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || isExpression(value)) throw new UnresolvedValueError(attribute, value);
  return value;
}

/** A reference to another resource's attribute, parsed from `${type.name.attribute}`. */
export interface Reference {
  /** `aws_s3_bucket.site` or `data.aws_iam_policy_document.read`. */
  readonly address: string;
  readonly attribute: string;
}

const REFERENCE = /\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)/g;

/** Every resource reference inside a value (strings, lists and nested objects are searched). */
export function referencesIn(value: unknown): Reference[] {
  const found: Reference[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const match of v.matchAll(REFERENCE)) found.push({ address: match[1], attribute: match[2] });
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return found;
}

/** True when `value` refers to `target` (any attribute of it). */
export function refersTo(value: unknown, target: SynthesizedResource): boolean {
  return referencesIn(value).some((reference) => reference.address === target.address);
}
