import { Compliance, nonCompliant, PolicyRule, RuleResult, SynthesizedResource, worstOf } from '../../rule';
import { isExpression, list, referencesIn, stringValue, UnresolvedValueError } from '../../values';

const ALARM_TYPES = ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'];
const ACTION_ATTRIBUTES = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'];
const AWS_MANAGED_SNS_KEY = /(^|:)alias\/aws\/sns$/;

/**
 * Whether a topic is encrypted with the AWS managed key. A literal key ID is read directly; a
 * reference to a customer key (`aws_kms_key`) is fine; a `data.aws_kms_alias` is judged by its
 * name; any other expression cannot be judged.
 */
function usesAwsManagedKey(topic: SynthesizedResource, stack: { find(address: string): SynthesizedResource | undefined }): boolean {
  const key = topic.config.kms_master_key_id;
  if (key === undefined || key === null) return false;
  if (!isExpression(key)) return AWS_MANAGED_SNS_KEY.test(String(key));
  const references = referencesIn(key);
  if (references.length === 1 && references[0].address.startsWith('aws_kms_key.')) return false;
  if (references.length === 1 && references[0].address.startsWith('data.aws_kms_alias.')) {
    const alias = stack.find(references[0].address);
    const name = stringValue(alias?.config.name, `${references[0].address}.name`);
    if (name !== undefined) return AWS_MANAGED_SNS_KEY.test(name);
  }
  throw new UnresolvedValueError(`${topic.address}.kms_master_key_id`, key);
}

/**
 * Alarms notify SNS topics CloudWatch can publish to: not one encrypted with `alias/aws/sns`,
 * whose key policy does not let CloudWatch use it, so every notification is dropped silently.
 * Actions that are literal ARNs of topics outside the stack cannot be seen and are not judged.
 */
export const AlarmTopicNotAwsManagedKey: PolicyRule = {
  name: 'AlarmTopicNotAwsManagedKey',
  resourceTypes: ALARM_TYPES,
  check(alarm, context) {
    const results: RuleResult[] = ACTION_ATTRIBUTES.flatMap((attribute) =>
      list(alarm.config[attribute]).flatMap((action) =>
        referencesIn(action)
          .filter((reference) => reference.address.startsWith('aws_sns_topic.'))
          .map((reference): RuleResult => {
            const topic = context.stack.find(reference.address);
            if (!topic) return Compliance.NOT_APPLICABLE;
            return usesAwsManagedKey(topic, context.stack)
              ? nonCompliant(`${attribute} notifies ${topic.address}, which is encrypted with alias/aws/sns`)
              : Compliance.COMPLIANT;
          }),
      ),
    );
    return worstOf(results);
  },
};
