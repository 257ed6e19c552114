import { Construct } from 'constructs';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { grant, IGrantable } from '../grant';
import { PolicyStatement } from '../policy-document';

/** The bucket a grant is for, as every bucket construct describes itself to `grantBucketAccess`. */
export interface GrantedBucket {
  /** Names the policy on the grantee's role: `<name>-s3-read`, `<name>-s3-write`. */
  readonly name: string;
  readonly bucketArn: string;
  /** The bucket's default encryption key: readers need Decrypt, writers GenerateDataKey. */
  readonly kmsKeyArn?: string;
}

/** Objects in, and the listing of, a bucket: what a reader or writer of its content needs, no more. */
export function bucketAccessStatements(bucket: GrantedBucket, access: 'read' | 'write'): PolicyStatement[] {
  const objects = `${bucket.bucketArn}/*`;
  const statements: PolicyStatement[] =
    access === 'read'
      ? [
          { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: objects },
          { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket.bucketArn },
        ]
      : [
          {
            Sid: 'WriteObjects',
            Effect: 'Allow',
            Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
            Resource: objects,
          },
        ];
  if (bucket.kmsKeyArn !== undefined) {
    // A multipart upload reads back the parts it wrote, so writers decrypt too.
    const actions = access === 'read' ? ['kms:Decrypt'] : ['kms:GenerateDataKey', 'kms:Decrypt'];
    statements.push({ Sid: 'UseBucketKey', Effect: 'Allow', Action: actions, Resource: bucket.kmsKeyArn });
  }
  return statements;
}

/** Grants `grantee` read or write access to the objects of `bucket`, as a policy under `scope`. */
export function grantBucketAccess(scope: Construct, bucket: GrantedBucket, access: 'read' | 'write', grantee: IGrantable): IamRolePolicy {
  return grant(scope, {
    grantee,
    access: `s3-${access}`,
    policyName: `${bucket.name}-s3-${access}`,
    statements: bucketAccessStatements(bucket, access),
  });
}
