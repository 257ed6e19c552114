import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { config } from '../../config/environments';
import { loadConfig } from '../../config/load';
import { buildApp } from '../../main';
import {
  projectSuppressions,
  replaceBetween,
  RULE_TABLE_MARKERS,
  ruleReferenceMarkdown,
  SUPPRESSION_LIST_MARKERS,
  suppressionListMarkdown,
  textBetween,
} from '../../policy/docs';
import { PolicyPack } from '../../policy/pack';
import { webStackRulePack, webStackRules } from '../../policy/web-stack-pack';
import { WebStackError } from '../../core/errors';
import { suppress } from '../../core/suppressions';

const ROOT = path.join(__dirname, '..', '..');
const reference = () => fs.readFileSync(path.join(ROOT, 'docs', 'policy-rules.md'), 'utf8');

function projectStacks(): TerraformStack[] {
  const app = buildApp(loadConfig(config), fs.mkdtempSync(path.join(os.tmpdir(), 'policy-docs-')));
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

const REGENERATE = 'regenerate with `npm run docs`';

describe('rule documentation', () => {
  test(`docs/policy-rules.md's rule table matches the pack (${REGENERATE})`, () => {
    expect(textBetween(reference(), RULE_TABLE_MARKERS)).toBe(ruleReferenceMarkdown(webStackRulePack));
  });

  test(`docs/policy-rules.md's suppression list matches the project's stacks (${REGENERATE})`, () => {
    expect(textBetween(reference(), SUPPRESSION_LIST_MARKERS)).toBe(suppressionListMarkdown(projectSuppressions(projectStacks())));
  });

  test('the rule table has a row per rule with its severity, why, fix and equivalents', () => {
    const table = ruleReferenceMarkdown(webStackRulePack);
    expect(table).toContain('| `WS-EFS-1` | error | EFS file systems are encrypted at rest. |');
    expect(table).toContain('| CKV_AWS_42 | AVD-AWS-0037 |');
    expect(table).toContain('| `WS-SUPPRESS-2` | warning |');
    expect(table.split('\n')).toHaveLength(webStackRules.length + 3 + 2);
  });

  test('suppressions are listed by rule and path in code-unit order, whatever the locale', () => {
    // GIVEN paths a locale's collation orders otherwise ("a" before "B", "_" before "-")
    const stack = new TerraformStack(Testing.app(), 'stack');
    for (const id of ['site_b', 'site-b', 'alpha', 'Beta']) {
      suppress(new Construct(stack, id), 'WS-S3-1', 'public website hosting by design');
    }
    // THEN the list follows the UTF-16 code units of the paths, on every machine
    expect(projectSuppressions([stack]).map((s) => s.path)).toEqual(['Beta', 'alpha', 'site-b', 'site_b']);
  });

  test('replaceBetween keeps the markers and throws when they are missing', () => {
    expect(replaceBetween('a <!-- s -->old<!-- e --> b', ['<!-- s -->', '<!-- e -->'], 'new')).toBe('a <!-- s -->\nnew\n<!-- e --> b');
    expect(() => replaceBetween('no markers', ['<!-- s -->', '<!-- e -->'], 'x')).toThrow(/markers <!-- s --> \.\.\. <!-- e --> not found/);
  });
});

describe('the pack', () => {
  test('has at least 25 rules, each with a description, a reason and a fix', () => {
    expect(webStackRules.length).toBeGreaterThanOrEqual(25);
    for (const rule of webStackRules) {
      expect([rule.id, rule.description.length > 10, rule.why.length > 10, rule.fix.length > 10]).toEqual([rule.id, true, true, true]);
    }
  });

  test('rejects a malformed or duplicate rule ID', () => {
    const [first] = webStackRules;
    expect(() => new PolicyPack([{ ...first, id: 'S3-1' }])).toThrow(WebStackError);
    expect(() => new PolicyPack([{ ...first, id: 'S3-1' }])).toThrow(
      /policy rule ID "S3-1" \(S3BucketPublicAccessBlock\): use the form WS-<SERVICE>-<number>/,
    );
    expect(() => new PolicyPack([first, first])).toThrow(/policy rule ID "WS-S3-1" \(S3BucketPublicAccessBlock\) is used twice/);
    expect(() => new PolicyPack([{ ...first, id: 'WS-SUPPRESS-1' }])).toThrow(/is used twice/);
  });
});

test('every rule of the pack is exercised by name in the rule tests', () => {
  const dir = path.join(__dirname, 'rules');
  const tests = fs
    .readdirSync(dir)
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
  const untested = webStackRules.map((r) => r.id).filter((id) => !tests.includes(`'${id}`) && !tests.includes(`${id}:`));
  expect(untested).toEqual([]);
});
