import * as fs from 'fs';
import * as path from 'path';
import { packageFile } from '../../core/package-file';

const root = path.resolve(__dirname, '..', '..');

describe('packageFile', () => {
  test('resolves a file that ships with the package from its root', () => {
    expect(packageFile('templates', 'wordpress-user-data.sh')).toBe(path.join(root, 'templates', 'wordpress-user-data.sh'));
  });

  test('the compiled copy resolves to the same root', () => {
    // GIVEN the compiled module (npm test brings dist/ up to date first)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiled = require(path.join(root, 'dist', 'core', 'package-file.js')) as { packageFile: typeof packageFile };
    // THEN it finds the package's own files, not a folder of dist/
    expect(compiled.packageFile('functions')).toBe(path.join(root, 'functions'));
    expect(fs.existsSync(path.join(root, 'dist', 'package.json'))).toBe(false);
  });

  test('a file the package does not ship is an error naming it and where it looked', () => {
    expect(() => packageFile('templates', 'missing.sh')).toThrow(
      `templates/missing.sh not found in the package (looked in ${path.join(root, 'templates', 'missing.sh')})`,
    );
  });
});
