import * as vm from 'vm';

// Plain JavaScript, run by the bundler before anything is compiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { restoreClassNames } = require('../../scripts/app-bundle-names') as { restoreClassNames(code: string): string };

describe('restoreClassNames', () => {
  test('gives a class esbuild renamed inside its own body its name back, heritage and all', () => {
    const code = restoreClassNames(
      'var Base=class{};var App=class _App extends (0,Object)(Base){static of(){return _App}};var Plain=class{};exports.names=[App.name,App.of().name,Plain.name];',
    );
    const module = { exports: {} as { names?: string[] } };
    new vm.Script(`(function(exports){${code}})`).runInThisContext()(module.exports);
    expect(module.exports.names).toEqual(['App', 'App', 'Plain']);
  });

  test('leaves code without such classes as it is', () => {
    const code = 'var A=class{};var B=class extends A{};function _C(){}';
    expect(restoreClassNames(code)).toBe(code);
  });
});
