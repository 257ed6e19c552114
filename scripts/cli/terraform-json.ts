/** Parsed Terraform JSON of one synthesized stack (cdk.tf.json). */
export type StackJson = Record<string, any>;

/** A synthesized stack: its name and parsed JSON. */
export interface StackInput {
  readonly name: string;
  readonly json: StackJson;
}

/** One resource of a synthesized stack. */
export interface TfResource {
  readonly stack: string;
  readonly type: string;
  /** The logical name, as in `${type.name.id}`. */
  readonly name: string;
  /** `type.name`, unique within its stack. */
  readonly address: string;
  /** The resource's arguments as synthesized. */
  readonly body: Record<string, any>;
}

/** The resources of a stack in a stable order (type, then name). */
export function resourcesOfStack(stack: StackInput): TfResource[] {
  const resources: TfResource[] = [];
  for (const type of Object.keys(stack.json.resource ?? {}).sort()) {
    for (const name of Object.keys(stack.json.resource[type]).sort()) {
      resources.push({ stack: stack.name, type, name, address: `${type}.${name}`, body: stack.json.resource[type][name] });
    }
  }
  return resources;
}

// Meta-arguments that name resources without a data path between them.
const NOT_DATA = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);
const REFERENCE = /(?<![\w.])(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?=\.|\[|\}|,|\)|\s)/g;

/** Addresses (`type.name`) of the resources referenced anywhere in `value`, in order, without repeats. */
export function referencesIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return;
      for (const match of node.matchAll(REFERENCE)) found.add(`${match[1]}.${match[2]}`);
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (!NOT_DATA.has(key)) visit(child);
      }
    }
  };
  visit(value);
  return [...found];
}

/** The single resource address referenced by an attribute, such as `security_group_id`. */
export function referenceOf(value: unknown): string | undefined {
  return typeof value === 'string' ? referencesIn(value)[0] : undefined;
}

/** The default AWS provider block (the one without an alias). */
function defaultProvider(json: StackJson): Record<string, any> | undefined {
  const providers: Record<string, any>[] = json.provider?.aws ?? [];
  return providers.find((provider) => provider.alias === undefined) ?? providers[0];
}

/** The `Environment` tag the stack's default provider puts on every resource, if any. */
export function stackEnvironment(json: StackJson): string | undefined {
  const tags = defaultProvider(json)?.default_tags?.[0]?.tags;
  return typeof tags?.Environment === 'string' ? tags.Environment : undefined;
}

/** The region of the stack's default provider. */
export function stackRegion(json: StackJson): string | undefined {
  const region = defaultProvider(json)?.region;
  return typeof region === 'string' ? region : undefined;
}

/** The bucket that holds the stack's state, when it uses the S3 backend. */
export function stateBucketOf(json: StackJson): string | undefined {
  const bucket = json.terraform?.backend?.s3?.bucket;
  return typeof bucket === 'string' ? bucket : undefined;
}
