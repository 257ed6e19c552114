// Terraform's built-in `terraform_data` resource, bound the way provider bindings bind theirs:
// a subclass of cdktf's public TerraformResource. cdktf's own binding (`DataResource`) adds a
// validation that runs `terraform version` in a shell at every synth, to check for Terraform 1.4:
// about 45 ms of each app synth, and a synth on a machine without terraform on PATH fails with
// "Could not determine version of terraform". Our stacks already require Terraform 1.10
// (`required_version`), which Terraform itself enforces at init, plan and apply, so this binding
// adds no validation and synthesizes the same JSON as `DataResource`.
import { Construct } from 'constructs';
import { AnyMap, anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, TerraformMetaArguments, TerraformResource } from 'cdktf';

export interface TerraformDataProps extends TerraformMetaArguments {
  /**
   * A value stored in the state and reflected in `output` after apply.
   *
   * @default - no input
   */
  readonly input?: Readonly<Record<string, unknown>>;
  /**
   * A value stored in the state; when it changes, the resource is replaced (and with it every
   * resource whose `replace_triggered_by` names it).
   *
   * @default - never replaced by a change of value
   */
  readonly triggersReplace?: Readonly<Record<string, unknown>>;
}

/**
 * Terraform's built-in `terraform_data` resource (no provider needed): a value that follows a
 * managed resource's lifecycle, for `replace_triggered_by` or provisioners. It synthesizes the
 * same configuration as cdktf's `DataResource`, but does not run `terraform version` at every
 * synth to check for Terraform 1.4, so a synth needs no Terraform on PATH; give the stack a
 * `required_version` of 1.4 or later instead, which Terraform checks at plan and apply.
 *
 * @example
 * const choice = new TerraformData(stack, 'platform-choice', { input: { runtime: 'Node.js 22' } });
 * // lifecycle: { replaceTriggeredBy: [`terraform_data.${choice.friendlyUniqueId}`] }
 */
export class TerraformData extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = 'terraform_data';

  private readonly inputValue?: Readonly<Record<string, unknown>>;
  private readonly triggersReplaceValue?: Readonly<Record<string, unknown>>;

  constructor(scope: Construct, id: string, props: TerraformDataProps = {}) {
    const { input, triggersReplace, ...metaArguments } = props;
    super(scope, id, {
      ...metaArguments,
      terraformResourceType: TerraformData.tfResourceType,
      // "terraform" is the built-in provider: cdktf's provider-presence check skips it.
      terraformGeneratorMetadata: { providerName: 'terraform' },
    });
    this.inputValue = input;
    this.triggersReplaceValue = triggersReplace;
  }

  /** The resource's ID, known after apply. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** The `input` value as Terraform stores it, known after apply. */
  public get output(): AnyMap {
    return new AnyMap(this, 'output');
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      input: hashMapper(anyToTerraform)(this.inputValue),
      triggers_replace: hashMapper(anyToTerraform)(this.triggersReplaceValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return {
      input: hashMapperHcl(anyToHclTerraform)(this.inputValue),
      triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplaceValue),
    };
  }
}
