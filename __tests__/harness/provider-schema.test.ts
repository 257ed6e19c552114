import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  attributeType,
  builtinProviders,
  lockedProviders,
  SCHEMA_CACHE_DIR_ENV,
  schemaCacheDir,
  trimSchemas,
} from '../../harness/provider-schema';

describe('provider schemas', () => {
  test('the cache key is the provider versions of the lock file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-lock-'));
    expect(lockedProviders(dir)).toEqual([]);
    fs.writeFileSync(
      path.join(dir, '.terraform.lock.hcl'),
      'provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.100.0"\n  hashes = []\n}\nprovider "registry.terraform.io/hashicorp/archive" {\n  version = "2.7.0"\n}\n',
    );
    expect(lockedProviders(dir)).toEqual(['registry.terraform.io/hashicorp/archive@2.7.0', 'registry.terraform.io/hashicorp/aws@5.100.0']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('trimming keeps versions, types, flags and nested blocks, and drops descriptions', () => {
    const trimmed = trimSchemas({
      provider_schemas: {
        p: {
          resource_schemas: {
            t: {
              version: 3,
              block: {
                attributes: { id: { type: 'string', computed: true, description: 'long text' } as never },
                block_types: {
                  rule: { nesting_mode: 'set', max_items: 2, block: { attributes: { a: { type: 'number', required: true } } } },
                },
              },
            },
          },
        },
      },
    });
    expect(trimmed).toEqual({
      p: {
        t: {
          version: 3,
          block: {
            attributes: { id: { type: 'string', computed: true } },
            block_types: {
              rule: {
                nesting_mode: 'set',
                max_items: 2,
                block: { attributes: { a: { type: 'number', required: true } }, block_types: {} },
              },
            },
          },
        },
      },
    });
  });

  test("a framework provider's nested attributes become the cty type they stand for", () => {
    const nested = { nested_type: { nesting_mode: 'list', attributes: { port: { type: 'number' as const } } } };
    expect(attributeType(nested)).toEqual(['list', ['object', { port: 'number' }]]);
    expect(attributeType({ nested_type: { ...nested.nested_type, nesting_mode: 'single' } })).toEqual(['object', { port: 'number' }]);
    expect(attributeType({ type: ['set', 'string'] })).toEqual(['set', 'string']);
  });
});

describe('builtinProviders', () => {
  test("names Terraform's built-in provider only where the configuration uses terraform_data, so the schema cache keeps them apart", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-builtin-'));
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { aws_vpc: { main: {} } } }));
    expect(builtinProviders(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { terraform_data: { choice: { input: 'a' } } } }));
    expect(builtinProviders(dir)).toEqual(['terraform.io/builtin/terraform']);
  });

  test("counts a batch root's modules, one folder down, and not its assets or Terraform's own folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-builtin-batch-'));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ module: { s0: { source: './s0' } } }));
    for (const folder of ['s0', 'assets', '.terraform']) fs.mkdirSync(path.join(dir, folder));
    const terraformData = JSON.stringify({ resource: { terraform_data: { choice: { input: 'a' } } } });
    fs.writeFileSync(path.join(dir, 'assets', 'copy.tf.json'), terraformData);
    fs.writeFileSync(path.join(dir, '.terraform', 'copy.tf.json'), terraformData);
    fs.writeFileSync(path.join(dir, 's0', 'main.tf.json'), JSON.stringify({ resource: { aws_vpc: { main: {} } } }));
    expect(builtinProviders(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 's0', 'main.tf.json'), terraformData);
    expect(builtinProviders(dir)).toEqual(['terraform.io/builtin/terraform']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('schemaCacheDir', () => {
  const saved = process.env[SCHEMA_CACHE_DIR_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[SCHEMA_CACHE_DIR_ENV];
    else process.env[SCHEMA_CACHE_DIR_ENV] = saved;
  });

  test("is the user's own folder in the temp dir, so a folder root made first cannot make a normal user's check fail", () => {
    delete process.env[SCHEMA_CACHE_DIR_ENV];
    expect(schemaCacheDir()).toBe(path.join(os.tmpdir(), `aws-web-stack-provider-schemas-${process.getuid!()}`));
  });

  test('is the folder WEB_STACK_SCHEMA_CACHE names, when set', () => {
    process.env[SCHEMA_CACHE_DIR_ENV] = '/tmp/schemas-here';
    expect(schemaCacheDir()).toBe('/tmp/schemas-here');
  });
});
