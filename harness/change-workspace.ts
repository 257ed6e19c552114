// The offline working copy of a stack for the change check: the offline plan's copy
// (offline-plan.ts: local state, skip flags, stand-ins for online lookups), without
// `lifecycle.prevent_destroy` (Terraform refuses to plan past it and writes no JSON; the check
// reports those resources itself), and with EC2 calls sent to the loopback stand-in.
import * as fs from 'fs';
import * as path from 'path';
import { OFFLINE_OVERRIDE_FILE, prepareOfflineWorkspace } from './offline-plan';

/**
 * Removes `prevent_destroy` from every resource of a stack's Terraform JSON, in place, and
 * returns the addresses (`type.name`) that had it set to true.
 */
export function dropPreventDestroy(stack: Record<string, any>): string[] {
  const guarded: string[] = [];
  for (const [type, resources] of Object.entries((stack.resource ?? {}) as Record<string, Record<string, any>>)) {
    for (const [name, body] of Object.entries(resources)) {
      const lifecycle = body?.lifecycle;
      if (!lifecycle || !('prevent_destroy' in lifecycle)) continue;
      if (lifecycle.prevent_destroy === true || lifecycle.prevent_destroy === 'true') guarded.push(`${type}.${name}`);
      delete lifecycle.prevent_destroy;
      if (Object.keys(lifecycle).length === 0) delete body.lifecycle;
    }
  }
  return guarded.sort();
}

export interface ChangeWorkspace {
  readonly workDir: string;
  /** Resources configured with `prevent_destroy` (`type.name`), which the copy plans without. */
  readonly preventDestroy: readonly string[];
}

/** Writes the stack's offline copy, prepared for the change check, into `workDir`. */
export function prepareChangeWorkspace(stackDir: string, workDir: string, ec2Endpoint: string | undefined): ChangeWorkspace {
  prepareOfflineWorkspace(stackDir, workDir);
  const stackFile = path.join(workDir, 'cdk.tf.json');
  const stack = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as Record<string, any>;
  const preventDestroy = dropPreventDestroy(stack);
  if (preventDestroy.length > 0) fs.writeFileSync(stackFile, JSON.stringify(stack, null, 2));
  const overrideFile = path.join(workDir, OFFLINE_OVERRIDE_FILE);
  const override = JSON.parse(fs.readFileSync(overrideFile, 'utf8')) as { provider?: { aws?: Record<string, unknown>[] } };
  if (ec2Endpoint && override.provider?.aws) {
    override.provider.aws = override.provider.aws.map((config) => ({ ...config, endpoints: [{ ec2: ec2Endpoint }] }));
    fs.writeFileSync(overrideFile, JSON.stringify(override, null, 2));
  }
  return { workDir, preventDestroy };
}
