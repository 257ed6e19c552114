import { TerraformOutput } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { WebStackError } from '../../../core/errors';
import { placeholdersOf, renderTemplate, renderTemplateBase64ForTerraform } from '../../../constructs/private/render-template';
import { synthStack } from '../../support/synth';

describe('renderTemplate', () => {
  test('replaces every placeholder and leaves shell syntax alone', () => {
    const text = renderTemplate("A='{{first}}' B=\"${HOME}\" C='{{second}}' D='{{first}}'\n", { first: 'one', second: 'fs-123' });
    expect(text).toBe("A='one' B=\"${HOME}\" C='fs-123' D='one'\n");
  });

  test('lists placeholders once each, in order of first use', () => {
    expect(placeholdersOf('{{b}} {{a}} {{b}}')).toEqual(['b', 'a']);
  });

  test('a placeholder without a value is an error naming it', () => {
    expect(() => renderTemplate('{{missing}} {{there}}', { there: 'x' }, 'boot.sh')).toThrow(WebStackError);
    expect(() => renderTemplate('{{missing}} {{there}}', { there: 'x' }, 'boot.sh')).toThrow(
      /boot\.sh: no value for placeholder \{\{missing\}\}/,
    );
  });

  test('a value that matches no placeholder is an error naming it', () => {
    expect(() => renderTemplate('{{a}}', { a: 'x', typo: 'y' })).toThrow(/value "typo" matches no placeholder/);
  });

  test('a value with a quote, a dollar sign or a newline is refused', () => {
    for (const bad of ["it's", 'a$b', 'a\nb', 'a"b', 'a\\b', 'a b']) {
      expect(() => renderTemplate("X='{{a}}'", { a: bad })).toThrow(/a ".*" contains characters that would need quoting/s);
    }
  });

  test('a Terraform token cannot be rendered as plain text', () => {
    synthStack((stack) => {
      const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
      expect(() => renderTemplate('{{a}}', { a: vpc.id })).toThrow(/a is a Terraform token/);
    });
  });
});

describe('renderTemplateBase64ForTerraform', () => {
  test('escapes shell interpolation, directives and backslashes, and interpolates tokens', () => {
    const json = synthStack((stack) => {
      const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
      new TerraformOutput(stack, 'script', {
        value: renderTemplateBase64ForTerraform('echo "${HOME}" %{x} \\n\nID=\'{{vpcId}}\'\n', { vpcId: vpc.id }),
      });
    });
    const expression: string = json.output.script.value;
    expect(expression.startsWith('${base64encode(join("", [')).toBe(true);
    expect(expression).toContain('$${HOME}');
    expect(expression).toContain('%%{x}');
    expect(expression).toContain('\\\\n');
    expect(expression).toContain(', aws_vpc.vpc.id, ');
  });

  test('checks placeholders like renderTemplate', () => {
    expect(() => renderTemplateBase64ForTerraform('{{a}}', {})).toThrow(/no value for placeholder \{\{a\}\}/);
  });
});
