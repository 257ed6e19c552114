import { TerraformStack, TerraformVariable } from 'cdktf';
import { Connections } from '../../constructs/connections';
import { Database } from '../../constructs/database';
import { DatabaseAttributes, IDatabase } from '../../constructs/database-interface';
import { InstanceRole } from '../../constructs/instance-role';
import { Port } from '../../constructs/port';
import { WebStackError } from '../../core/errors';
import { onlyResourceOf, ref, resourcesOf, synthStack } from '../support/synth';
import { EXISTING_GROUP_ID, existingGroup, rulesOn } from '../support/security-groups';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf';
const ADDRESS = 'shop.abc123xyz.eu-west-1.rds.amazonaws.com';

function importDatabase(stack: TerraformStack, attributes: Partial<DatabaseAttributes> = {}): IDatabase {
  return Database.fromDatabaseAttributes(stack, 'orders', {
    address: ADDRESS,
    securityGroup: existingGroup(stack),
    secretArn: SECRET_ARN,
    ...attributes,
  });
}

function expectAttributeError(attributes: Partial<DatabaseAttributes>, message: RegExp) {
  const build = () => synthStack((stack) => importDatabase(stack, attributes));
  expect(build).toThrow(WebStackError);
  expect(build).toThrow(message);
}

describe('Database.fromDatabaseAttributes', () => {
  test('creates nothing: the endpoint, port and secret are the ones given', () => {
    let database: IDatabase | undefined;
    // GIVEN an existing database
    const json = synthStack((stack) => {
      database = importDatabase(stack, { port: 3307 });
    });
    // THEN nothing is created and its attributes are those given
    expect(json.resource ?? {}).toEqual({});
    expect(database!.instanceEndpointAddress).toBe(ADDRESS);
    expect(database!.instanceEndpoint).toBe(`${ADDRESS}:3307`);
    expect(database!.port).toBe(3307);
    expect(database!.secretArn).toBe(SECRET_ARN);
  });

  test('allowDefaultPortFrom opens its port on the given group and the matching egress on the client', () => {
    const json = synthStack((stack) => {
      // GIVEN an existing database and a client with its own group
      const database = importDatabase(stack);
      const client = { connections: new Connections({ securityGroup: existingGroup(stack, 'client-sg', 'sg-0fedcba9876543210') }) };
      // WHEN the client is let in on the default port
      database.connections.allowDefaultPortFrom(client, 'MySQL from the shop');
    });
    // THEN the ingress on the database's group and the egress on the client's use 3306
    expect(rulesOn(json, EXISTING_GROUP_ID).ingress).toEqual([
      expect.objectContaining({
        referenced_security_group_id: 'sg-0fedcba9876543210',
        from_port: 3306,
        to_port: 3306,
        description: 'MySQL from the shop',
      }),
    ]);
    expect(rulesOn(json, 'sg-0fedcba9876543210').egress).toEqual([
      expect.objectContaining({ referenced_security_group_id: EXISTING_GROUP_ID, from_port: 3306, to_port: 3306 }),
    ]);
  });

  test('a port given replaces 3306 as the default port', () => {
    let database: IDatabase | undefined;
    synthStack((stack) => {
      database = importDatabase(stack, { port: 3307 });
    });
    expect(database!.connections.defaultPort).toEqual(Port.tcp(3307));
  });

  test('grantSecretRead attaches GetSecretValue on the given secret to the grantee role, named after the database', () => {
    const json = synthStack((stack) => {
      const database = importDatabase(stack, { name: 'orders-db' });
      database.grantSecretRead(new InstanceRole(stack, 'role', { name: 'shop-web' }));
    });
    const policy = onlyResourceOf(json, 'aws_iam_role_policy');
    expect(policy.name).toBe('orders-db-db-secret-read');
    expect(policy.role).toBe(ref('aws_iam_role', onlyResourceOf(json, 'aws_iam_role')));
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Sid: 'ReadDatabaseSecret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN },
    ]);
  });

  test('without a name the policy is named after the construct ID; granting twice adds one policy', () => {
    const json = synthStack((stack) => {
      const database = importDatabase(stack);
      const role = new InstanceRole(stack, 'role', { name: 'shop-web' });
      database.grantSecretRead(role);
      database.grantSecretRead(role);
    });
    expect(resourcesOf(json, 'aws_iam_role_policy').map((policy) => policy.name)).toEqual(['orders-db-secret-read']);
  });

  test('a secret ARN known only at apply is accepted', () => {
    const json = synthStack((stack) => {
      const arn = new TerraformVariable(stack, 'secret_arn', { type: 'string' });
      importDatabase(stack, { secretArn: arn.stringValue });
    });
    expect(json.variable.secret_arn).toBeDefined();
  });

  test('address: a URL or host:port is refused', () => {
    expectAttributeError(
      { address: `${ADDRESS}:3306` },
      /address ".*:3306" is not a host name; give the endpoint's address without scheme or port/,
    );
    expectAttributeError({ address: ' ' }, /address " " is not a host name/);
  });

  test('port: outside 1150-65535 is refused', () => {
    expectAttributeError({ port: 80 }, /port 80 is out of range; RDS for MySQL listens on a port from 1150 to 65535/);
  });

  test('secretArn: not a Secrets Manager ARN is refused', () => {
    expectAttributeError({ secretArn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db' }, /secretArn ".*" is not a Secrets Manager ARN/);
  });

  test('name: empty is refused', () => {
    expectAttributeError({ name: '' }, /name is empty; name the database for its policies/);
  });
});
