import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** Parsed Terraform JSON of one synthesized stack. */
export type StackJson = Record<string, any>;

/** A resource in synthesized JSON, with its Terraform logical name (not its `name` attribute). */
export interface SynthResource {
  readonly logicalId: string;
  readonly [property: string]: any;
}

/**
 * Synthesizes constructs built by `build` in a fresh stack with an AWS provider and returns
 * the parsed JSON. Throws what the constructs throw.
 */
export function synthStack(build: (stack: TerraformStack) => void): StackJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  // Testing.synth runs the validations; toTerraform keeps the construct paths it strips.
  Testing.synth(stack, true);
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

/** All resources of a Terraform type, e.g. "aws_subnet". */
export function resourcesOf(json: StackJson, type: string): SynthResource[] {
  return Object.entries(json.resource?.[type] ?? {}).map(([logicalId, body]) => ({ ...(body as object), logicalId }));
}

/** The single resource of a type; fails when there are none or several. */
export function onlyResourceOf(json: StackJson, type: string): SynthResource {
  const found = resourcesOf(json, type);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${found.length}: ${found.map((r) => r.logicalId).join(', ')}`);
  }
  return found[0];
}

/** The resource whose construct path ends with `suffix`. */
export function resourceAtPath(json: StackJson, type: string, suffix: string): SynthResource {
  const found = resourcesOf(json, type).filter((r) => String(r['//']?.metadata?.path ?? '').endsWith(suffix));
  if (found.length !== 1) {
    throw new Error(`expected one ${type} at a path ending "${suffix}", found ${found.length}`);
  }
  return found[0];
}

/** The `${type.name.attr}` reference string to a synthesized resource's attribute. */
export function ref(type: string, resource: SynthResource, attribute = 'id'): string {
  return `\${${type}.${resource.logicalId}.${attribute}}`;
}
