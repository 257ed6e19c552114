import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { config } from '../config/environments';
import { loadConfig } from '../config/load';
import { buildApp } from '../main';
import { projectSuppressions, renderPolicyDocs } from '../policy/docs';
import { webStackRulePack } from '../policy/web-stack-pack';

const ROOT =
  [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((dir) => fs.existsSync(path.join(dir, 'README.md'))) ??
  process.cwd();

/**
 * Regenerates the rule table and the suppression list in README.md and the full table in
 * docs/policy-rules.md from the pack and the project's stacks (all environments).
 * Run after adding a rule or a suppression: `npm run build && node dist/scripts/policy-docs.js`.
 */
export function main(): void {
  const app = buildApp(loadConfig(config), fs.mkdtempSync(path.join(os.tmpdir(), 'policy-docs-')));
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  const readmePath = path.join(ROOT, 'README.md');
  const referencePath = path.join(ROOT, 'docs', 'policy-rules.md');
  const reference = fs.existsSync(referencePath) ? fs.readFileSync(referencePath, 'utf8') : undefined;
  const next = renderPolicyDocs(fs.readFileSync(readmePath, 'utf8'), reference, webStackRulePack, projectSuppressions(stacks));
  fs.writeFileSync(readmePath, next.readme);
  fs.mkdirSync(path.dirname(referencePath), { recursive: true });
  fs.writeFileSync(referencePath, next.reference);
}

if (require.main === module) {
  main();
}
