// The generated parts of docs/policy-rules.md: the rule table (from the pack) and the list of the
// project's suppressions (from the project's stacks, every environment).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { buildApp } from '../../main';
import { projectSuppressions, renderPolicyDocs } from '../../policy/docs';
import { webStackRulePack } from '../../policy/web-stack-pack';
import { GeneratedFile } from './generated-file';

export const POLICY_RULES_FILE = 'docs/policy-rules.md';

/** The project's stacks, every environment, built (not synthesized) into a throwaway directory. */
export function projectStacks(): TerraformStack[] {
  const app = buildApp(loadConfig(config), fs.mkdtempSync(path.join(os.tmpdir(), 'policy-docs-')));
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

export function policyDocsFiles(root: string): GeneratedFile[] {
  const current = fs.readFileSync(path.join(root, POLICY_RULES_FILE), 'utf8');
  return [{ path: POLICY_RULES_FILE, content: renderPolicyDocs(current, webStackRulePack, projectSuppressions(projectStacks())) }];
}
