import { Construct } from 'constructs';

/**
 * Names of `parent`'s string attributes whose value is also a string attribute of one of its
 * child constructs: a flattened copy, where users should reach the child instead. Tokens are
 * strings too, so a copy of a child's resource attribute shows up as the same token.
 */
export function repeatedChildAttributes(parent: object): string[] {
  const children = Object.values(parent).filter((value): value is Construct => value instanceof Construct);
  const childValues = new Set(children.flatMap((child) => Object.values(child).filter((value) => typeof value === 'string')));
  return Object.entries(parent)
    .filter(([, value]) => typeof value === 'string' && childValues.has(value))
    .map(([name]) => name)
    .sort();
}
