import { AlarmTopic } from '../../constructs/alarm-topic';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';

describe('AlarmTopic', () => {
  test('defaults: one topic named as given, shown under its name, no subscriptions', () => {
    const json = synthStack((stack) => new AlarmTopic(stack, 'alarms', { topicName: 'web-dev-alarms' }));
    expect(onlyResourceOf(json, 'aws_sns_topic')).toMatchObject({ name: 'web-dev-alarms', display_name: 'web-dev-alarms' });
    expect(resourcesOf(json, 'aws_sns_topic_subscription')).toHaveLength(0);
  });

  test('the topic is not encrypted with the AWS managed key, which alarms cannot publish to', () => {
    const json = synthStack((stack) => new AlarmTopic(stack, 'alarms', { topicName: 'web-dev-alarms' }));
    expect(onlyResourceOf(json, 'aws_sns_topic').kms_master_key_id).toBeUndefined();
  });

  test('one e-mail subscription per address, each on the topic', () => {
    let topic!: AlarmTopic;
    const json = synthStack((stack) => {
      topic = new AlarmTopic(stack, 'alarms', { topicName: 'web-dev-alarms', emails: ['ops@example.com', 'oncall@example.org'] });
    });
    const snsTopic = onlyResourceOf(json, 'aws_sns_topic');
    const subscriptions = resourcesOf(json, 'aws_sns_topic_subscription');
    expect(subscriptions.map((s) => s.endpoint).sort()).toEqual(['oncall@example.org', 'ops@example.com']);
    for (const subscription of subscriptions) {
      expect(subscription).toMatchObject({ protocol: 'email', topic_arn: ref('aws_sns_topic', snsTopic, 'arn') });
    }
    expect(Object.keys(topic.subscriptions)).toEqual(['ops@example.com', 'oncall@example.org']);
  });

  test("removing an address leaves the other subscription's name unchanged", () => {
    const names = (emails: string[]) =>
      resourcesOf(
        synthStack((stack) => new AlarmTopic(stack, 'alarms', { topicName: 't', emails })),
        'aws_sns_topic_subscription',
      )
        .filter((s) => s.endpoint === 'b@example.com')
        .map((s) => s.logicalId);
    expect(names(['a@example.com', 'b@example.com'])).toEqual(names(['b@example.com']));
  });

  test('a display name replaces the topic name as sender', () => {
    const json = synthStack((stack) => new AlarmTopic(stack, 'alarms', { topicName: 't', displayName: 'Web alarms' }));
    expect(onlyResourceOf(json, 'aws_sns_topic').display_name).toBe('Web alarms');
  });

  test('rejects an invalid topic name', () => {
    expect(() => synthStack((stack) => new AlarmTopic(stack, 'alarms', { topicName: 'web dev alarms' }))).toThrow(
      /topicName "web dev alarms": SNS topic names are 1-256 letters, digits, hyphens and underscores/,
    );
  });

  test('rejects something that is not an e-mail address', () => {
    expect(() => synthStack((stack) => new AlarmTopic(stack, 'alarms', { topicName: 't', emails: ['ops at example.com'] }))).toThrow(
      /emails contains "ops at example.com", which is not an e-mail address/,
    );
  });

  test('rejects the same address twice, whatever its case', () => {
    expect(() =>
      synthStack((stack) => new AlarmTopic(stack, 'alarms', { topicName: 't', emails: ['ops@example.com', 'OPS@example.com'] })),
    ).toThrow(/emails lists "OPS@example.com" twice/);
  });
});
