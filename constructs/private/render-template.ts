import * as fs from 'fs';
import { Fn, Token } from 'cdktf';
import { WebStackError } from '../../core/errors';
import { packageFile } from '../../core/package-file';

/** `{{name}}` in a template; names are letters and digits. */
const PLACEHOLDER = /\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

/**
 * What a plain (not token) value may contain. Templates put values inside single-quoted shell
 * strings and PHP literals, so quotes, backslashes, `$` and newlines are refused rather than
 * escaped for each language.
 */
const SAFE_VALUE = /^[A-Za-z0-9._:/@+=,!-]*$/;

/** A string token as CDKTF encodes it inside a string; the capture keeps it when splitting. */
const STRING_TOKEN = /(\$\{TfToken\[[A-Za-z0-9:._-]+\]\})/;

/** Values for a template's placeholders, by name. Values may be Terraform tokens. */
export type TemplateValues = Readonly<Record<string, string>>;

/** Reads a template shipped in `templates/`. */
export function readTemplate(fileName: string): string {
  return fs.readFileSync(packageFile('templates', fileName), 'utf8');
}

/** The placeholder names a template uses, each once, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

function checkValues(template: string, values: TemplateValues, templateName: string): void {
  const used = placeholdersOf(template);
  const missing = used.filter((name) => !(name in values));
  if (missing.length > 0) {
    throw new WebStackError(
      `${templateName}: no value for placeholder ${missing.map((m) => `{{${m}}}`).join(', ')}; pass every placeholder the template uses`,
    );
  }
  const unused = Object.keys(values).filter((name) => !used.includes(name));
  if (unused.length > 0) {
    throw new WebStackError(
      `${templateName}: value ${unused.map((u) => JSON.stringify(u)).join(', ')} matches no placeholder; the template uses ${used.join(', ')}`,
    );
  }
  for (const [name, value] of Object.entries(values)) {
    if (!Token.isUnresolved(value) && !SAFE_VALUE.test(value)) {
      throw new WebStackError(
        `${templateName}: ${name} ${JSON.stringify(value)} contains characters that would need quoting; use letters, digits and . _ : / @ + = , ! - only`,
      );
    }
  }
}

/**
 * Splits a template into literal text and placeholder values, in order. Values are looked up
 * in `values`, which `checkValues` has already verified.
 */
function splitTemplate(template: string, values: TemplateValues): Array<{ literal: string } | { value: string }> {
  const parts: Array<{ literal: string } | { value: string }> = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push({ literal: template.slice(last, match.index) });
    parts.push({ value: values[match[1]] });
    last = match.index + match[0].length;
  }
  parts.push({ literal: template.slice(last) });
  return parts;
}

/**
 * Fills a template with plain values. Used by tests and anywhere the text itself is needed;
 * Terraform resources take `renderTemplateForTerraform`.
 */
export function renderTemplate(template: string, values: TemplateValues, templateName = 'template'): string {
  checkValues(template, values, templateName);
  for (const [name, value] of Object.entries(values)) {
    if (Token.isUnresolved(value)) {
      throw new WebStackError(
        `${templateName}: ${name} is a Terraform token; renderTemplate needs plain values, use renderTemplateForTerraform`,
      );
    }
  }
  return splitTemplate(template, values)
    .map((part) => ('literal' in part ? part.literal : part.value))
    .join('');
}

/**
 * Escapes text for a Terraform string literal beyond what `Fn.rawString` does (it escapes
 * newlines, double quotes and `${`, but leaves backslashes, tabs and `%{` directives alone).
 */
function escapeForTerraform(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/%\{/g, '%%{');
}

/**
 * Fills a template with values that may be Terraform tokens (a database address, a secret
 * ARN) and returns the result base64-encoded by Terraform, as `user_data` expects. The
 * template's own text reaches the instance byte for byte: shell `${var}` and `%{` are escaped
 * so Terraform does not read them as interpolations. With `gzip`, Terraform compresses it first
 * (`base64gzip`), which cloud-init recognizes and decompresses; EC2's 16 KB limit then counts
 * the compressed bytes.
 */
export function renderTemplateBase64ForTerraform(
  template: string,
  values: TemplateValues,
  templateName = 'template',
  options: { gzip?: boolean } = {},
): string {
  checkValues(template, values, templateName);
  const parts = splitTemplate(template, values)
    .map((part) => ('literal' in part ? part.literal : part.value))
    // A value such as `http://${dnsName}` mixes text and a token; as one join argument CDKTF
    // warns about escape sequences, so its text and its tokens become separate arguments.
    .flatMap((text) => (Token.isUnresolved(text) ? text.split(STRING_TOKEN) : [text]))
    .filter((text) => text !== '')
    .map((text) => (Token.isUnresolved(text) ? text : Fn.rawString(escapeForTerraform(text))));
  return options.gzip ? Fn.base64gzip(Fn.join('', parts)) : Fn.base64encode(Fn.join('', parts));
}
