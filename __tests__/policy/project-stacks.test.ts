import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, TerraformStack } from 'cdktf';
import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { buildApp } from '../../main';
import { Finding } from '../../policy/engine';
import { enablePolicyChecks, PolicyChecks } from '../../policy/policy-checks';
import { REPORT_FILE } from '../../policy/report';
import { projectSuppressions } from '../../policy/docs';
import { WebsiteBucket } from '../../constructs/website-bucket';
import { checkStack, openOf } from './support';

function stacksOf(app: App): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/** The project's app, every environment, with the pack applied to every stack. */
function checkedProject(outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-project-'))): {
  app: App;
  checks: Map<TerraformStack, PolicyChecks>;
} {
  const app = buildApp(loadConfig(config), outdir);
  const checks = new Map(stacksOf(app).map((stack) => [stack, enablePolicyChecks(stack)]));
  return { app, checks };
}

function describeFinding(f: Finding): string {
  return `${f.severity} ${f.constructPath ?? ''}\n    ${f.message}`;
}

describe("the project's own stacks", () => {
  test('every stack of every environment has zero unsuppressed errors', () => {
    const { checks } = checkedProject();
    const errors: string[] = [];
    for (const [stack, pack] of checks) {
      Testing.synth(stack);
      for (const f of pack.resultOf(stack)?.findings ?? []) {
        if (!f.suppressedBy && f.severity === 'error') errors.push(describeFinding(f));
      }
    }
    expect(errors).toEqual([]);
  });

  test('the whole app synthesizes with the pack on, writing a report beside every stack', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-project-'));
    const { app, checks } = checkedProject(outdir);
    expect(() => app.synth()).not.toThrow();
    for (const stack of checks.keys()) {
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, REPORT_FILE), 'utf8'));
      expect(report.summary.errors).toBe(0);
    }
  });

  test('docs/policy-rules.md lists every rule ID and every suppression of the project with its reason', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'policy-rules.md'), 'utf8');
    const { checks } = checkedProject();
    const pack = [...checks.values()][0].pack;
    for (const rule of pack.ruleDocs) expect(readme).toContain(`\`${rule.id}\``);
    for (const s of projectSuppressions([...checks.keys()])) {
      expect(readme).toContain(`\`${s.ruleId}\``);
      expect(readme).toContain(s.reason);
    }
  });

  test('the website bucket is excused only where public S3 website hosting is chosen', () => {
    const publicSite = checkStack(
      (stack) =>
        new WebsiteBucket(stack, 'site', {
          bucketName: 'www.example.com',
          access: 'public-read',
          website: { indexDocument: 'index.html' },
        }),
    );
    expect(
      publicSite.findings
        .filter((f) => f.suppressedBy)
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['WS-S3-1', 'WS-S3-4', 'WS-S3-7']);
    expect(publicSite.open.filter((f) => f.severity === 'error')).toEqual([]);
    const privateSite = checkStack((stack) => new WebsiteBucket(stack, 'site', { bucketName: 'www.example.com', access: 'private' }));
    expect(privateSite.findings.filter((f) => f.suppressedBy)).toEqual([]);
    for (const id of ['WS-S3-1', 'WS-S3-4', 'WS-S3-7']) expect(openOf(privateSite, id)).toEqual([]);
  });
});
