// esbuild's output, made to behave like the unbundled app in one respect: class names. This
// changes no dependency's code, only esbuild's renaming of it (app-bundle.js runs it on the bundle).
'use strict';

/**
 * esbuild writes a class whose body names itself (`class App { static of() { ... App ... } }`)
 * as `App=class _App{...}`, so `App.name` is "_App"; constructs and zod quote class names in
 * error messages. esbuild's keepNames would fix that by calling Object.defineProperty for every
 * function and class, including functions created on every call (cdktf's resolve() makes one per
 * value), which costs more than everything else it renames. So the bundle keeps identifiers as
 * written (no minified names) and only these classes get their name back, in a static block.
 */
function restoreClassNames(code) {
  const pattern = /\b([A-Za-z_$][\w$]*)\s*=\s*class\s+_\1\b/g;
  let result = '';
  let copied = 0;
  for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
    const body = classBodyStart(code, pattern.lastIndex);
    result += `${code.slice(copied, body + 1)}static{Object.defineProperty(this,"name",{value:${JSON.stringify(match[1])},configurable:!0})}`;
    copied = body + 1;
    pattern.lastIndex = copied;
  }
  return result + code.slice(copied);
}

/** Index of the `{` opening the class body that follows `class _Name` (after any `extends` expression). */
function classBodyStart(code, from) {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '{' && depth === 0) return i;
    else if (c === '"' || c === "'" || c === '`')
      throw new Error(`unexpected string in a class heritage at ${i}; update restoreClassNames`);
  }
  throw new Error(`no class body after offset ${from}`);
}

module.exports = { restoreClassNames };
