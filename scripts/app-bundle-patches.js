// What the app command's bundle (app-bundle.js) changes in cdktf on its way in, and why. Each
// patch keeps what the app writes byte for byte (a test compares the bundled and unbundled app's
// output); it only takes work out of a synth. cdktf is pinned, so the patched text is known:
// a patch whose text is no longer found fails the bundle build (the app then runs unbundled and
// says so), and a test checks every patch still applies to the installed cdktf.
'use strict';
const fs = require('fs');

const CDKTF_LIB = String.raw`[\\/]cdktf[\\/]lib[\\/]`;

/**
 * The cdktf files the bundle changes: for each, the text to find and what replaces it. `append`
 * is added at the end of the file.
 */
const CDKTF_PATCHES = [
  {
    // cdktf records a full stack trace for every token it creates (about 10 % of a synth), only
    // to quote it if that token later fails to resolve. The app command reports errors as one
    // paragraph without stack traces, so its bundle records none; tests and the library keep them.
    file: 'tokens/private/stack-trace.js',
    whole: 'exports.captureStackTrace = function captureStackTrace() { return []; };',
  },
  {
    // cdktf's resolve() walks every value of every resource once to prepare the stack and again to
    // write it, and for each key and each value, token or not, it builds a resolution context (two
    // closures, a copied options object and a longer path array) before it looks at the value.
    // Most values are plain strings, numbers and booleans that resolve to themselves: they are
    // returned as they are, before any context is built. What counts as plain is exactly what
    // resolve() would return unchanged (no token marker, no encoded number, not a map-token
    // value), and only where resolve() would not throw for depth. About a tenth of the app command.
    file: 'tokens/private/resolve.js',
    replace: [
      [
        'function resolve(obj, options) {\n    const prefix = options.prefix || [];\n',
        'function resolve(obj, options) {\n    const prefix = options.prefix || [];\n    if (prefix.length <= 200 && isPlainLeaf(obj)) {\n        return obj;\n    }\n',
      ],
      [
        '.map((x, i) => makeContext(`${i}`)[0].resolve(x))',
        '.map((x, i) => (prefix.length < 200 && isPlainLeaf(x) ? x : makeContext(`${i}`)[0].resolve(x)))',
      ],
      ['const resolvedKey = makeContext()[0].resolve(key);', 'const resolvedKey = isPlainLeaf(key) ? key : makeContext()[0].resolve(key);'],
      [
        'const value = makeContext(key)[0].resolve(obj[key]);',
        'const child = obj[key];\n        const value = prefix.length < 200 && isPlainLeaf(child) ? child : makeContext(key)[0].resolve(child);',
      ],
    ],
    append: `
// Added by scripts/app-bundle-patches.js: true for a value resolve() returns unchanged.
// Encoded tokens contain "{TfToken[" (strings) or are doubles beyond +-1e280 (numbers).
const NUMBER_TOKEN_TEST = /[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)/;
function isPlainLeaf(x) {
    switch (typeof x) {
        case "undefined":
        case "boolean":
            return true;
        case "number":
            return x > -1e280 && x < 1e280 && x !== token_1.Token.NUMBER_MAP_TOKEN_VALUE;
        case "string":
            return (x.indexOf("{TfToken[") === -1 &&
                x !== token_1.Token.STRING_MAP_TOKEN_VALUE &&
                x !== token_1.Token.ANY_MAP_TOKEN_VALUE &&
                !NUMBER_TOKEN_TEST.test(x));
        default:
            return false;
    }
}
`,
  },
  {
    // archiver (and graceful-fs, glob, readable-stream and a dozen more under it) serves only
    // cdktf's ARCHIVE assets, when this file runs as its own process; the project zips its
    // bundles in the process instead. Loaded on first use, it costs the app nothing.
    file: 'private/fs.js',
    replace: [['const archiver = require("archiver");', 'const archiver = (...args) => require("archiver")(...args);']],
  },
];

/**
 * The patched text of `file` (a path ending in one of CDKTF_PATCHES' files), whose text is
 * `source` when the caller has read it already; throws when a patch no longer applies.
 */
function patchedSource(patch, file, text) {
  if (patch.whole !== undefined) return patch.whole;
  let source = text ?? fs.readFileSync(file, 'utf8');
  for (const [from, to] of patch.replace) {
    if (!source.includes(from)) {
      throw new Error(
        `${file} no longer contains the text the app bundle patches (${JSON.stringify(from.slice(0, 60))}...); update scripts/app-bundle-patches.js for this cdktf version`,
      );
    }
    source = source.replace(from, () => to);
  }
  return source + (patch.append ?? '');
}

/** The esbuild plugin that applies CDKTF_PATCHES. */
const cdktfPatches = {
  name: 'cdktf-patches',
  setup(build) {
    for (const patch of CDKTF_PATCHES) {
      const filter = new RegExp(`${CDKTF_LIB}${patch.file.replace(/[./]/g, (c) => (c === '.' ? '\\.' : String.raw`[\\/]`))}$`);
      build.onLoad({ filter }, (args) => ({ contents: patchedSource(patch, args.path), loader: 'js' }));
    }
  },
};

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

module.exports = { CDKTF_PATCHES, cdktfPatches, patchedSource, restoreClassNames };
