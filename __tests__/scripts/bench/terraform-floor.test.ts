import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareTerraformFloor } from '../../../scripts/bench/terraform-floor';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the terraform floor of the offline plan row', () => {
  test('runs init, plan and show in workspaces that all lie in the one folder the bench removes afterwards', () => {
    const floor = prepareTerraformFloor('dev', ROOT);
    try {
      const script = floor.command.args.join(' ');
      const workspaces = [...script.matchAll(/cd ("[^"]+")/g)].map((match) => JSON.parse(match[1]) as string);
      // dev and dev-website, each prepared with the offline override before any run.
      expect(workspaces.map((dir) => path.basename(dir)).sort()).toEqual(['dev', 'dev-website']);
      for (const dir of workspaces) {
        expect(path.relative(floor.workDir, dir)).not.toMatch(/^\.\./);
        expect(fs.readdirSync(dir).some((name) => name.endsWith('.tf.json'))).toBe(true);
      }
      expect(script).toMatch(/terraform init .*terraform plan -refresh=false .*terraform show -json/);
    } finally {
      fs.rmSync(floor.workDir, { recursive: true, force: true });
    }
    expect(fs.existsSync(floor.workDir)).toBe(false);
  });

  test('a floor that cannot be prepared throws and leaves no folder behind', () => {
    const floors = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('bench-terraform-floor-'));
    const before = floors();
    expect(() => prepareTerraformFloor('no-such-environment', ROOT)).toThrow(/no-such-environment/);
    expect(floors()).toEqual(before);
  });
});
