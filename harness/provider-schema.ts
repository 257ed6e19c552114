// The resource schemas of a workspace's providers (`terraform providers schema -json`), which
// the state builder needs to write values Terraform can decode: every attribute with its type,
// every nested block, and each type's schema_version. Loading them costs about 2 s and 13 MB of
// JSON for the AWS provider, so the parts read here are cached per provider version.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { userTempDir } from '../core/user-temp-dir';
import { runTerraform } from './terraform-cli';

/** A cty type as the schema JSON writes it: `"string"`, `["list", "string"]`, `["object", {...}]`. */
export type CtyType = string | [string, CtyType] | ['object', Record<string, CtyType>] | ['tuple', CtyType[]];

export interface SchemaAttribute {
  readonly type?: CtyType;
  /** Framework providers describe nested attributes this way instead of with `type`. */
  readonly nested_type?: { readonly attributes: Record<string, SchemaAttribute>; readonly nesting_mode: string };
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly required?: boolean;
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock; readonly max_items?: number }>;
}

export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

/** Resource schemas by provider source address (`registry.terraform.io/hashicorp/aws`), then by type. */
export type ProviderSchemas = Record<string, Record<string, ResourceSchema>>;

/** Where the trimmed schemas are kept between runs. */
export const SCHEMA_CACHE_DIR_ENV = 'WEB_STACK_SCHEMA_CACHE';

/** The user's own folder in the temp dir: one another user made first (root's, under sudo) is read-only to the next. */
export function schemaCacheDir(): string {
  return process.env[SCHEMA_CACHE_DIR_ENV] ?? userTempDir('aws-web-stack-provider-schemas');
}

/**
 * The provider versions `terraform init` selected, from the workspace's lock file: the cache
 * key, since a provider version always has the same schema.
 */
export function lockedProviders(workDir: string): string[] {
  const lockFile = path.join(workDir, '.terraform.lock.hcl');
  if (!fs.existsSync(lockFile)) return [];
  const text = fs.readFileSync(lockFile, 'utf8');
  return [...text.matchAll(/provider "([^"]+)" \{\s*version\s*=\s*"([^"]+)"/g)].map((match) => `${match[1]}@${match[2]}`).sort();
}

/**
 * Terraform's built-in provider, when the workspace's configuration uses it (terraform_data).
 * The lock file never lists it, and `providers schema -json` includes it only where it is used,
 * so the cache key must say so: a cache written by a stack without it would lack its schema.
 * A batch root (plan-batch.ts) holds its stacks as local modules one folder down: those count.
 */
export function builtinProviders(workDir: string): string[] {
  const configFiles = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.tf.json'))
      .map((file) => path.join(dir, file));
  const moduleDirs = fs
    .readdirSync(workDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'assets')
    .map((entry) => path.join(workDir, entry.name));
  const uses = [workDir, ...moduleDirs].flatMap(configFiles).some((file) => /"terraform_data"\s*:/.test(fs.readFileSync(file, 'utf8')));
  return uses ? ['terraform.io/builtin/terraform'] : [];
}

/** The schema JSON reduced to resource types: version and block, nothing the builder does not read. */
export function trimSchemas(full: {
  provider_schemas?: Record<string, { resource_schemas?: Record<string, ResourceSchema> }>;
}): ProviderSchemas {
  const trimBlock = (block: SchemaBlock): SchemaBlock => ({
    attributes: Object.fromEntries(
      Object.entries(block.attributes ?? {}).map(([name, attribute]) => [
        name,
        {
          ...(attribute.type !== undefined ? { type: attribute.type } : {}),
          ...(attribute.nested_type ? { nested_type: attribute.nested_type } : {}),
          ...(attribute.optional ? { optional: true } : {}),
          ...(attribute.computed ? { computed: true } : {}),
          ...(attribute.required ? { required: true } : {}),
        },
      ]),
    ),
    block_types: Object.fromEntries(
      Object.entries(block.block_types ?? {}).map(([name, nested]) => [
        name,
        { nesting_mode: nested.nesting_mode, block: trimBlock(nested.block), ...(nested.max_items ? { max_items: nested.max_items } : {}) },
      ]),
    ),
  });
  return Object.fromEntries(
    Object.entries(full.provider_schemas ?? {}).map(([provider, schemas]) => [
      provider,
      Object.fromEntries(
        Object.entries(schemas.resource_schemas ?? {}).map(([type, schema]) => [
          type,
          { version: schema.version, block: trimBlock(schema.block) },
        ]),
      ),
    ]),
  );
}

/**
 * The resource schemas of an initialized workspace's providers: from the cache when these
 * provider versions were read before, else from `terraform providers schema -json` (then cached).
 */
export async function loadProviderSchemas(workDir: string, env: NodeJS.ProcessEnv): Promise<ProviderSchemas> {
  const providers = [...lockedProviders(workDir), ...builtinProviders(workDir)];
  const key = createHash('sha256').update(providers.join('\n')).digest('hex').slice(0, 24);
  const cached = path.join(schemaCacheDir(), `${key}.json`);
  if (providers.length > 0 && fs.existsSync(cached)) {
    try {
      return JSON.parse(fs.readFileSync(cached, 'utf8')) as ProviderSchemas;
    } catch {
      // A cache file cut short by a crash is read again from Terraform below.
    }
  }
  const { stdout } = await runTerraform(['providers', 'schema', '-json'], { cwd: workDir, env });
  const schemas = trimSchemas(JSON.parse(stdout));
  if (providers.length > 0) {
    fs.mkdirSync(schemaCacheDir(), { recursive: true });
    // Written under a unique name, then renamed, so a concurrent reader never sees half a file.
    const partial = `${cached}.${process.pid}.${Date.now()}`;
    fs.writeFileSync(partial, JSON.stringify(schemas));
    fs.renameSync(partial, cached);
  }
  return schemas;
}

/** The cty type of an attribute, converting a framework provider's nested attributes. */
export function attributeType(attribute: SchemaAttribute): CtyType {
  if (attribute.type !== undefined) return attribute.type;
  const nested = attribute.nested_type;
  if (!nested) return 'dynamic';
  const object: CtyType = [
    'object',
    Object.fromEntries(Object.entries(nested.attributes).map(([name, inner]) => [name, attributeType(inner)])),
  ];
  switch (nested.nesting_mode) {
    case 'single':
      return object;
    case 'map':
      return ['map', object];
    case 'set':
      return ['set', object];
    default:
      return ['list', object];
  }
}
