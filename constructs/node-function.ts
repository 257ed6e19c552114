import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { AssetType, TerraformAsset } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { WebStackError } from '../core/errors';
import { assumeRolePolicy, policyDocument, PolicyStatement } from './policy-document';
import { Grantee, IGrantable, IGrantPrincipal } from './grant';
import { packageFile } from '../core/package-file';
import { functionPackages } from './private/function-packages';
import { zipDirectory } from './private/zip-directory';

/** The source folder of a function shipped with this package: `functions/<name>`. */
export function functionSourceDir(name: string): string {
  return packageFile('functions', name);
}

export interface NodeFunctionProps {
  /** Function name, also the log group's and the role's name. */
  readonly functionName: string;
  /** Folder whose contents are zipped as the deployment package; `index.js` exports `handler`. */
  readonly sourceDir: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /**
   * Node.js runtime.
   *
   * @default NodeFunction.DEFAULT_RUNTIME
   */
  readonly runtime?: string;
  /**
   * Seconds before Lambda stops an invocation.
   *
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Memory in MB; CPU grows with it.
   *
   * @default 128
   */
  readonly memorySize?: number;
  /**
   * Environment variables. Never put secrets here: they are visible in the console and state.
   *
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Days the function's logs are kept.
   *
   * @default NodeFunction.DEFAULT_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
  /**
   * What the function may do besides writing its own logs.
   *
   * @default [] - logging only
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * npm packages the handler requires, zipped with their run-time dependencies under
   * `node_modules/` from this package's own installed (pinned) versions, such as `['mysql2']`.
   *
   * @default [] - the handler and what the Lambda runtime provides (Node.js, the AWS SDK v3)
   */
  readonly packages?: readonly string[];
  /**
   * Run the function in a VPC, to reach private resources such as a database. Its role may then
   * manage the network interfaces Lambda places in the subnets.
   *
   * @default - outside any VPC
   */
  readonly vpc?: { readonly subnetIds: readonly string[]; readonly securityGroupIds: readonly string[] };
}

/**
 * A Node.js Lambda function packaged from a folder in this repository at synth time (a CDKTF
 * asset, so no network and no build step), with its own log group (created first, so the
 * retention applies from the first invocation) and a role that may write only to that group
 * unless given more statements.
 */
export class NodeFunction extends Construct implements IGrantable {
  public static readonly DEFAULT_RUNTIME = 'nodejs22.x';
  public static readonly DEFAULT_LOG_RETENTION_DAYS = 30;

  public readonly function: LambdaFunction;
  /** The execution role: its own log streams, plus the statements given. */
  public readonly role: IamRole;
  /** The role's inline policy: its own logs, the VPC interfaces when in a VPC, the statements given. */
  public readonly policy: IamRolePolicy;
  /** The execution role, for `grant*` methods: `secret.grantRead(fn)`. */
  public readonly grantPrincipal: IGrantPrincipal;
  /** `/aws/lambda/<function name>`, created before the function so its logs have a retention. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The function's name. */
  public readonly functionName: string;
  /** The function's ARN. */
  public readonly functionArn: string;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    if (!fs.existsSync(path.join(props.sourceDir, 'index.js'))) {
      throw new WebStackError(`sourceDir "${props.sourceDir}" has no index.js; point it at the folder holding the handler`, this);
    }
    const timeout = props.timeoutSeconds ?? 30;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
      throw new WebStackError(`timeoutSeconds ${timeout}: Lambda allows whole seconds from 1 to 900`, this);
    }

    // Zipped in-process: an ARCHIVE asset would start a node process per function at every synth.
    const code = new TerraformAsset(this, 'code', {
      path: zipDirectory(props.sourceDir, functionPackages(props.packages ?? [])),
      type: AssetType.FILE,
    });
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays ?? NodeFunction.DEFAULT_LOG_RETENTION_DAYS,
    });
    this.role = new IamRole(this, 'role', {
      name: `${props.functionName}-lambda`,
      assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com'),
    });
    this.grantPrincipal = Grantee.fromIamRole(this.role).grantPrincipal;
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.arn}:*`,
        },
        ...(props.vpc
          ? [
              {
                // What AWSLambdaVPCAccessExecutionRole allows: Lambda's interfaces in the subnets.
                Sid: 'ManageVpcNetworkInterfaces',
                Effect: 'Allow' as const,
                Action: [
                  'ec2:CreateNetworkInterface',
                  'ec2:DescribeNetworkInterfaces',
                  'ec2:DescribeSubnets',
                  'ec2:DeleteNetworkInterface',
                  'ec2:AssignPrivateIpAddresses',
                  'ec2:UnassignPrivateIpAddresses',
                ],
                Resource: '*',
              },
            ]
          : []),
        ...(props.statements ?? []),
      ]),
    });
    this.function = new LambdaFunction(this, 'Resource', {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: props.runtime ?? NodeFunction.DEFAULT_RUNTIME,
      handler: 'index.handler',
      filename: code.path,
      sourceCodeHash: code.assetHash,
      timeout,
      memorySize: props.memorySize ?? 128,
      environment: props.environment ? { variables: { ...props.environment } } : undefined,
      vpcConfig: props.vpc ? { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] } : undefined,
      // The role's policy first: a VPC function cannot be created before it may make its interfaces.
      dependsOn: props.vpc ? [this.logGroup, this.policy] : [this.logGroup],
    });
    this.functionName = this.function.functionName;
    this.functionArn = this.function.arn;
  }
}
