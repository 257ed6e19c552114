import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { WebStackError } from '../core/errors';
import { functionSourceDir, NodeFunction } from './node-function';

/** Matches the CloudTrail record of every EC2 RunInstances call, successful or not. */
export const RUN_INSTANCES_EVENT_PATTERN = {
  source: ['aws.ec2'],
  'detail-type': ['AWS API Call via CloudTrail'],
  detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['RunInstances'] },
} as const;

export interface OwnerTaggingProps {
  /** Name of the function, its role and its EventBridge rule. */
  readonly name: string;
  /** The account ID: the function may tag instances of this account only. */
  readonly accountId: string;
  /**
   * Days the function's logs are kept.
   *
   * @default NodeFunction.DEFAULT_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
}

/**
 * Tags every new EC2 instance with `Owner` = who launched it: an EventBridge rule on the
 * CloudTrail record of `RunInstances` invokes a function (`functions/owner-tagging`) whose
 * role may only create tags on instances and write its logs.
 *
 * EventBridge sees API calls of its own region only: instances launched in other regions are
 * not tagged unless the construct is deployed there too. CloudTrail must be logging management
 * events (see `CloudtrailTrail`) for the events to exist.
 *
 * @example
 * new OwnerTagging(stack, 'owner-tagging', { name: 'web-stack-owner-tagging', accountId: '123456789012' });
 */
export class OwnerTagging extends Construct {
  public readonly function: NodeFunction;
  public readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: OwnerTaggingProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new WebStackError(`accountId "${props.accountId}": an AWS account ID is exactly 12 digits`, this);
    }
    // 64 is the EventBridge rule limit; the role adds "-lambda" to a 64-character maximum.
    if (!/^[A-Za-z0-9_-]{1,57}$/.test(props.name)) {
      throw new WebStackError(`name "${props.name}": use 1-57 letters, digits, "-" and "_"`, this);
    }

    this.function = new NodeFunction(this, 'function', {
      functionName: props.name,
      sourceDir: functionSourceDir('owner-tagging'),
      description: 'Tags new EC2 instances with Owner = the identity that launched them',
      logRetentionDays: props.logRetentionDays,
      statements: [
        {
          Sid: 'TagInstancesOnly',
          Effect: 'Allow',
          Action: 'ec2:CreateTags',
          Resource: `arn:aws:ec2:*:${props.accountId}:instance/*`,
        },
      ],
    });
    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: props.name,
      description: 'EC2 RunInstances calls recorded by CloudTrail',
      eventPattern: JSON.stringify(RUN_INSTANCES_EVENT_PATTERN),
    });
    new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      targetId: 'owner-tagging',
      arn: this.function.functionArn,
    });
    new LambdaPermission(this, 'invoke-permission', {
      statementId: 'AllowEventBridgeInvoke',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });
  }
}
