// Stand-ins written into the configuration before the base's first plan. Planned from an empty
// state, every value built from an id or ARN only AWS knows is unknown: a policy naming a log
// group's ARN, an alarm's load balancer dimension, a Lambda function's environment. A state built
// from that plan leaves them null, and a first feedback pass (state-feedback.ts) had to plan
// again to learn them, about 7 s per pass. Here each reference to such a value is replaced by the
// stand-in the state will hold for it (state-stand-ins.ts) before the plan, so Terraform computes
// every value from it at once, and the same stand-in is then put into the state (base-state.ts
// `presets`, where the plan left the value unknown): the first plan against the state already
// changes nothing (measured on dev: 19 resources changed in the first pass before, none after).
//
// Only the plan that builds the state sees the rewritten configuration; every later plan (the
// feedback passes, the current revision) reads the stack as synthesized. A reference this file
// cannot read is left alone, and the feedback passes learn its value as before.
import * as fs from 'fs';
import { firstErrorLines } from './plan-batch';
import { attributeType, CtyType, ProviderSchemas } from './provider-schema';
import { NAME_ATTRIBUTES, stableHex, StandInContext, standInValue } from './state-stand-ins';

type Step = string | number;
type Primitive = string | number | boolean;
type Value = Primitive | readonly Value[] | { readonly [key: string]: Value };

/** The value a referenced attribute gets, at its path inside the resource. */
export interface ReferencePreset {
  readonly path: readonly Step[];
  readonly value: Value;
}

/** Presets by resource address (`aws_lb.main`). */
export type ReferencePresets = Map<string, ReferencePreset[]>;

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const STEPS = '((?:\\.[A-Za-z_][\\w-]*|\\[\\d+\\])+)';
/** A resource attribute reference inside an expression: not a data source's, not part of a longer name or a string. */
const TRAVERSAL = new RegExp(`(?<![\\w.\\-"])([a-z][a-z0-9]*_[a-z0-9_]+)\\.(${NAME})${STEPS}`, 'g');
const PURE_TRAVERSAL = new RegExp(`^\\s*([a-z][a-z0-9]*_[a-z0-9_]+)\\.(${NAME})${STEPS}\\s*$`);
/** Keys whose values are not expressions of the resource's arguments. */
const META_KEYS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each']);

const stepsOf = (text: string): Step[] =>
  [...text.matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g)].map(([, key, index]) => (key !== undefined ? key : Number(index)));

/** Template text standing for itself: `${` and `%{` escaped. */
const templateText = (value: Primitive) => String(value).replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{');
/** The value as an HCL literal inside an expression. */
function hclLiteral(value: Value): string {
  if (typeof value === 'string') return `"${templateText(value).replace(/[\\"]/g, '\\$&')}"`;
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([key, inner]) => `${JSON.stringify(key)} = ${hclLiteral(inner)}`)
      .join(', ')} }`;
  }
  return String(value);
}
const isPrimitive = (value: Value): value is Primitive => typeof value !== 'object';

/**
 * Computed collections the provider plans from the resource's own arguments, before AWS is asked:
 * an ACM certificate's validation records, one per domain it names. Their record names and values
 * only AWS knows; the domains are in the configuration. Stacks look the records up by domain.
 */
const PLANNED_COLLECTIONS: Readonly<Record<string, (body: Record<string, any>, address: string) => Value | undefined>> = {
  'aws_acm_certificate.domain_validation_options': (body, address) => {
    const domains = [body.domain_name, ...(body.subject_alternative_names ?? [])];
    if (!domains.every((domain) => typeof domain === 'string' && !domain.includes('${'))) return undefined;
    return [...new Set(domains as string[])].map((domain) => ({
      domain_name: domain,
      resource_record_name: `_${stableHex(`${address}/${domain}/name`, 32)}.${domain}.`,
      resource_record_type: 'CNAME',
      resource_record_value: `_${stableHex(`${address}/${domain}/value`, 32)}.offline.acm-validations.aws.`,
    }));
  },
};

/** The cty type at `path` below an attribute of type `type`, and the last name on the way. */
function typeAt(type: CtyType, path: readonly Step[], name: string): { type: CtyType; name: string } | undefined {
  let current = type;
  let leafName = name;
  for (const step of path) {
    if (!Array.isArray(current)) return undefined;
    const [kind, inner] = current;
    if ((kind === 'list' || kind === 'set') && typeof step === 'number') current = inner as CtyType;
    else if (kind === 'object' && typeof step === 'string') {
      current = (inner as Record<string, CtyType>)[step];
      leafName = step;
    } else if (kind === 'map' && typeof step === 'string') {
      current = inner as CtyType;
      leafName = step;
    } else return undefined;
    if (current === undefined) return undefined;
  }
  return { type: current, name: leafName };
}

/**
 * The stack's Terraform JSON with every reference to a value AWS computes (an attribute the
 * provider computes and the resource does not set) replaced by its stand-in, and the stand-ins by
 * resource. A reference is kept when the resource has `count` or `for_each`, or when the value is
 * a collection other than those in PLANNED_COLLECTIONS.
 */
export function presetReferences(
  stack: Record<string, any>,
  schemas: ProviderSchemas,
  context: StandInContext,
): { stack: Record<string, any>; presets: ReferencePresets } {
  const presets: ReferencePresets = new Map();
  const schemaOf = (type: string) => Object.values(schemas).find((provider) => provider[type])?.[type];

  const presetOf = (type: string, name: string, path: Step[]): Value | undefined => {
    const body = stack.resource?.[type]?.[name];
    const schema = schemaOf(type);
    if (!body || !schema || body.count !== undefined || body.for_each !== undefined) return undefined;
    const [top, ...rest] = path;
    const attribute = typeof top === 'string' ? schema.block.attributes?.[top] : undefined;
    if (!attribute?.computed || body[top] !== undefined) return undefined;
    const address = `${type}.${name}`;
    let value: Value | undefined;
    const planned = PLANNED_COLLECTIONS[`${type}.${top}`];
    if (planned) {
      if (rest.length > 0) return undefined;
      value = planned(body, address);
    } else {
      const leaf = typeAt(attributeType(attribute), rest, top as string);
      if (!leaf || !['string', 'number', 'bool'].includes(leaf.type as string)) return undefined;
      // The name an ARN carries: the resource's own where written literally. Any name would do,
      // since the state takes this very value, but a real one makes the report readable.
      const written = NAME_ATTRIBUTES.map((key) => body[key]).find((candidate) => candidate !== undefined && candidate !== null);
      const nameValue = typeof written === 'string' && !written.includes('${') ? written : name;
      value = standInValue(leaf.type, type, address, leaf.name, nameValue, context) as Primitive;
    }
    if (value === undefined) return undefined;
    const known = presets.get(address) ?? [];
    if (!known.some((preset) => JSON.stringify(preset.path) === JSON.stringify(path))) known.push({ path, value });
    presets.set(address, known);
    return value;
  };

  // One interpolation's expression: a lone reference becomes template text, a reference inside
  // a larger expression an HCL literal.
  const rewriteExpression = (expression: string): string | undefined => {
    const pure = PURE_TRAVERSAL.exec(expression);
    if (pure) {
      const value = presetOf(pure[1], pure[2], stepsOf(pure[3]));
      if (value === undefined) return undefined;
      return isPrimitive(value) ? templateText(value) : `\${${hclLiteral(value)}}`;
    }
    const rewritten = expression.replace(TRAVERSAL, (match, type: string, name: string, steps: string) => {
      const value = presetOf(type, name, stepsOf(steps));
      return value === undefined ? match : hclLiteral(value);
    });
    return `\${${rewritten}}`;
  };

  const rewriteString = (text: string): string => {
    let out = '';
    let index = 0;
    for (;;) {
      const start = text.indexOf('${', index);
      if (start < 0) return out + text.slice(index);
      // `$${` is an escaped, literal `${`.
      if (start > 0 && text[start - 1] === '$') {
        out += text.slice(index, start + 2);
        index = start + 2;
        continue;
      }
      let depth = 1;
      let end = start + 2;
      while (end < text.length && depth > 0) {
        if (text[end] === '{') depth += 1;
        else if (text[end] === '}') depth -= 1;
        end += 1;
      }
      if (depth > 0) return out + text.slice(index);
      out += text.slice(index, start) + (rewriteExpression(text.slice(start + 2, end - 1)) ?? text.slice(start, end));
      index = end;
    }
  };

  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return value.includes('${') ? rewriteString(value) : value;
    if (Array.isArray(value)) return value.map(rewrite);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, META_KEYS.has(key) ? inner : rewrite(inner)]));
    }
    return value;
  };

  const blocks = (section: Record<string, Record<string, unknown>> | undefined) =>
    section &&
    Object.fromEntries(
      Object.entries(section).map(([type, bodies]) => [
        type,
        Object.fromEntries(Object.entries(bodies).map(([name, body]) => [name, rewrite(body)])),
      ]),
    );
  const rewritten: Record<string, any> = { ...stack };
  if (stack.resource) rewritten.resource = blocks(stack.resource);
  if (stack.data) rewritten.data = blocks(stack.data);
  if (stack.locals) rewritten.locals = rewrite(stack.locals);
  return { stack: rewritten, presets };
}

/** A configuration file to rewrite for one plan, and the stand-in context of its stack. */
export interface PresetTarget {
  readonly file: string;
  readonly context: StandInContext;
}

/**
 * Runs `plan` with each target file's references preset, then puts the files back as they were.
 * When the rewritten configuration does not plan (a reference this file misread), that is said
 * in one paragraph on stderr and `plan` runs again on the files as synthesized, with no presets:
 * the feedback passes then learn those values, one pass later. An error of the stacks themselves
 * fails that second plan too, and is thrown from it.
 */
export async function planWithPresets<T>(
  targets: readonly PresetTarget[],
  schemas: ProviderSchemas,
  stacks: readonly string[],
  plan: () => Promise<T>,
): Promise<{ planned: T; presets: ReferencePresets[] }> {
  const originals = targets.map((target) => fs.readFileSync(target.file, 'utf8'));
  let failure: unknown;
  try {
    const rewritten = targets.map((target, index) => presetReferences(JSON.parse(originals[index]), schemas, target.context));
    rewritten.forEach(({ stack }, index) => fs.writeFileSync(targets[index].file, JSON.stringify(stack)));
    return { planned: await plan(), presets: rewritten.map(({ presets }) => presets) };
  } catch (error) {
    failure = error;
  } finally {
    targets.forEach((target, index) => fs.writeFileSync(target.file, originals[index]));
  }
  process.stderr.write(
    `The base plan of ${stacks.join(', ')} with stand-ins for its references failed; planning as synthesized, ` +
      `which costs one more state pass. First lines of the error: ${firstErrorLines(failure)}\n`,
  );
  return { planned: await plan(), presets: targets.map(() => new Map()) };
}
