import { createHash } from 'crypto';
import { gzipSync } from 'zlib';
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
  // S3 bucket names are at most 63 characters.
  bucket: 63,
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
  /**
   * literalBytes plus the bound of every reference; for `base64gzip(..)`, the compressed size of
   * that text (see `gzipBound`).
   */
  readonly maxBytes: number;
  /** Whether the script is sent gzip-compressed (`base64gzip`), as cloud-init accepts it. */
  readonly compressed?: boolean;
}

/** Literal text or a reference, in the order Terraform renders them. */
type Piece = string | { readonly reference: string };

interface Measure {
  literal: number;
  references: string[];
  pieces: Piece[];
  gzip?: boolean;
}

const add = (a: Measure, b: Measure): Measure => ({
  literal: a.literal + b.literal,
  references: [...a.references, ...b.references],
  pieces: [...a.pieces, ...b.pieces],
  gzip: a.gzip || b.gzip,
});
const EMPTY: Measure = { literal: 0, references: [], pieces: [] };

/**
 * Bytes a gzip compressor may produce beyond zlib's for the same text: Terraform compresses with
 * Go's compress/gzip at its default level (6), Node's zlib here at the same level; their outputs
 * differ by a few bytes per kilobyte. Measured on the WordPress boot script with its references at
 * their bounds (21.5 kB): Go 10,860 bytes, zlib 10,834 (fflate, used before, 11,015).
 */
export const GZIP_MARGIN_BYTES = 256;

/**
 * The compressed size of the rendered script, each reference stood in for by as many
 * pseudo-random characters as its bound (which compress about as badly as text can), plus
 * GZIP_MARGIN_BYTES.
 */
function gzipBound(pieces: readonly Piece[], bound: ReferenceBound): number {
  const text = pieces
    .map((piece, index) => {
      if (typeof piece === 'string') return piece;
      const length = bound(piece.reference)!;
      let filler = '';
      for (let block = 0; filler.length < length; block++) {
        filler += createHash('sha256').update(`${index}:${block}:${piece.reference}`).digest('base64');
      }
      return filler.slice(0, length);
    })
    .join('');
  // Node's native zlib: fflate (in JavaScript) took about 18 ms of every synth for this one script.
  return gzipSync(Buffer.from(text, 'utf8'), { level: 6 }).length + GZIP_MARGIN_BYTES;
}

/**
 * Measures the subset of Terraform expressions the project writes into `user_data`:
 * string literals (with interpolations), `join(sep, [..])`, `base64encode(..)` (measured
 * before encoding, as AWS counts the limit on the raw script) and references such as
 * `aws_db_instance.db.address`, and the whole script in `base64gzip(..)` (measured after
 * compression, as that is what is sent). Anything else (`templatefile`, variables) cannot
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
    return add(measure, { literal: Buffer.byteLength(literal, 'utf8'), references: [], pieces: [literal] });
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
    const call = /^(base64encode|base64gzip|join)\s*\(/.exec(this.text.slice(this.pos));
    if (call) {
      this.pos += call[0].length;
      let result: Measure;
      if (call[1] === 'base64encode') {
        result = this.expression();
      } else if (call[1] === 'base64gzip') {
        result = { ...this.expression(), gzip: true };
      } else {
        const separator = this.expression();
        this.expect(',');
        const items = this.listOf();
        if (separator.references.length > 0) this.fail();
        result = items.reduce((joined, item, index) => add(index === 0 ? joined : add(joined, separator), item), EMPTY);
      }
      this.expect(')');
      return result;
    }
    const reference = /^(?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\.[a-z0-9_]+|\[\d+\])+/.exec(this.text.slice(this.pos));
    if (!reference) this.fail();
    if (this.bound(reference[0]) === undefined) this.fail();
    this.pos += reference[0].length;
    return { literal: 0, references: [reference[0]], pieces: [{ reference: reference[0] }] };
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
    measure = { literal: base64 ? Buffer.from(value, 'base64').length : Buffer.byteLength(value, 'utf8'), references: [], pieces: [] };
  } else {
    measure = new ExpressionMeasure(value, attribute, value, bound).measureTemplate();
  }
  const referenceBytes = measure.references.reduce((sum, ref) => sum + bound(ref)!, 0);
  const plain = { literalBytes: measure.literal, references: measure.references, maxBytes: measure.literal + referenceBytes };
  // What EC2 counts is what is sent: for base64gzip, the compressed bytes. Only a whole script
  // compressed at once is one gzip stream cloud-init can read.
  if (measure.gzip && !/^\$\{\s*base64gzip\(.*\)\s*\}$/s.test(value)) throw new UnresolvedValueError(attribute, value);
  return measure.gzip ? { ...plain, maxBytes: gzipBound(measure.pieces, bound), compressed: true } : plain;
}
