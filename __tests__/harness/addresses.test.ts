import { movedBlocks, parseAddressList, renderAddressList, stackAddresses } from '../../harness/addresses';

const JSON_OF_STACK = {
  resource: {
    aws_vpc: { network_1: { cidr_block: '10.0.0.0/16', '//': { metadata: { path: 'dev/network/Resource' } } } },
    aws_s3_bucket: { site_2: { bucket: 'www.example.com', '//': { metadata: { path: 'dev/site/bucket/Resource' } } } },
    aws_secretsmanager_secret: { admin_3: { name: 'admin', '//': { metadata: { path: 'dev/admin/Resource' } } } },
  },
  data: { aws_region: { current: {} } },
  moved: [{ from: 'aws_s3_bucket.old', to: 'aws_s3_bucket.site_2' }],
};

describe('stackAddresses', () => {
  test('splits resources into stateful ones and the rest, each with its construct path; data sources are left out', () => {
    expect(stackAddresses(JSON_OF_STACK)).toEqual({
      stateful: { 'aws_s3_bucket.site_2': 'dev/site/bucket/Resource', 'aws_secretsmanager_secret.admin_3': 'dev/admin/Resource' },
      other: { 'aws_vpc.network_1': 'dev/network/Resource' },
    });
  });

  test('reads moved blocks', () => {
    expect(movedBlocks(JSON_OF_STACK)).toEqual([{ from: 'aws_s3_bucket.old', to: 'aws_s3_bucket.site_2' }]);
    expect(movedBlocks({})).toEqual([]);
  });
});

describe('the checked-in list', () => {
  test('renders sorted, one address a line, and parses back without its comment', () => {
    const text = renderAddressList({ app: { stacks: { dev: stackAddresses(JSON_OF_STACK) }, moved: {} } });
    expect(text.split('\n').filter((line) => line.includes('aws_'))).toHaveLength(3);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseAddressList(text, 'list.json')).toEqual({ app: { dev: stackAddresses(JSON_OF_STACK) } });
  });

  test('a file that is not the list is named with the command that regenerates it', () => {
    expect(() => parseAddressList('{', 'list.json')).toThrow(/list\.json is not JSON .*npm run snapshot:addresses/);
    expect(() => parseAddressList('[]', 'list.json')).toThrow(/list\.json is not an object of programs/);
  });
});
