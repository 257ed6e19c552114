import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findRuntimeProblem, solutionStackNameRegex } from '../../constructs/beanstalk-platform';
import { OFFLINE_PROVIDER_SETTINGS, offlineEnvironment } from '../../harness/offline-plan';
import { findProviderMirror } from '../../harness/provider-mirror';
import { runTerraform } from '../../harness/terraform-cli';
import { startBeanstalkApi } from '../support/beanstalk-api';

/** Real platform names from the Beanstalk platform history, newest first as the API lists them. */
const PLATFORMS = [
  '64bit Amazon Linux 2023 v6.6.3 running Node.js 22',
  '64bit Amazon Linux 2023 v6.6.3 running Node.js 20',
  '64bit Amazon Linux 2023 v4.6.0 running Python 3.13',
  '64bit Amazon Linux 2023 v4.6.0 running Python 3.12',
  '64bit Amazon Linux 2023 v4.7.1 running Docker',
  '64bit Amazon Linux 2023 v4.7.0 running PHP 8.4',
  '64bit Amazon Linux 2 v5.10.3 running Node.js 18',
  '64bit Amazon Linux 2 v3.8.4 running Python 3.8',
  '64bit Amazon Linux 2023 v6.5.1 running Node.js 22',
  '64bit Amazon Linux 2023 v6.1.0 running Node.js 22',
  '64bit Amazon Linux 2023 v4.3.2 running Python 3.12',
  '64bit Amazon Linux 2023 v4.4.0 running Python 3.13',
  '64bit Windows Server 2022 v2.15.0 running IIS 10.0',
];

function matching(runtime: string): string[] {
  const regex = new RegExp(solutionStackNameRegex(runtime));
  return PLATFORMS.filter((name) => regex.test(name));
}

describe('Beanstalk platform lookup', () => {
  test('the Node.js 22 regex matches every Amazon Linux 2023 Node.js 22 version and nothing else', () => {
    expect(matching('Node.js 22')).toEqual([
      '64bit Amazon Linux 2023 v6.6.3 running Node.js 22',
      '64bit Amazon Linux 2023 v6.5.1 running Node.js 22',
      '64bit Amazon Linux 2023 v6.1.0 running Node.js 22',
    ]);
  });

  test('Python 3.12 and 3.13 are told apart; Amazon Linux 2 and other families never match', () => {
    expect(matching('Python 3.13')).toEqual([
      '64bit Amazon Linux 2023 v4.6.0 running Python 3.13',
      '64bit Amazon Linux 2023 v4.4.0 running Python 3.13',
    ]);
    expect(matching('Python 3.12')).toEqual([
      '64bit Amazon Linux 2023 v4.6.0 running Python 3.12',
      '64bit Amazon Linux 2023 v4.3.2 running Python 3.12',
    ]);
    expect(matching('Node.js 18')).toEqual([]);
    expect(matching('Python 3.8')).toEqual([]);
    // The dot is literal: "Node.js 22" must not match "Nodexjs 22".
    expect(new RegExp(solutionStackNameRegex('Node.js 22')).test('64bit Amazon Linux 2023 v6.6.3 running Nodexjs 22')).toBe(false);
  });

  test('a runtime that is not a family name is refused with the fix', () => {
    expect(findRuntimeProblem('Node.js 22')).toBeUndefined();
    expect(findRuntimeProblem('node|python')).toMatch(/use the part after "running", such as "Node\.js 22"/);
  });

  test('the AWS provider, asked through a loopback Beanstalk API, picks the newest platform of the family', async () => {
    const api = await startBeanstalkApi(PLATFORMS);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beanstalk-platform-'));
    try {
      const lookups = { node22: 'Node.js 22', python313: 'Python 3.13' };
      fs.writeFileSync(
        path.join(workDir, 'main.tf.json'),
        JSON.stringify({
          terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
          provider: { aws: [{ region: 'eu-west-1', ...OFFLINE_PROVIDER_SETTINGS, endpoints: [{ elasticbeanstalk: api.endpoint }] }] },
          data: {
            aws_elastic_beanstalk_solution_stack: Object.fromEntries(
              Object.entries(lookups).map(([key, runtime]) => [key, { name_regex: solutionStackNameRegex(runtime), most_recent: true }]),
            ),
          },
          output: Object.fromEntries(
            Object.keys(lookups).map((key) => [key, { value: `\${data.aws_elastic_beanstalk_solution_stack.${key}.name}` }]),
          ),
        }),
      );
      const env = offlineEnvironment(workDir, findProviderMirror());
      await runTerraform(['init', '-input=false', '-no-color'], { cwd: workDir, env });
      await runTerraform(['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: workDir, env });
      const { stdout } = await runTerraform(['output', '-json'], { cwd: workDir, env });
      const outputs = JSON.parse(stdout) as Record<string, { value: string }>;
      expect({ node22: outputs.node22.value, python313: outputs.python313.value }).toEqual({
        node22: '64bit Amazon Linux 2023 v6.6.3 running Node.js 22',
        python313: '64bit Amazon Linux 2023 v4.6.0 running Python 3.13',
      });
      expect(new Set(api.actions)).toEqual(new Set(['ListAvailableSolutionStacks']));
    } finally {
      await api.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }, 300_000);
});
