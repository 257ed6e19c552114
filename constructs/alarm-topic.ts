import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { WebStackError } from '../core/errors';

/** A plain address: one @, no spaces, a dot in the domain. SNS does the real check by mail. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AlarmTopicProps {
  /** Topic name, unique in the account and region, such as "web-stack-dev-alarms". */
  readonly topicName: string;
  /**
   * Addresses that receive every alarm and recovery by e-mail. Each address gets a
   * confirmation mail from AWS first and receives nothing until the link in it is followed.
   *
   * @default [] - no subscriptions; subscribe later in the console or with the CLI
   */
  readonly emails?: readonly string[];
  /**
   * Text shown as the sender name of the e-mails.
   *
   * @default - the topic name
   */
  readonly displayName?: string;
}

/**
 * The SNS topic every alarm of an environment notifies, with an e-mail subscription per
 * address. Subscriptions are keyed by address, so removing one address removes only its
 * subscription.
 *
 * The topic is not encrypted with the AWS managed SNS key on purpose: CloudWatch alarms cannot
 * publish to a topic encrypted with `alias/aws/sns`, and the messages hold only alarm states.
 *
 * @example
 * const topic = new AlarmTopic(this, 'alarms', { topicName: 'web-dev-alarms', emails: ['ops@example.com'] });
 * new CloudwatchMetricAlarm(this, 'cpu', { ..., alarmActions: [topic.topicArn] });
 */
export class AlarmTopic extends Construct {
  public readonly topic: SnsTopic;
  /** The topic's ARN, for alarm and OK actions. */
  public readonly topicArn: string;
  /** E-mail subscriptions by address. */
  public readonly subscriptions: Readonly<Record<string, SnsTopicSubscription>>;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(props.topicName)) {
      throw new WebStackError(
        `topicName ${JSON.stringify(props.topicName)}: SNS topic names are 1-256 letters, digits, hyphens and underscores`,
        this,
      );
    }
    const emails = props.emails ?? [];
    const seen = new Set<string>();
    for (const email of emails) {
      if (!EMAIL.test(email)) {
        throw new WebStackError(
          `emails contains ${JSON.stringify(email)}, which is not an e-mail address; write it as name@example.com`,
          this,
        );
      }
      if (seen.has(email.toLowerCase())) {
        throw new WebStackError(`emails lists ${JSON.stringify(email)} twice; list each address once`, this);
      }
      seen.add(email.toLowerCase());
    }

    this.topic = new SnsTopic(this, 'Resource', {
      name: props.topicName,
      displayName: props.displayName ?? props.topicName,
    });
    this.topicArn = this.topic.arn;

    const subscriptions: Record<string, SnsTopicSubscription> = {};
    for (const email of emails) {
      subscriptions[email] = new SnsTopicSubscription(this, `email-${email.toLowerCase()}`, {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: email,
      });
    }
    this.subscriptions = subscriptions;
  }
}
