// One resolution pass shared by the policy pack and the synthesizer. The pack resolves a whole
// stack into Terraform JSON (`stack.toTerraform()`) while the aspects run, and cdktf's
// synthesizer resolves it again a moment later to write cdk.tf.json: every token twice, about a
// fifth of the app's synth time. A stack that opts in (BaseStack does) hands the pack's JSON to
// the synthesizer instead, once, and only if the construct tree and the overrides did not change
// in between; anything else resolves afresh.
import { TerraformStack } from 'cdktf';
import { StackJson } from './stack-view';

const checked = new WeakMap<TerraformStack, { readonly json: StackJson; readonly fingerprint: string }>();

/** What would make a remembered resolution stale: a construct added or removed, an override set. */
export function stackFingerprint(stack: TerraformStack): string {
  const overrides = (stack as unknown as { rawOverrides?: unknown }).rawOverrides;
  return `${stack.node.findAll().length}:${JSON.stringify(overrides ?? {})}`;
}

/** Called by the pack with the JSON it just resolved and checked. */
export function rememberResolvedJson(stack: TerraformStack, json: StackJson): void {
  checked.set(stack, { json, fingerprint: stackFingerprint(stack) });
}

/**
 * The JSON the pack resolved for `stack` in this synthesis, handed out once; undefined when there
 * is none or the stack changed since. Call from a stack's `toTerraform()` override.
 */
export function takeResolvedJson(stack: TerraformStack): StackJson | undefined {
  const entry = checked.get(stack);
  checked.delete(stack);
  return entry && entry.fingerprint === stackFingerprint(stack) ? entry.json : undefined;
}
