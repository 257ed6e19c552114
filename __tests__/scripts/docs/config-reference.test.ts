import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { configReference, configReferenceMarkdown, objectDocsIn } from '../../../scripts/docs/config-reference';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('objectDocsIn', () => {
  test('reads the doc comment of every field of every z.object / z.strictObject literal', () => {
    const docs = objectDocsIn(`
      const inner = z.strictObject({
        /** Inner field. */
        a: z.string(),
      });
      export const outer = z.object({
        /**
         * Spread over
         * two lines.
         */
        b: inner,
        c: z.number(),
      });
    `);
    expect(docs.map((d) => Object.fromEntries(d))).toEqual([{ a: 'Inner field.' }, { b: 'Spread over two lines.', c: '' }]);
  });
});

describe('configReferenceMarkdown', () => {
  // GIVEN a schema with nesting, a record of objects, an array of objects, an enum and defaults
  const schema = z.object({
    name: z.string(),
    mode: z.enum(['a', 'b']).default('a'),
    size: z.number().int().min(1).max(9).optional(),
    nested: z.object({ flag: z.boolean().default(true) }).prefault({}),
    byZone: z.record(z.string(), z.object({ cidr: z.string() })),
    rules: z.array(z.object({ id: z.string() })).default([]),
  });
  // The comments live in source text, matched to the objects by their field names.
  const docs = objectDocsIn(`
    z.object({ /** The name. */ name: 1, /** The mode. */ mode: 1, /** How big. */ size: 1, nested: 1, byZone: 1, rules: 1 });
    z.object({ /** Turns it on. */ flag: 1 });
    z.object({ /** A block. */ cidr: 1 });
    z.object({ /** Rule ID. */ id: 1 });
  `);
  const markdown = configReferenceMarkdown(z.toJSONSchema(schema, { io: 'input' }) as never, docs);

  test('writes one table per object with type, default and description', () => {
    expect(markdown).toContain('| `name` | string | **required** | The name. |');
    expect(markdown).toContain('| `mode` | "a" \\| "b" | `"a"` | The mode. |');
    expect(markdown).toContain('| `size` | integer 1..9 | optional | How big. |');
    expect(markdown).toContain('| `flag` | boolean | `true` | Turns it on. |');
  });

  test('nested objects, records and arrays of objects get their own section, linked from the parent', () => {
    expect(markdown).toContain('| `nested` | object | every field has a default | Fields: [`nested`](#nested). |');
    expect(markdown).toContain('Fields: [`byZone.<key>`](#byzonekey)');
    expect(markdown).toContain('### `byZone.<key>`');
    expect(markdown).toContain('| `cidr` | string | **required** | A block. |');
    expect(markdown).toContain('### `rules[]`');
    expect(markdown).toContain('| `id` | string | **required** | Rule ID. |');
  });
});

describe("the project's configuration reference", () => {
  const reference = configReference(ROOT);

  test('covers the sections of the configuration, environments keyed by name', () => {
    for (const section of ['`project`', '`project.stateBucket`', '`environments.<name>`', '`environments.<name>.wordpress.database`']) {
      expect(reference).toContain(`### ${section}`);
    }
    // Database defaults belong to the Database construct; the reference shows them from the doc comment.
    expect(reference).toContain('| `multiAz` | boolean | optional | Standby in a second zone. Default false. |');
  });

  test('every field of the schema has a doc comment in config/', () => {
    const undocumented = reference.split('\n').filter((line) => line.startsWith('| `') && line.endsWith('| - |'));
    expect(undocumented).toEqual([]);
  });

  test('docs/configuration.md carries the generated reference', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'configuration.md'), 'utf8')).toContain(reference);
  });
});
