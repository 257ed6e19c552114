// A jest transformer for two cdktf files (jest.config.js), so that a test file pays only for the
// cdktf work it uses. Both patches defer work and change no result:
//
// - Every token cdktf creates records a full stack trace of its creation, to quote it if the
//   token later fails to resolve. Inside jest, reading a trace runs jest's source-map formatter
//   over every frame, and that was a third of the CPU time of a construct's unit test. Here the
//   trace is still captured when the token is made (the same frames), but formatted into lines only
//   when someone reads `creationStack`: an error message, in practice never.
// - archiver (with a dozen packages under it) serves only cdktf's ARCHIVE assets; the app bundle's
//   patch (scripts/app-bundle-patches.js) loads it on first use instead of with cdktf.
//
// A patch whose text is no longer in the installed cdktf fails the transform, so every test that
// loads cdktf fails and names this file.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const { CDKTF_PATCHES, patchedSource } = require('../../scripts/app-bundle-patches');

/** The deferred creation stack: `replace` and `append` as in CDKTF_PATCHES. */
const LAZY_STACK_TRACE = {
  file: 'tokens/private/stack-trace.js',
  replace: [
    [
      '    if (!object.stack) {\n        return [];\n    }\n    return object.stack\n        .split("\\n")\n        .slice(1)\n        .map((s) => s.replace(/^\\s*at\\s+/, ""));\n',
      '    return lazyStackLines(object);\n',
    ],
  ],
  append: `
// Added by __tests__/support/cdktf-transform.js: an array that fills itself from the captured
// trace the first time anything looks at it, with the lines cdktf's own code would have made.
const unformattedStacks = new WeakMap();
function stackLines(lines) {
    const object = unformattedStacks.get(lines);
    if (object !== undefined) {
        unformattedStacks.delete(lines);
        if (object.stack) {
            lines.push(...object.stack.split("\\n").slice(1).map((s) => s.replace(/^\\s*at\\s+/, "")));
        }
    }
    return lines;
}
const fillingHandler = {};
for (const trap of ["defineProperty", "deleteProperty", "get", "getOwnPropertyDescriptor", "getPrototypeOf", "has",
    "isExtensible", "ownKeys", "preventExtensions", "set", "setPrototypeOf"]) {
    const reflect = Reflect[trap];
    fillingHandler[trap] = (target, ...args) => reflect(stackLines(target), ...args);
}
function lazyStackLines(object) {
    const lines = [];
    unformattedStacks.set(lines, object);
    return new Proxy(lines, fillingHandler);
}
`,
};

const LAZY_ARCHIVER = CDKTF_PATCHES.find((patch) => patch.file === 'private/fs.js');
const PATCHES = [LAZY_STACK_TRACE, LAZY_ARCHIVER];

/** The patch for `sourcePath`, or undefined when the file is not one this transformer changes. */
function patchFor(sourcePath) {
  const normalized = sourcePath.replace(/\\/g, '/');
  return PATCHES.find((patch) => normalized.endsWith(`/cdktf/lib/${patch.file}`));
}

// jest keeps transformed files in its cache; a change to the patches must miss it.
const PATCH_SOURCES = [__filename, require.resolve('../../scripts/app-bundle-patches')].map((file) => fs.readFileSync(file));

module.exports = {
  PATCHES,
  patchFor,
  process(sourceText, sourcePath) {
    const patch = patchFor(sourcePath);
    if (!patch) throw new Error(`cdktf-transform.js has no patch for ${sourcePath}; see the transform patterns in jest.config.js`);
    try {
      return { code: patchedSource(patch, sourcePath, sourceText) };
    } catch (error) {
      // patchedSource names the app bundle's file; the stack trace patch lives here.
      const where = patch === LAZY_STACK_TRACE ? '__tests__/support/cdktf-transform.js' : 'scripts/app-bundle-patches.js';
      throw new Error(`${error.message.replace(/; update .*$/, '')}; update ${where} for this cdktf version`, { cause: error });
    }
  },
  getCacheKey(sourceText, sourcePath) {
    const hash = crypto.createHash('sha256');
    for (const part of [...PATCH_SOURCES, sourcePath, sourceText]) hash.update(part).update('\0');
    return hash.digest('hex');
  },
};
