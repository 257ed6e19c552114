// Edits of synthesized stacks for the change check's tests: a copy of some stacks of a
// synthesis, changed the way a config or code change would change them (an attribute, a
// lifecycle setting, a construct renamed), without synthesizing again.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Copies the named stacks of a synthesized app (stacks/<name>/ with their assets) into a new directory. */
export function copyStacks(outdir: string, stacks: readonly string[]): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'change-stacks-'));
  for (const stack of stacks) fs.cpSync(path.join(outdir, 'stacks', stack), path.join(copy, 'stacks', stack), { recursive: true });
  return copy;
}

/** Rewrites one stack's cdk.tf.json in place. */
export function editStack(outdir: string, stack: string, edit: (json: Record<string, any>) => Record<string, any> | void): void {
  const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, JSON.stringify(edit(json) ?? json, null, 2));
}

/** The logical name of the only resource of `type` whose construct path contains `pathPart`. */
export function resourceName(json: Record<string, any>, type: string, pathPart: string): string {
  const names = Object.entries(json.resource?.[type] ?? {})
    .filter(([, body]) => String((body as any)['//']?.metadata?.path ?? '').includes(pathPart))
    .map(([name]) => name);
  if (names.length !== 1) throw new Error(`expected one ${type} at a path containing "${pathPart}", found ${names.join(', ') || 'none'}`);
  return names[0];
}

/**
 * Renames a construct in a stack as CDKTF would synthesize the rename: the resource's logical
 * name, every reference to it, and the construct path in its metadata (`from` replaced by `to`
 * in the path). Returns the new JSON.
 */
export function renameResource(
  json: Record<string, any>,
  type: string,
  oldName: string,
  newName: string,
  pathFrom: string,
  pathTo: string,
): Record<string, any> {
  const body = json.resource[type][oldName];
  delete json.resource[type][oldName];
  const metadata = body['//']?.metadata;
  if (metadata) {
    metadata.path = String(metadata.path).replace(pathFrom, pathTo);
    metadata.uniqueId = newName;
  }
  json.resource[type][newName] = body;
  return JSON.parse(JSON.stringify(json).split(`${type}.${oldName}`).join(`${type}.${newName}`));
}
