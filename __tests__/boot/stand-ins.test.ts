import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const STAND_INS = path.join(__dirname, 'stand-ins');

describe('boot test stand-ins', () => {
  test('every shell stand-in passes shellcheck with no findings', () => {
    // GIVEN the stand-ins written in bash (aws-edges.js is linted by ESLint; al2023/ holds configuration files)
    const scripts = fs
      .readdirSync(STAND_INS, { withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.js'))
      .map((entry) => entry.name);
    expect(scripts.sort()).toEqual(['amazon-cloudwatch-agent-ctl', 'aws', 'dnf', 'mount.efs', 'systemctl']);
    // WHEN shellcheck reads them THEN it finds nothing
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', ...scripts.map((name) => path.join(STAND_INS, name))], {
      encoding: 'utf8',
    });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});
