import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../scripts/addresses';

// A root with the app's list but no examples: the script synthesizes the real app and compiles
// nothing (examples.plan.test.ts compiles examples/ itself, and two compilers must not share examples/dist).
function rootWith(list?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'addresses-'));
  fs.mkdirSync(path.join(root, 'examples'));
  if (list !== undefined) {
    fs.mkdirSync(path.join(root, '__tests__', 'snapshots'), { recursive: true });
    fs.writeFileSync(path.join(root, '__tests__', 'snapshots', 'addresses.json'), list);
  }
  return root;
}

function captured(): { out: () => string; restore: () => void } {
  let text = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    text += String(chunk);
    return true;
  });
  return { out: () => text, restore: () => spy.mockRestore() };
}

describe('npm run snapshot:addresses', () => {
  const real = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'snapshots', 'addresses.json'), 'utf8'));
  const { '//': _comment, ...programs } = real;
  const appOnly = `${JSON.stringify({ '//': real['//'], app: programs.app }, null, 2)}\n`;

  test('writes the list when there is none, and then finds it current', async () => {
    const root = rootWith();
    const output = captured();
    try {
      expect(await main([], root)).toBe(0);
      expect(fs.readFileSync(path.join(root, '__tests__', 'snapshots', 'addresses.json'), 'utf8')).toBe(appOnly);
      expect(await main(['--check'], root)).toBe(0);
      expect(output.out()).toContain('every address is unchanged');
    } finally {
      output.restore();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  test('--check on a stale list exits 1, says which stateful resource moved, and writes nothing', async () => {
    // GIVEN a list in which the dev database still had another address
    const stale = appOnly.replace(/aws_db_instance\.wordpress_database_BB64F299/g, 'aws_db_instance.wordpress_old-database_00000000');
    const root = rootWith(stale);
    const output = captured();
    try {
      expect(await main(['--check'], root)).toBe(1);
      expect(output.out()).toContain(
        'aws_db_instance.wordpress_old-database_00000000 (dev/wordpress/database/Resource)\n      now likely aws_db_instance.wordpress_database_BB64F299',
      );
      expect(fs.readFileSync(path.join(root, '__tests__', 'snapshots', 'addresses.json'), 'utf8')).toBe(stale);
    } finally {
      output.restore();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  test('an unknown option is one paragraph with the usage, exit 2, nothing written', async () => {
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const root = rootWith();
      expect(await main(['--frobnicate'], root)).toBe(2);
      expect(String(errors.mock.calls[0][0])).toMatch(/Unknown option '--frobnicate'.*Usage: npm run snapshot:addresses/);
      expect(fs.existsSync(path.join(root, '__tests__'))).toBe(false);
    } finally {
      errors.mockRestore();
    }
  });
});
