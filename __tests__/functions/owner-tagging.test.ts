import * as fs from 'fs';
import * as path from 'path';

interface TagInput {
  Resources: string[];
  Tags: { Key: string; Value: string }[];
}
interface Ec2Tagger {
  createTags(input: TagInput): Promise<unknown>;
}
interface OwnerTaggingModule {
  createHandler(getEc2: () => Ec2Tagger): (event: unknown) => Promise<{ owner: string; instanceIds: string[] }>;
  handler(event: unknown): Promise<{ owner: string; instanceIds: string[] }>;
  ownerOf(identity: unknown): string;
}

// The handler is plain CommonJS shipped as-is to Lambda; load it the way Lambda does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ownerTagging: OwnerTaggingModule = require('../../functions/owner-tagging/index.js');

function fixture(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8'));
}

/** A stand-in EC2 client that records every CreateTags call. */
function stubEc2(result: Promise<unknown> = Promise.resolve({})) {
  const calls: TagInput[] = [];
  let created = 0;
  const client: Ec2Tagger = {
    createTags: (input) => {
      calls.push(input);
      return result;
    },
  };
  return {
    calls,
    factory: () => {
      created += 1;
      return client;
    },
    get created() {
      return created;
    },
  };
}

describe('owner-tagging handler', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  test('an IAM user launching two instances: both get Owner = the user name, in one call', async () => {
    const ec2 = stubEc2();
    const result = await ownerTagging.createHandler(ec2.factory)(fixture('run-instances-iam-user'));
    expect(ec2.calls).toEqual([{ Resources: ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002'], Tags: [{ Key: 'Owner', Value: 'alice' }] }]);
    expect(result).toEqual({ owner: 'alice', instanceIds: ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002'] });
  });

  test('an assumed role: Owner = role name / session name, so the person behind a shared role shows', async () => {
    const ec2 = stubEc2();
    await ownerTagging.createHandler(ec2.factory)(fixture('run-instances-assumed-role'));
    expect(ec2.calls).toEqual([
      { Resources: ['i-0b1c2d3e4f5a60003'], Tags: [{ Key: 'Owner', Value: 'AWSReservedSSO_Operators_0123456789abcdef/bob@example.com' }] },
    ]);
  });

  test('the root user: Owner = "root"', async () => {
    const ec2 = stubEc2();
    await ownerTagging.createHandler(ec2.factory)(fixture('run-instances-root'));
    expect(ec2.calls).toEqual([{ Resources: ['i-0c1d2e3f4a5b60004'], Tags: [{ Key: 'Owner', Value: 'root' }] }]);
  });

  test('a failed RunInstances call tags nothing and never creates an EC2 client', async () => {
    const event = fixture('run-instances-iam-user');
    event.detail.errorCode = 'Client.UnauthorizedOperation';
    event.detail.responseElements = null;
    const ec2 = stubEc2();
    const result = await ownerTagging.createHandler(ec2.factory)(event);
    expect(result.instanceIds).toEqual([]);
    expect(ec2.calls).toHaveLength(0);
    expect(ec2.created).toBe(0);
  });

  test('the exported handler loads the AWS SDK only when it has instances to tag', async () => {
    // The SDK is not installed here (the Lambda runtime provides it), so loading it would throw.
    const event = fixture('run-instances-root');
    event.detail.responseElements = null;
    await expect(ownerTagging.handler(event)).resolves.toEqual({ owner: 'root', instanceIds: [] });
  });

  test('a CreateTags failure is rethrown so Lambda retries the event', async () => {
    const ec2 = stubEc2(Promise.reject(new Error('RequestLimitExceeded')));
    await expect(ownerTagging.createHandler(ec2.factory)(fixture('run-instances-root'))).rejects.toThrow('RequestLimitExceeded');
  });
});

describe('ownerOf', () => {
  test('an IAM user without userName falls back to the ARN', () => {
    expect(ownerTagging.ownerOf({ type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/ci' })).toBe('arn:aws:iam::123456789012:user/ci');
  });

  test('an assumed role without a session issuer falls back to the session ARN', () => {
    const arn = 'arn:aws:sts::123456789012:assumed-role/deployer/pipeline';
    expect(ownerTagging.ownerOf({ type: 'AssumedRole', arn })).toBe(arn);
  });

  test('other identity types use the ARN, then the principal ID', () => {
    expect(ownerTagging.ownerOf({ type: 'FederatedUser', arn: 'arn:aws:sts::123456789012:federated-user/carol' })).toBe(
      'arn:aws:sts::123456789012:federated-user/carol',
    );
    expect(ownerTagging.ownerOf({ type: 'AWSService', principalId: 'autoscaling.amazonaws.com' })).toBe('autoscaling.amazonaws.com');
    expect(ownerTagging.ownerOf(undefined)).toBe('unknown');
  });
});
