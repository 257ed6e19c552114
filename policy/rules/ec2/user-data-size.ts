import { UnresolvedValueError } from '../../values';

/**
 * Upper bounds, in bytes, of the attributes a boot script may interpolate. AWS caps DNS names
 * at 253 characters and ARNs at 2048; IDs and names in this library stay within 255. A
 * reference to any other attribute has no known bound, and the rule reports it as unresolved.
 */
export const ATTRIBUTE_BOUNDS: Readonly<Record<string, number>> = {
  address: 253,
  endpoint: 253,
  dns_name: 253,
  arn: 2048,
  secret_arn: 2048,
  id: 255,
  name: 255,
};

/**
 * The largest length of a referenced value, such as `aws_db_instance.db.address`; undefined when
 * nothing bounds it.
 */
export type ReferenceBound = (reference: string) => number | undefined;

/** Bounds by attribute name only (ATTRIBUTE_BOUNDS). */
export const attributeBound: ReferenceBound = (reference) => ATTRIBUTE_BOUNDS[/([a-z0-9_]+)$/.exec(reference)![1]];

/** What the measure found: the largest size user data can have once Terraform rendered it. */
export interface UserDataSize {
  /** Bytes of literal text, after Terraform's escapes are decoded. */
  readonly literalBytes: number;
  /** References to other resources' attributes, each counted at its upper bound. */
  readonly references: readonly string[];
  /** literalBytes plus the bound of every reference. */
  readonly maxBytes: number;
}

interface Measure {
  literal: number;
  references: string[];
}

const add = (a: Measure, b: Measure): Measure => ({ literal: a.literal + b.literal, references: [...a.references, ...b.references] });
const EMPTY: Measure = { literal: 0, references: [] };

/**
 * Measures the subset of Terraform expressions the project writes into `user_data`:
 * string literals (with interpolations), `join(sep, [..])`, `base64encode(..)` (measured
 * before encoding, as AWS counts the limit on the raw script) and references such as
 * `aws_db_instance.db.address`. Anything else (`templatefile`, `base64gzip`, variables) cannot
 * be measured without Terraform, so it throws `UnresolvedValueError`.
 */
class ExpressionMeasure {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly attribute: string,
    private readonly value: unknown,
    private readonly bound: ReferenceBound,
  ) {}

  public measureTemplate(): Measure {
    // The attribute itself is a template string: literal text with ${...} parts.
    return this.templateUntil(undefined);
  }

  private fail(): never {
    throw new UnresolvedValueError(this.attribute, this.value);
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private expect(token: string): void {
    this.skipSpace();
    if (!this.text.startsWith(token, this.pos)) this.fail();
    this.pos += token.length;
  }

  /** Literal text with interpolations, up to `terminator` (a closing quote) or the end. */
  private templateUntil(terminator: '"' | undefined): Measure {
    let measure = EMPTY;
    let literal = '';
    // Plain text runs up to the next character that may start an escape, an interpolation or
    // the terminator; taken as one slice, not character by character (a boot script is ~18 kB).
    const special = terminator ? /[$%\\"]/g : /[$%]/g;
    while (this.pos < this.text.length) {
      special.lastIndex = this.pos;
      const next = special.exec(this.text)?.index ?? this.text.length;
      if (next > this.pos) {
        literal += this.text.slice(this.pos, next);
        this.pos = next;
        continue;
      }
      const char = this.text[this.pos];
      if (terminator && char === terminator) break;
      if (this.text.startsWith('$${', this.pos) || this.text.startsWith('%%{', this.pos)) {
        literal += `${char}{`;
        this.pos += 3;
      } else if (this.text.startsWith('${', this.pos)) {
        this.pos += 2;
        measure = add(measure, this.expression());
        this.expect('}');
      } else if (this.text.startsWith('%{', this.pos)) {
        this.fail(); // template directives (if/for) have no fixed size
      } else if (terminator && char === '\\') {
        literal += this.escape();
      } else {
        literal += char;
        this.pos++;
      }
    }
    return add(measure, { literal: Buffer.byteLength(literal, 'utf8'), references: [] });
  }

  private escape(): string {
    const next = this.text[this.pos + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (next in simple) {
      this.pos += 2;
      return simple[next];
    }
    const unicode = /^\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(this.text.slice(this.pos));
    if (!unicode) this.fail();
    this.pos += unicode[0].length;
    return String.fromCodePoint(parseInt(unicode[1] ?? unicode[2], 16));
  }

  private stringLiteral(): Measure {
    this.expect('"');
    const measure = this.templateUntil('"');
    this.expect('"');
    return measure;
  }

  private listOf(): Measure[] {
    this.expect('[');
    const items: Measure[] = [];
    this.skipSpace();
    while (this.text[this.pos] !== ']') {
      items.push(this.expression());
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      this.skipSpace();
      if (this.pos >= this.text.length) this.fail();
    }
    this.pos++;
    return items;
  }

  private expression(): Measure {
    this.skipSpace();
    if (this.text[this.pos] === '"') return this.stringLiteral();
    const call = /^(base64encode|join)\s*\(/.exec(this.text.slice(this.pos));
    if (call) {
      this.pos += call[0].length;
      let result: Measure;
      if (call[1] === 'base64encode') {
        result = this.expression();
      } else {
        const separator = this.expression();
        this.expect(',');
        const items = this.listOf();
        result = items.reduce(add, EMPTY);
        if (separator.references.length > 0) this.fail();
        result = add(result, { literal: separator.literal * Math.max(items.length - 1, 0), references: [] });
      }
      this.expect(')');
      return result;
    }
    const reference = /^(?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\.[a-z0-9_]+|\[\d+\])+/.exec(this.text.slice(this.pos));
    if (!reference) this.fail();
    if (this.bound(reference[0]) === undefined) this.fail();
    this.pos += reference[0].length;
    return { literal: 0, references: [reference[0]] };
  }
}

/**
 * The largest size `value` can render to. `base64` says the attribute holds base64 text
 * (a launch template's `user_data`): a literal is decoded before it is measured.
 */
export function measureUserData(
  value: unknown,
  attribute: string,
  base64: boolean,
  bound: ReferenceBound = attributeBound,
): UserDataSize | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new UnresolvedValueError(attribute, value);
  let measure: Measure;
  if (!value.includes('${')) {
    measure = { literal: base64 ? Buffer.from(value, 'base64').length : Buffer.byteLength(value, 'utf8'), references: [] };
  } else {
    measure = new ExpressionMeasure(value, attribute, value, bound).measureTemplate();
  }
  const referenceBytes = measure.references.reduce((sum, ref) => sum + bound(ref)!, 0);
  return { literalBytes: measure.literal, references: measure.references, maxBytes: measure.literal + referenceBytes };
}
