// cdktf resolves every element of a stack twice in one synthesis. App.synth() first calls each
// stack's prepareStack(), which builds and resolves every element's configuration ("preparing",
// so that a reference to another stack creates that stack's output) and drops the result; then the
// stack's synthesizer runs the aspects, where the policy pack asks for the whole stack with
// toTerraform(), which builds and resolves every element again. Preparing changes nothing in the
// result (a cross-stack reference resolves to the identifier it registered), so BaseStack keeps
// the first resolution of each element and hands it to toTerraform(): each element is built and
// resolved once per synthesis, and cdktf still merges the stack document as it always does.
//
// The kept resolution is used at most once, only while nothing can have changed it: inside this
// stack's synthesizer, called by the same app's synth() (the session carries the app's manifest;
// Testing.fullSynth brings its own); when the stack has the same constructs and overrides as after
// preparing (a later stack's cross-stack reference adds an output); and when the stack has no
// aspect but the policy pack's, which change nothing. Anything else is resolved afresh, as cdktf
// would.
import { App, ISynthesisSession, TerraformElement, TerraformStack } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { IConstruct } from 'constructs';
import { onlyPolicyAspects } from '../policy/policy-checks';
import { stackFingerprint } from '../policy/resolved-json';

interface Prepared {
  readonly fragments: ReadonlyMap<TerraformElement, unknown>;
  readonly fingerprint: string;
}

/** Kept by prepareStack(), until the stack's synthesizer takes it. */
const prepared = new WeakMap<TerraformStack, Prepared>();
/** Taken by the synthesizer, until toTerraform() uses it or the synthesizer returns. */
const usable = new WeakMap<TerraformStack, Prepared>();

/** The stack's elements in cdktf's order (terraform-stack.js, terraformElements): nested stacks left out. */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) terraformElements(child, into);
  }
  return into;
}

/** What TerraformStack.prepareStack() does, keeping each element's resolution. */
export function prepareStackKeepingResolution(stack: TerraformStack): void {
  prepared.delete(stack);
  stack.ensureBackendExists();
  const fragments = new Map<TerraformElement, unknown>();
  for (const element of terraformElements(stack)) {
    fragments.set(element, resolve(stack, element.toTerraform(), true));
  }
  prepared.set(stack, { fragments, fingerprint: stackFingerprint(stack) });
}

/** Runs the stack's synthesizer with the kept resolution available to toTerraform(), if this is its app's synth(). */
export function synthesizeWithPreparedResolution(stack: TerraformStack, session: ISynthesisSession, synthesize: () => void): void {
  const entry = prepared.get(stack);
  prepared.delete(stack);
  if (entry && session.manifest === App.of(stack).manifest) usable.set(stack, entry);
  try {
    synthesize();
  } finally {
    usable.delete(stack);
  }
}

/**
 * The stack's Terraform JSON from `toTerraform` (cdktf's), with each element's configuration
 * taken from prepareStack() when that is still what it would resolve to.
 */
export function toTerraformWithPreparedResolution(stack: TerraformStack, toTerraform: () => any): any {
  const entry = usable.get(stack);
  usable.delete(stack);
  if (!entry || entry.fingerprint !== stackFingerprint(stack) || !onlyPolicyAspects(stack)) return toTerraform();
  const elements = [...entry.fragments.keys()];
  for (const element of elements) {
    const fragment = entry.fragments.get(element);
    Object.defineProperty(element, 'toTerraform', { value: () => fragment, configurable: true, writable: true });
  }
  try {
    return toTerraform();
  } finally {
    for (const element of elements) delete (element as { toTerraform?: unknown }).toTerraform;
  }
}
